/**
 * Scale and idle cost in one process: N jobs all due next year are registered (timed, heap measured after a full
 * GC), then the process is left alone for a window while we count CPU time and main-thread wake-ups, then every job
 * is cancelled (timed).
 *
 * Our own window timer wakes the process once at the end of the window; that one wake-up and that one timer
 * callback are subtracted.
 */
import { childOptions, reportPhase, runChild } from '../harness/child-protocol';
import { farFutureExpressions } from '../harness/expressions';
import { cpuMsSince, mainThreadWakeups, settledHeapBytes, sleep, watchTimers } from '../harness/probes';
import { loadSubject, type SubjectId } from '../subjects/subject';

export interface AtRestOptions {
  subject: SubjectId;
  jobs: number;
  distinctExpressions: number;
  idleSeconds: number;
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
  /** Timers still armed at the end of the window (each will wake the process when it is due). */
  armedTimers: number;
  cancelMs: number;
}

runChild(async (): Promise<AtRestResult> => {
  const options = childOptions<AtRestOptions>();
  const timers = watchTimers();
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
  const heapBytes = settledHeapBytes() - heapBefore;

  // Let anything the registration left behind (deferred writes, a first re-arm) settle before the quiet window.
  await sleep(500);
  const cpu = process.cpuUsage();
  const wakeupsBefore = mainThreadWakeups();
  const callbacksBefore = timers.callbacks();
  const idleFrom = performance.now();
  await sleep(options.idleSeconds * 1000);
  const idleMs = performance.now() - idleFrom;
  const cpuMs = cpuMsSince(cpu);
  const wakeupsAfter = mainThreadWakeups();
  const timerCallbacks = timers.callbacks() - callbacksBefore - 1;
  const armed = timers.armed();
  timers.stop();
  reportPhase('idle-measured');

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
    armedTimers: armed,
    cancelMs,
  };
});
