/**
 * Firing lateness: N jobs on `* * * * * *`, each fire a no-op that notes when it started. Every fire is matched to
 * the second it was scheduled for (as the subject itself reports it), so a late fire counts as late, not as the
 * next second's duplicate. Counted over a window of whole seconds that starts after a full warm-up second; fires
 * for those seconds are collected for a grace period after the window, then the jobs are cancelled.
 */
import { childOptions, reportPhase, runChild } from '../harness/child-protocol';
import { cpuMsSince, preciseNow, sleep } from '../harness/probes';
import { spread } from '../harness/stats';
import { loadSubject, type SubjectId } from '../subjects/registry';

export interface LatenessOptions {
  subject: SubjectId;
  jobs: number;
  windowSeconds: number;
  graceMs: number;
}

export interface LatenessResult {
  jobs: number;
  windowSeconds: number;
  registerMs: number;
  expectedFires: number;
  /** Lateness of every fire inside the window, ms. */
  lateness: ReturnType<typeof spread>;
  missed: number;
  duplicated: number;
  /** Fires whose reported scheduled time is not a whole second (a subject bug if ever non-zero). */
  offSecond: number;
  /** CPU ms per second over the window (all threads). */
  cpuMsPerSecond: number;
}

runChild(async (): Promise<LatenessResult> => {
  const options = childOptions<LatenessOptions>();
  const subject = await loadSubject(options.subject);
  const expressions = Array.from({ length: options.jobs }, () => '* * * * * *');

  const capacity = options.jobs * (options.windowSeconds + Math.ceil(options.graceMs / 1000) + 8);
  const firedJob = new Int32Array(capacity);
  const firedFor = new Float64Array(capacity);
  const firedAt = new Float64Array(capacity);
  let fires = 0;
  const onFire = (job: number, scheduledFor: number) => {
    const at = preciseNow();
    if (fires < capacity) {
      firedJob[fires] = job;
      firedFor[fires] = scheduledFor;
      firedAt[fires] = at;
    }
    fires += 1;
  };

  await subject.prepare?.(expressions);
  reportPhase('registering');
  const registerStart = performance.now();
  await subject.register(expressions, onFire);
  const registerMs = performance.now() - registerStart;
  reportPhase('registered');

  // The first fire after registration is warm-up (JIT, first timers); the window starts at the boundary after it.
  const windowStart = Math.ceil((Date.now() + 100) / 1000) * 1000 + 1000;
  const windowEnd = windowStart + options.windowSeconds * 1000;
  await sleep(windowStart - Date.now() - 20);
  const cpu = process.cpuUsage();
  const cpuFrom = performance.now();
  await sleep(windowEnd - Date.now());
  const cpuMsPerSecond = cpuMsSince(cpu) / ((performance.now() - cpuFrom) / 1000);
  await sleep(options.graceMs);
  await subject.cancelAll();
  reportPhase('measured');

  const counts = new Uint16Array(options.jobs * options.windowSeconds);
  const lateness: number[] = [];
  let offSecond = 0;
  for (let i = 0; i < Math.min(fires, capacity); i += 1) {
    const scheduledFor = firedFor[i]!;
    if (!(scheduledFor >= windowStart && scheduledFor < windowEnd)) continue;
    if (scheduledFor % 1000 !== 0) offSecond += 1;
    const second = Math.floor((scheduledFor - windowStart) / 1000);
    counts[firedJob[i]! * options.windowSeconds + second]! += 1;
    lateness.push(firedAt[i]! - scheduledFor);
  }
  let missed = 0;
  let duplicated = 0;
  for (const count of counts) {
    if (count === 0) missed += 1;
    else duplicated += count - 1;
  }
  if (fires > capacity)
    throw new Error(`recorded only ${capacity} of ${fires} fires: the subject fired far more often than once a second`);
  return {
    jobs: options.jobs,
    windowSeconds: options.windowSeconds,
    registerMs,
    expectedFires: counts.length,
    lateness: spread(lateness),
    missed,
    duplicated,
    offSecond,
    cpuMsPerSecond,
  };
});
