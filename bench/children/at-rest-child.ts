/**
 * Scale and idle cost in one process: N jobs all due next year are registered (timed), the process is left alone
 * for a window while we count CPU time and main-thread wake-ups, the heap is measured after a full GC, then every
 * job is cancelled (timed).
 *
 * Our own window timer wakes the process once at the end of the window; that one wake-up and that one timer
 * callback are subtracted.
 */
import { childOptions, reportPhase, runChild } from '../harness/child-protocol';
import { farFutureExpressions } from '../harness/expressions';
import { cpuMsSince, mainThreadWakeups, settledHeapBytes, sleep, countTimerCallbacks } from '../harness/probes';
import { loadSubject, type SubjectId } from '../subjects/subject';

export interface AtRestOptions {
  subject: SubjectId;
  jobs: number;
  distinctExpressions: number;
  idleSeconds: number;
  /** Quiet time between loading and the window (the runtime finishes its own post-load work). */
  settleMs?: number;
}

export interface AtRestResult {
  jobs: number;
  distinctExpressions: number;
  registerMs: number;
  heapBytesPerJob: number;
  heapBytes: number;
  idleSeconds: number;
  cpuMsPerSecond: number;
  /** Main-thread wake-ups in the window (kernel count), ours subtracted. */
  wakeups: number | null;
  timerCallbacks: number;
  cancelMs: number;
}

runChild(async (): Promise<AtRestResult> => {
  const options = childOptions<AtRestOptions>();
  const timers = countTimerCallbacks();
  const subject = await loadSubject(options.subject);
  const expressions = farFutureExpressions(options.jobs, options.distinctExpressions);
  let fired = 0;
  await subject.prepare?.(expressions);

  const heapBefore = settledHeapBytes();
  reportPhase('registering');
  const registerStart = performance.now();
  await subject.register(expressions, () => {
    fired += 1;
  });
  const registerMs = performance.now() - registerStart;
  reportPhase('registered');

  // Let anything the registration left behind (deferred writes, a first re-arm) settle before the quiet window, and
  // run the probes once so the end-of-window reading is not their first (interpreted, allocating) call.
  await sleep(options.settleMs ?? 500);
  cpuMsSince(process.cpuUsage());
  mainThreadWakeups();
  timers.count();
  const cpu = process.cpuUsage();
  const wakeupsBefore = mainThreadWakeups();
  const callbacksBefore = timers.count();
  const idleFrom = performance.now();
  await sleep(options.idleSeconds * 1000);
  const idleMs = performance.now() - idleFrom;
  const cpuMs = cpuMsSince(cpu);
  const wakeupsAfter = mainThreadWakeups();
  const timerCallbacks = timers.count() - callbacksBefore - 1;
  timers.stop();
  reportPhase('idle-measured');
  // Heap is read after the window: a forced full GC makes V8's memory reducer wake the process ~8 s later, which
  // would show up in the idle window as a wake-up no scheduler asked for.
  const heapBytes = settledHeapBytes() - heapBefore;

  const cancelStart = performance.now();
  await subject.cancelAll();
  const cancelMs = performance.now() - cancelStart;
  if (fired > 0) throw new Error(`${fired} far-future jobs fired during the run: the schedules are not what this figure assumes`);
  return {
    jobs: options.jobs,
    distinctExpressions: Math.min(options.distinctExpressions, options.jobs),
    registerMs,
    heapBytesPerJob: heapBytes / options.jobs,
    heapBytes,
    idleSeconds: idleMs / 1000,
    cpuMsPerSecond: cpuMs / (idleMs / 1000),
    wakeups: wakeupsBefore === null || wakeupsAfter === null ? null : wakeupsAfter - wakeupsBefore - 1,
    timerCallbacks,
    cancelMs,
  };
});
