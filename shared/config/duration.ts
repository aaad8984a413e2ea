/**
 * Durations as an admin writes them in jobs.yaml: `30s`, `15m`, `2h`, `1d`, `1w`, `500ms`, or a sum such as `1h30m`
 * (or `1h 30m`).
 * Bare numbers are refused on purpose: `timeout: 30` could mean seconds or minutes, and guessing wrong kills a job.
 */
const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
// Parts may be spaced (`1h 30m`), as admins write them.
const PART = /\s*(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/gy;

/** Parses a duration; returns null when the text is not one. */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (trimmed === '0') return 0;
  PART.lastIndex = 0;
  let total = 0;
  let consumed = 0;
  for (let match = PART.exec(trimmed); match; match = PART.exec(trimmed)) {
    total += Number(match[1]) * UNIT_MS[match[2] as string]!;
    consumed = PART.lastIndex;
  }
  return consumed === trimmed.length ? Math.round(total) : null;
}

/** Formats milliseconds back to the shortest jobs-file form (`90m` → `1h30m`). */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const parts: string[] = [];
  let rest = Math.round(ms);
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1_000],
    ['ms', 1],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.join('');
}
