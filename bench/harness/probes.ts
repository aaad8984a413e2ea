/**
 * What a child process measures about itself: CPU, heap, peak RSS, and how often its main thread woke up.
 *
 * Wake-ups are counted by the kernel, not by us: every time the main thread blocks (in epoll_wait between timers,
 * or on a futex while it waits for a GC helper) and is woken again, Linux counts one voluntary context switch for
 * that thread in /proc/self/task/<tid>/status. The main thread's tid is the pid. This counts every reason the
 * process woke (timers, GC tasks V8 posts to the loop, I/O), which is what a laptop's battery sees.
 * https://man7.org/linux/man-pages/man5/proc_pid_status.5.html
 */
import { createHook } from 'node:async_hooks';
import { readFileSync } from 'node:fs';
import { GCProfiler } from 'node:v8';

function statusField(path: string, field: string): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(readFileSync(path, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Voluntary context switches of the main thread so far (null off Linux). */
export function mainThreadWakeups(): number | null {
  return statusField(`/proc/self/task/${process.pid}/status`, 'voluntary_ctxt_switches');
}

/** Peak resident set size of this process so far, in bytes (VmHWM; null off Linux). */
export function peakRssBytes(): number | null {
  const kib = statusField('/proc/self/status', 'VmHWM');
  return kib === null ? null : kib * 1024;
}

/** CPU time (user + system, all threads) in ms since `since`. */
export function cpuMsSince(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

/** Heap in use after a full collection (needs `--expose-gc`). */
export function settledHeapBytes(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run the child with --expose-gc: heap figures need a full collection first');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/**
 * Counts JavaScript timer callbacks (setTimeout, setInterval, setImmediate) as they run. Must be installed before the
 * subject arms its timers, because the hook learns a timer's type when the timer is created. It has no destroy hook
 * on purpose: with one, Node queues destroy events when the GC collects handles and wakes the loop to deliver them,
 * which added a wake-up to every idle window that no scheduler caused.
 */
export function countTimerCallbacks(): { count: () => number; stop: () => void } {
  const timerIds = new Set<number>();
  let callbacks = 0;
  const hook = createHook({
    init(asyncId, type) {
      if (type === 'Timeout' || type === 'Immediate') timerIds.add(asyncId);
    },
    before(asyncId) {
      if (timerIds.has(asyncId)) callbacks += 1;
    },
  }).enable();
  return { count: () => callbacks, stop: () => hook.disable() };
}

/**
 * Counts full (mark-compact) collections from now until `stop()`. V8's GC profiler records them natively, so it adds no
 * timer or immediate of its own (a perf_hooks observer would: it delivers GC entries with setImmediate). It tells the
 * runtime's heap work (V8's memory reducer after a load) from a scheduler's.
 */
export function countMajorGcs(): { stop: () => number } {
  const profiler = new GCProfiler();
  profiler.start();
  return {
    stop: () => (profiler.stop()?.statistics ?? []).filter((entry) => entry.gcType === 'MarkSweepCompact').length,
  };
}

/** High-resolution wall-clock epoch ms (sub-millisecond, unlike Date.now()). */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
