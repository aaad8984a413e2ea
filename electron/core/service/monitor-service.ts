/**
 * The service side of issue 12: checks, pings, expectations, slow runs, duration stats and downtime, composed from
 * the monitor (electron/core/monitor), its store and the run store. open-cronbar.ts only wires it in: config reloads
 * and run events go in, contract events come out.
 */
import type { EventName, EventPayload } from '../../../shared/api/contract';
import { CronbarError } from '../../../shared/api/cronbar-error';
import type { CheckSpec } from '../../../shared/config/check-schema';
import type { JobSpec, JobsConfig } from '../../../shared/config/schema';
import type { CheckView, JobView, PingKind, PingRecord, PingSource, RunRecord } from '../../../shared/model';
import { suggestKey } from '../config/did-you-mean';
import { Monitor } from '../monitor/monitor';
import type { MonitorStore } from '../monitor/monitor-store';
import type { Clock, Store } from '../ports';
import { buildCheckView } from './check-views';
import { type DowntimeRecorder, startDowntimeRecorder } from './downtime-recorder';
import { durationStats } from './duration-stats';
import { lastSuccessAt, overdueOf, slowRunIds } from './overdue-views';

const WEEK_MS = 7 * 86_400_000;
const FINISHED = ['succeeded', 'failed', 'timed-out', 'interrupted'] as const;

export interface MonitorServiceOptions {
  store: Store;
  monitorStore: MonitorStore;
  clock: Clock;
  dataDir: string;
  scheduling: boolean;
  /** Who schedules (`daemon`, `app`), for the session rows. */
  sessionKind: string;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  log: (line: string) => void;
}

export interface PingInput {
  check: string;
  kind: PingKind;
  exitCode?: number;
  message?: string;
  source: PingSource;
  output?: Buffer;
  outputBytes?: number;
}

