/** Builders and probes shared by the runner tests. */
import fs from 'node:fs';
import type { ActionSpec, JobSpec } from '../../../shared/config/schema';
import type { RunContext } from '../../../electron/core/ports';

export function jobWith(action: ActionSpec, overrides: Partial<JobSpec> = {}): JobSpec {
  return {
    id: 'test-job',
    name: 'Test job',
    description: null,
    enabled: true,
    tags: [],
    schedule: { kind: 'every', everyMs: 60_000, text: '1m' },
    timezone: 'UTC',
    jitterMs: 0,
    action,
    timeoutMs: 60_000,
    retry: { attempts: 0, delayMs: 60_000, backoff: 1, maxDelayMs: 3_600_000 },
    overlap: 'skip',
    catchUp: { policy: 'once', windowMs: 86_400_000, max: 100 },
    notify: { failure: true, success: false, missed: false },
    ...overrides,
  };
}

export function commandJob(
  command: string | string[],
  extra: Partial<Extract<ActionSpec, { kind: 'command' }>> = {},
  overrides: Partial<JobSpec> = {},
): JobSpec {
  return jobWith({ kind: 'command', command, cwd: null, env: {}, shell: '/bin/sh', ...extra }, overrides);
}

export const manualRun: RunContext = { runId: 7, jobId: 'test-job', scheduledFor: null, attempt: 1 };

/**
 * Whether a process can still run. `process.kill(pid, 0)` alone is not enough here: in containers whose PID 1 does
 * not reap orphans, a killed grandchild stays a zombie and still "exists".
 */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

/** Pids the job printed as `label <pid>` lines. */
export function printedPids(output: Buffer, label: string): number[] {
  return [...output.toString('utf8').matchAll(new RegExp(`^${label} (\\d+)$`, 'gm'))].map((match) => Number(match[1]));
}

/** A clock that moves only when told: for actions with no real process (builtins), so timeouts need no waiting. */
export function manualClock(start = Date.UTC(2027, 0, 1, 2, 0, 0)) {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    monotonic: () => now - start,
    setTimeout: (fn: () => void, ms: number) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (handle: unknown) => {
      timers.delete(handle as number);
    },
    pendingTimers: () => timers.size,
    advance(ms: number) {
      now += ms;
      for (const [id, timer] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at > now) continue;
        timers.delete(id);
        timer.fn();
      }
    },
  };
}
