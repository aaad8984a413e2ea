/**
 * Deterministic jitter: the offset depends only on (job id, nominal fire time), so the same fire always lands at the
 * same moment — listings, the CLI's `next` and a restarted engine agree — while jobs sharing a schedule spread out.
 */

/** FNV-1a (32 bit) over the job id and the fire time; fast, no allocation beyond the string. */
function hash(jobId: string, fireAt: number): number {
  let h = 0x811c9dc5;
  const text = `${jobId}@${fireAt}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** An offset in [0, jitterMs) for this fire; 0 when the job has no jitter. */
export function jitterOffset(jobId: string, fireAt: number, jitterMs: number): number {
  if (jitterMs <= 0) return 0;
  return hash(jobId, fireAt) % Math.floor(jitterMs);
}