export function createMonitorService(options: MonitorServiceOptions) {
  const { store, monitorStore, clock, emit, log, scheduling } = options;
  let checks = new Map<string, CheckSpec>();
  let jobs = new Map<string, JobSpec>();
  let lastSeenPing = monitorStore.lastPingId();
  let downtime: DowntimeRecorder | null = null;

  const checkView = (id: string): CheckView => {
    const spec = checks.get(id)!;
    const verdict = monitor.checkVerdict(id);
    return buildCheckView(spec, monitorStore.lastPings(id), clock.now(), scheduling && verdict ? verdict : undefined);
  };

  const monitor = new Monitor(
    clock,
    {
      lastPingsByCheck: () => monitorStore.lastPingsByCheck(),
      lastSuccessAt: (jobId) => lastSuccessAt(store, jobId),
      expectationSince: (jobId) => expectationStart(jobId),
    },
    {
      checkChanged(id, verdict, previous) {
        log(`check ${id} ${previous} -> ${verdict.state}${verdict.reason ? `: ${verdict.reason}` : ''}`);
        emit('check:changed', { check: checkView(id), previous });
      },
      overdueChanged(jobId, overdue) {
        const job = jobs.get(jobId);
        if (!job) return;
        const info = overdue ? overdueOf(store, job, expectationStart(jobId), clock.now()) : null;
        log(
          `job ${jobId} ${overdue ? `overdue: ${info?.reason ?? ''}` : 'recovered: succeeded within its expectation again'}`,
        );
        emit('job:overdue', { jobId, name: job.name, overdue: info });
      },
      runSlow(runId, jobId, warnAfterMs) {
        const run = store.getRun(runId);
        if (!run) return;
        log(`run ${runId} ${jobId} slow: still running after ${Math.round(warnAfterMs / 60_000)} min`);
        emit('run:slow', { run, warnAfterMs });
      },
    },
  );

  /** Recorded the first time any process looks at the job (INSERT OR IGNORE), so every process counts from there. */
  const expectationStart = (jobId: string) => {
    const since = monitorStore.expectationSince(jobId);
    if (since !== null) return since;
    const now = clock.now();
    monitorStore.setExpectationSince(jobId, now);
    return now;
  };

  const deliver = (ping: PingRecord) => {
    if (ping.id > lastSeenPing) lastSeenPing = ping.id;
    monitor.onPing(ping);
  };

  const requireCheck = (id: string): CheckSpec => {
    const check = checks.get(id);
    if (check) return check;
    const suggestion = suggestKey(id, [...checks.keys()]);
    const hint = suggestion
      ? `; did you mean ${JSON.stringify(suggestion)}?`
      : checks.size === 0
        ? '; the jobs file has no checks: section'
        : '';
    throw new CronbarError(
      'not-found',
      `no check with id ${JSON.stringify(id)}${jobs.has(id) ? ' (that is a job Cronbar runs itself)' : ''}${hint}`,
    );
  };

  return {
    applyConfig(config: JobsConfig) {
      checks = new Map((config.checks ?? []).map((check) => [check.id, check]));
      jobs = new Map(config.jobs.map((job) => [job.id, job]));
      if (!scheduling) return;
      monitor.setChecks([...checks.values()]);
      monitor.setExpectedJobs(
        config.jobs
          .filter((job) => job.expectSucceededWithinMs)
          .map((job) => ({ id: job.id, withinMs: job.expectSucceededWithinMs! })),
      );
    },
    start() {
      if (!scheduling) return;
      downtime = startDowntimeRecorder(monitorStore, clock, { pid: process.pid, kind: options.sessionKind }, log);
      monitor.start();
    },
    onRunStarted(run: RunRecord) {
      monitor.onRunStarted(run, jobs.get(run.jobId)?.warnAfterMs);
    },
    onRunFinished(run: RunRecord) {
      monitor.onRunFinished(run);
      const job = jobs.get(run.jobId);
      // prune-history prunes pings and downtime with the same limits as runs.
      if (job?.action.kind === 'builtin' && job.action.name === 'prune-history' && run.status === 'succeeded') {
        const { deleted } = monitorStore.prune({
          keepDays: job.action.keepDays,
          keepPings: job.action.keepRuns,
          now: clock.now(),
        });
        if (deleted > 0) log(`pruned ${deleted} old pings and downtime rows`);
      }
    },
    /** The engine resynced (resume, clock change, late timer): record the jump, then handle passed deadlines. */
    onResync({ reason, driftMs }: { reason: string; driftMs: number }) {
      downtime?.noteClock(reason, driftMs);
      monitor.resync();
    },
    noteSuspend() {
      downtime?.noteSuspend();
    },
    /** The engine's periodic clock check: the session's heartbeat rides on it (no timer of its own). */
    onClockCheck(now: number) {
      downtime?.heartbeat(now);
    },
    /** Delivers the pings other processes stored after the last one seen here (one indexed query). */
    takeNewPings() {
      if (!scheduling) return;
      for (const ping of monitorStore.pingsAfter(lastSeenPing)) deliver(ping);
    },
    stop() {
      monitor.stop();
      downtime?.stop();
      monitorStore.close();
    },

    /** The scheduler's monitor says so (kept current by its deadlines; false in a process that does not schedule). */
    isOverdue(jobId: string): boolean {
      return monitor.isOverdue(jobId);
    },

    /** The issue-12 fields of a job's view. */
    jobFields(
      job: JobSpec,
      recent: readonly RunRecord[],
    ): Pick<JobView, 'overdue' | 'expectSucceededWithinMs' | 'warnAfterMs' | 'slowRunIds'> {
      const now = clock.now();
      return {
        overdue: job.expectSucceededWithinMs ? overdueOf(store, job, expectationStart(job.id), now) : null,
        expectSucceededWithinMs: job.expectSucceededWithinMs ?? null,
        warnAfterMs: job.warnAfterMs ?? null,
        slowRunIds: slowRunIds(job, recent, now),
      };
    },

    /**
     * The tray's part of jobFields without a query per job: a scheduler's monitor already knows which jobs are overdue
     * (only those read their details), and `live` is every live run, read once for all jobs.
     */
    summaryFields(job: JobSpec, live: readonly RunRecord[]): Pick<JobView, 'overdue' | 'slowRunIds'> {
      const now = clock.now();
      const mayBeOverdue = job.expectSucceededWithinMs && (!scheduling || monitor.isOverdue(job.id));
      return {
        overdue: mayBeOverdue ? overdueOf(store, job, expectationStart(job.id), now) : null,
        slowRunIds: slowRunIds(job, live, now),
      };
    },

    async listChecks() {
      const pings = monitorStore.lastPingsByCheck();
      const now = clock.now();
      return [...checks.values()].map((check) =>
        buildCheckView(check, pings.get(check.id) ?? { end: null, start: null }, now),
      );
    },
    async getCheck({ id, pingLimit }: { id: string; pingLimit: number }) {
      requireCheck(id);
      return { check: checkView(id), pings: monitorStore.checkPings(id, pingLimit) };
    },
    async ping(input: PingInput) {
      requireCheck(input.check);
      if (input.kind === 'exit' && input.exitCode === undefined)
        throw new CronbarError('invalid-input', 'an exit ping needs its exit code (0-255)');
      const ping = monitorStore.insertPing({
        checkId: input.check,
        kind: input.kind,
        at: clock.now(),
        exitCode: input.exitCode ?? null,
        message: input.message ?? null,
        source: input.source,
        output: input.output ?? null,
        outputBytes: input.outputBytes,
      });
      // Stored by a process that does not schedule (no scheduler runs, or `cronbar exec`'s output): the scheduler
      // reads it at its start, or when told to (open-cronbar.ts's ping).
      if (scheduling) deliver(ping);
      return { ping, check: checkView(input.check) };
    },
    async durationStats({ id }: { id: string }) {
      const successes = store.history({ jobId: id, statuses: ['succeeded'], limit: 50 }).runs;
      const finished = store.history({ jobId: id, statuses: [...FINISHED], limit: 50 }).runs;
      return durationStats(id, successes, finished);
    },
    /** The scheduler sessions around a time and the first one recorded: whether anything scheduled then. */
    sessionsOverlapping: (from: number, until: number) => monitorStore.sessionsOverlapping(from, until),
    firstSessionStart: () => monitorStore.firstSessionStart(),
    async downtime({ since, until }: { since?: number; until?: number }) {
      const now = clock.now();
      return monitorStore.downtime(since ?? now - WEEK_MS, until ?? now);
    },
  };
}

export type MonitorService = ReturnType<typeof createMonitorService>;
