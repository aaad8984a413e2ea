/**
 * A `window.api` for component tests: every contract method answers from in-memory data (override any of them), and
 * `emit` pushes an event the way the preload would. Calls are recorded so tests can assert what was (not) sent.
 */
import { vi } from 'vitest';
import {
  type EventName,
  type EventPayload,
  type MethodName,
  type MethodOutput,
  type Result,
  type WindowApi,
  methodNames,
} from '../../shared/api/contract';
import type { CheckView, JobView, SchedulerStatus } from '../../shared/model';
import { makeJob, makeStatus } from '../helpers/model-builders';

export { makeCheck, makeJob, makeRun, makeStatus } from '../helpers/model-builders';

type Handlers = { [M in MethodName]?: (input: never) => Promise<Result<MethodOutput<M>>> | Result<MethodOutput<M>> };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (
  message: string,
  code: 'internal' | 'conflict' | 'invalid-config' | 'refused' | 'not-found' = 'internal',
): Result<never> => ({ ok: false, error: { code, message } });

/** The job most window tests show: a named nightly backup due in an hour. */
export function sampleJob(overrides: Partial<JobView> = {}): JobView {
  return makeJob({
    name: 'Back up home',
    tags: ['backup'],
    actionSummary: 'restic backup ~/',
    nextFireAt: Date.now() + 3_600_000,
    ...overrides,
  });
}

export interface FakeApi {
  api: WindowApi;
  /** vi.fn per method, to assert calls. */
  calls: Record<MethodName, ReturnType<typeof vi.fn>>;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  listenerCount(event: EventName): number;
}

export function createFakeApi(
  state: { jobs?: JobView[]; status?: SchedulerStatus; checks?: CheckView[] } = {},
  handlers: Handlers = {},
): FakeApi {
  const jobs = state.jobs ?? [sampleJob()];
  const defaults: Handlers = {
    listJobs: () => ok(jobs),
    status: () => ok(state.status ?? makeStatus({ jobCount: jobs.length })),
    getJob: ((input: { id: string }) => {
      const job = jobs.find((entry) => entry.id === input.id);
      return job
        ? ok({
            job,
            source: { id: job.id, cron: job.schedule.text, command: job.actionSummary },
            nextFires: [Date.now() + 3_600_000],
          })
        : fail(`no job ${input.id}`, 'not-found');
    }) as never,
    history: () => ok({ runs: [], nextBefore: null }),
    runNow: () => ok({ runId: 7, queued: false, refused: null }),
    setJobEnabled: () => ok({ version: 'v2' }),
    previewSchedule: () =>
      ok({ fires: [Date.UTC(2030, 0, 1, 4, 15)], description: 'At 04:15', error: null, timezone: 'UTC' }),
    saveJob: ((input: { job: { id: string } }) => ok({ version: 'v2', id: input.job.id })) as never,
    upcoming: () => ok([]),
    fireDensity: ({ from, to, bucketMs }: { from: number; to: number; bucketMs: number }) =>
      ok({ from, to, bucketMs, total: 0, jobs: [] }),
    readConfig: () => ok({ path: '/tmp/jobs.yaml', text: 'jobs: []\n', version: 'v1' }),
    validateConfig: () => ok({ ok: true, issues: [], jobCount: 0 }),
    runOutput: ((input: { runId: number }) =>
      ok({ runId: input.runId, text: '', totalBytes: 0, truncated: false })) as never,
    runDeliveries: () => ok([]),
    listChannels: () => ok([]),
    pauseAll: () => ok({}),
    resumeAll: () => ok({}),
    getHttpApi: () =>
      ok({ enabled: false, port: 7370, url: null, servedBy: null, error: null, tokenPath: '/tmp/api-token' }),
    // Issue 12: no checks, no recorded downtime, no durations unless a test says otherwise.
    listChecks: () => ok(state.checks ?? []),
    downtime: () => ok([]),
    durationStats: ((input: { id: string }) =>
      ok({ jobId: input.id, medianMs: null, p95Ms: null, sampleSize: 0, runs: [] })) as never,
    getCheck: ((input: { id: string }) => {
      const check = (state.checks ?? []).find((entry) => entry.id === input.id);
      return check ? ok({ check, pings: [] }) : fail(`no check ${input.id}`, 'not-found');
    }) as never,
  };
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const calls = {} as FakeApi['calls'];
  const api = {} as Record<string, unknown>;
  for (const method of methodNames) {
    const handler = (handlers[method] ?? defaults[method]) as ((input: never) => unknown) | undefined;
    calls[method] = vi.fn(async (input: never) =>
      handler ? handler(input) : fail(`${method} is not faked`, 'not-found'),
    );
    api[method] = calls[method];
  }
  api.on = (event: string, listener: (payload: unknown) => void) => {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  };
  return {
    api: api as unknown as WindowApi,
    calls,
    emit: (event, payload) => listeners.get(event)?.forEach((listener) => listener(payload)),
    listenerCount: (event) => listeners.get(event)?.size ?? 0,
  };
}
