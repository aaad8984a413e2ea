/** Builds an engine on a fake clock, a memory store and a fake runner, and reads back what a user would see. */
import { Engine } from '../../../electron/core/engine/engine';
import type { PlatformProbes } from '../../../electron/core/engine/platform-probes';
import type { JobSpec } from '../../../shared/config/schema';
import type { RunRecord } from '../../../shared/model';
import { FakeClock, flush } from '../../helpers/fake-clock';
import { MemoryStore } from '../../helpers/memory-store';
import { FakeRunner } from './fake-runner';

export interface Harness {
  engine: Engine;
  clock: FakeClock;
  store: MemoryStore;
  runner: FakeRunner;
  logs: string[];
  finished: RunRecord[];
  runs(jobId?: string): RunRecord[];
  /** A compact view: status, trigger, fire time (ISO) and reason. */
  summary(jobId?: string): Array<{ status: string; trigger: string; for: string | null; reason: string | null }>;
  /** A new engine on the same store and clock, as after a restart. */
  restart(jobs: JobSpec[], options?: { concurrency?: number }): Harness;
}

export function makeHarness(
  jobs: JobSpec[],
  options: {
    start?: string | number;
    concurrency?: number;
    store?: MemoryStore;
    clock?: FakeClock;
    autoStart?: boolean;
    probes?: PlatformProbes;
  } = {},
): Harness {
  const clock = options.clock ?? new FakeClock(options.start ?? '2026-01-01T00:00:00Z');
  const store = options.store ?? new MemoryStore();
  const runner = new FakeRunner();
  const logs: string[] = [];
  const engine = new Engine({
    store,
    runner,
    clock,
    concurrency: options.concurrency,
    log: (line) => logs.push(line),
    ...(options.probes ? { probes: options.probes } : {}),
  });
  const finished: RunRecord[] = [];
  engine.on('run:finished', (run) => finished.push(run));
  engine.setJobs(jobs);
  if (options.autoStart !== false) engine.start();
  const harness: Harness = {
    engine,
    clock,
    store,
    runner,
    logs,
    finished,
    runs: (jobId) => store.allRuns(jobId),
    summary: (jobId) =>
      store.allRuns(jobId).map((run) => ({
        status: run.status,
        trigger: run.trigger,
        for: run.scheduledFor === null ? null : new Date(run.scheduledFor).toISOString(),
        reason: run.reason,
      })),
    restart: (nextJobs, restartOptions = {}) =>
      makeHarness(nextJobs, { store, clock, concurrency: restartOptions.concurrency }),
  };
  return harness;
}

export { flush };
export const at = (text: string) => Date.parse(text);
export const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
