/**
 * Scale and idle cost in one process: N jobs all due next year are registered (timed), the process is left alone
 * for one or more back-to-back windows ("slots") while we count CPU time, main-thread wake-ups and full GCs, the heap
 * is measured after a full GC, then every job is cancelled (timed).
 *
 * Several slots show the idle as it settles: after a big load V8's memory reducer shrinks the heap once, some 15-45 s
 * later (hundreds of incremental-marking steps, each a wake-up), and only then is the process at its steady idle.
 * Our own slot timer wakes the process once at the end of each slot; that wake-up and that timer callback are
 * subtracted.
 */
import { childOptions, reportPhase, runChild } from '../harness/child-protocol';
import { farFutureExpressions } from '../harness/expressions';
import {
  countMajorGcs,
  countTimerCallbacks,
  cpuMsSince,
  mainThreadWakeups,
  settledHeapBytes,
  sleep,
} from '../harness/probes';
import { loadSubject, type SubjectId } from '../subjects/registry';

export interface AtRestOptions {
  subject: SubjectId;
  jobs: number;
  distinctExpressions: number;
  /** The window, when there is one. */
  idleSeconds: number;
  /** Back-to-back windows instead, their lengths in seconds; the last is the steady idle the top-level figures report. */
  slotSeconds?: number[];
  /** Quiet time between loading and the window (the runtime finishes its own post-load work). */
  settleMs?: number;
}

export interface IdleSlot {
  /** Seconds after loading ended that the slot started. */
  startSeconds: number;
  seconds: number;
  cpuMsPerSecond: number;
  /** Main-thread wake-ups (kernel count), ours subtracted; null off Linux. */
  wakeups: number | null;
  timerCallbacks: number;
  majorGcs: number;
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
  /** Full GCs in the (last) window. */
  majorGcs: number;
  /** Every slot, in order; the top-level idle figures are the last one's. */
  slots: IdleSlot[];
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
  const registerEnd = performance.now();
  const registerMs = registerEnd - registerStart;
  reportPhase('registered');

  // Let anything the registration left behind (deferred writes, a first re-arm) settle before the quiet window, and
  // run the probes once so the end-of-window reading is not their first (interpreted, allocating) call.
  await sleep(options.settleMs ?? 500);
  cpuMsSince(process.cpuUsage());
  mainThreadWakeups();
  timers.count();
  countMajorGcs().stop();
  const slots: IdleSlot[] = [];
  for (const seconds of options.slotSeconds ?? [options.idleSeconds])
    slots.push(await idleSlot(seconds, registerEnd, timers));
  timers.stop();
  reportPhase('idle-measured');
  // Heap is read after the window: a forced full GC makes V8's memory reducer wake the process ~8 s later, which
  // would show up in the idle window as a wake-up no scheduler asked for.
  const heapBytes = settledHeapBytes() - heapBefore;

  const cancelStart = performance.now();
  await subject.cancelAll();
  const cancelMs = performance.now() - cancelStart;
  if (fired > 0)
    throw new Error(`${fired} far-future jobs fired during the run: the schedules are not what this figure assumes`);
  const steady = slots[slots.length - 1]!;
  return {
    jobs: options.jobs,
    distinctExpressions: Math.min(options.distinctExpressions, options.jobs),
    registerMs,
    heapBytesPerJob: heapBytes / options.jobs,
    heapBytes,
    idleSeconds: steady.seconds,
    cpuMsPerSecond: steady.cpuMsPerSecond,
    wakeups: steady.wakeups,
    timerCallbacks: steady.timerCallbacks,
    majorGcs: steady.majorGcs,
    slots,
    cancelMs,
  };
});

async function idleSlot(seconds: number, registerEnd: number, timers: { count: () => number }): Promise<IdleSlot> {
  const gcs = countMajorGcs();
  const cpu = process.cpuUsage();
  const wakeupsBefore = mainThreadWakeups();
  const callbacksBefore = timers.count();
  const from = performance.now();
  await sleep(seconds * 1000);
  const ms = performance.now() - from;
  const cpuMs = cpuMsSince(cpu);
  const wakeupsAfter = mainThreadWakeups();
  const majorGcs = gcs.stop();
  return {
    startSeconds: (from - registerEnd) / 1000,
    seconds: ms / 1000,
    cpuMsPerSecond: cpuMs / (ms / 1000),
    wakeups: wakeupsBefore === null || wakeupsAfter === null ? null : wakeupsAfter - wakeupsBefore - 1,
    timerCallbacks: timers.count() - callbacksBefore - 1,
    majorGcs,
  };
}
