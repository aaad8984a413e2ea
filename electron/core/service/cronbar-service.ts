/**
 * The service API answered from the core's parts: the jobs file, the engine, the store, the monitor and the routed
 * control. It only answers; open-cronbar.ts builds and starts the parts and says how they close.
 */
import { CronbarError } from '../../../shared/api/cronbar-error';
import type { ParsedInput } from '../../../shared/api/contract';
import type { JobSpec } from '../../../shared/config/schema';
import type { RunRecord, SchedulerStatus } from '../../../shared/model';
import type { Engine } from '../engine/engine';
import { isRunOwnerGone } from '../engine/process-group-reaper';
import type { Clock, Store } from '../ports';
import { Backfills } from './backfill';
import type { EventRelay } from './event-relay';
import type { LockResult } from './instance-lock';
import { jobEnvironmentView } from './job-environment-view';
import { chainFields } from './chain-views';
import { buildJobSummary, buildJobView } from './job-views';
import type { JobsFileHolder } from './jobs-file-holder';
import type { JobsEditor } from './lazy-config';
import type { MonitorService } from './monitor-service';
import { previewSchedule } from './preview-schedule';
import type { RoutedControl } from './routed-control';
import { createEditProposals } from './edit-proposals';
import { whyNotRun } from './why-not-run';
import { scheduleSnapshot } from './schedule-snapshot';
import type { BaseEnvironmentHolder } from './base-environment';
import { dataPaths } from '../store/data-paths';
import type { CronbarPaths } from './cronbar-paths';
import type { DeliveryReads } from './delivery-reads';
import type { CronbarService, OpenCronbarOptions } from './types';
import type { ConfigOrigin } from '../../../shared/config-history';
import { configHistoryMethods, revertConfigMethod } from './config-history-methods';

/**
 * Imports are planned on a worker thread, so a big one delays no timer; the parsers, the YAML editor and zod load only
 * when an import is asked for (not for `cronbar list`).
 */
const loadImportOffThread = () => import('./import-off-thread');

export interface ServiceParts {
  paths: CronbarPaths;
  clock: Clock;
  store: Store;
  engine: Engine;
  monitoring: MonitorService;
  jobs: JobsFileHolder;
  relay: EventRelay;
  control: RoutedControl;
  /** Null when this process did not ask for it (it does not schedule). */
  lock: LockResult | null;
  scheduling: boolean;
  importReadFile: OpenCronbarOptions['importReadFile'];
  /** What job runs here start from (base-environment.ts). */
  environment: BaseEnvironmentHolder;
  /** Who this process's own config writes are recorded as (the CLI; the app). */
  origin: ConfigOrigin;
  /** The notification queue's records, for a run's detail. */
  deliveries: DeliveryReads;
  /** Stops and closes every part, once. */
  close: CronbarService['shutdown'];
}

export type CoreService = CronbarService & {
  /** What `status()` answers, synchronously: for `scheduler:changed`. */
  schedulerStatus(): SchedulerStatus;
};

export function createCronbarService(parts: ServiceParts): CoreService {
  const { paths, clock, store, engine, monitoring, jobs, control, lock, scheduling } = parts;
  const findJob = (id: string): JobSpec => jobs.findJob(id);

  const view = (job: JobSpec) => {
    const recent = store.history({ jobId: job.id, limit: 25 }).runs;
    return {
      ...buildJobView(job, engine.jobRuntime(job.id), engine.nextFire(job.id), recent),
      ...monitoring.jobFields(job, recent),
      ...chainFields(job, jobs.config.jobs),
    };
  };

  const schedulerStatus = (): SchedulerStatus => {
    const engineStatus = engine.status();
    return {
      pausedAll: engineStatus.pausedAll,
      pausedAllUntil: engineStatus.pausedAllUntil,
      running: engineStatus.running,
      queued: engineStatus.queued,
      concurrency: engineStatus.concurrency,
      jobCount: jobs.config.jobs.length,
      scheduling,
      lockHolder: lock && !lock.acquired ? lock.description : null,
      dataDir: paths.dataDir,
      configPath: paths.configPath,
      dbPath: paths.dbPath,
      configErrors: jobs.errors,
    };
  };

  /** Who acts for this process in answers: the scheduler, or a CLI command beside none. */
  const by = scheduling
    ? `the ${lock?.acquired ? lock.owner.kind : 'scheduler'} (pid ${process.pid})`
    : `this cronbar command (pid ${process.pid}; no scheduler runs)`;

  const backfills = new Backfills({
    calendar: (id) => engine.fireCalendar(id),
    succeededSlots(id, from, to) {
      // Bounded: a slot beyond this many rows scheduled since `from` simply runs again (rerun semantics).
      const rows = store.runsScheduledFrom(id, from, 200_000);
      return new Set(
        rows.filter((run) => run.status === 'succeeded' && run.scheduledFor! <= to).map((run) => run.scheduledFor!),
      );
    },
    startSlot: (id, at) => engine.runBackfillSlot(id, at),
    cancelRun: (runId) => void engine.cancelRun(runId),
    onRunFinished(listener) {
      engine.on('run:finished', listener);
      return () => void engine.off('run:finished', listener);
    },
    by,
    scheduler: scheduling,
  });

  const proposals = createEditProposals({ jobs, store, now: () => clock.now() });

  async function runNow(id: string, force: boolean, trigger: 'manual' | 'test') {
    const job = findJob(id);
    // Just after the app starts, the engine waits for the login shell's environment (at most its timeout): a Run now
    // clicked meanwhile waits with it instead of being refused as "not running".
    if (scheduling && parts.environment.pending) await parts.environment.pending;
    // The app that found a daemon scheduling hands runs to it, so every run but a `cronbar run`'s is the scheduler's.
    const forward = !scheduling && (lock !== null || trigger === 'test');
    const forwarded = forward ? await control.forward(trigger === 'test' ? 'testRun' : 'runNow', { id, force }) : null;
    if (forwarded) return forwarded;
    if (!scheduling && !force && job.overlap !== 'parallel') {
      // Another process schedules this directory: its runs are only visible in the DB. A row whose process died
      // (a killed `cronbar run`) is not running, whatever it says until a start recovers it. Queue and replace
      // cannot wait for or stop another process's run, so they refuse like skip; --force runs beside it.
      const live = store.liveRuns().find((run) => run.jobId === id && !isRunOwnerGone(run.ownerPid, run.createdAt));
      if (live) {
        const why =
          job.overlap === 'skip'
            ? ''
            : `; overlap ${job.overlap} cannot act on another process's run (force to run beside it)`;
        return {
          runId: null,
          queued: false,
          refused: `already ${live.status} (run ${live.id}, by process ${live.ownerPid})${why}`,
        };
      }
    }
    // Without the lock the engine is not started; the overlap check above stands in for its own.
    return engine.runNow(id, { force: scheduling ? force : true, trigger });
  }

  /** The methods that write the jobs file, recorded in its history as `origin`'s changes. */
  const writes = (origin: ConfigOrigin) => ({
    async setJobEnabled({ id, enabled, baseVersion }: ParsedInput<'setJobEnabled'>) {
      findJob(id);
      const edit = (editor: JobsEditor, text: string) => editor.setJobEnabled(text, id, enabled);
      return { version: await jobs.edit(baseVersion, edit, origin) };
    },
    async writeConfig({ text, baseVersion }: ParsedInput<'writeConfig'>) {
      return { version: await jobs.write(text, baseVersion, origin) };
    },
    async saveJob({ job, replaceId, baseVersion }: ParsedInput<'saveJob'>) {
      const id = typeof job.id === 'string' ? job.id : '';
      if (replaceId === undefined && jobs.config.jobs.some((existing) => existing.id === id)) {
        throw new CronbarError('conflict', `a job with id ${JSON.stringify(id)} already exists`);
      }
      const edit = (editor: JobsEditor, text: string) => editor.upsertJob(text, job, replaceId);
      return { version: await jobs.edit(baseVersion, edit, origin), id };
    },
    async deleteJob({ id, baseVersion }: ParsedInput<'deleteJob'>) {
      findJob(id);
      return { version: await jobs.edit(baseVersion, (editor, text) => editor.deleteJob(text, id), origin) };
    },
    revertConfig: revertConfigMethod(jobs, origin),
    async saveChannel({ name, channel, baseVersion }: ParsedInput<'saveChannel'>) {
      const edit = (editor: JobsEditor, text: string) => editor.upsertChannel(text, name, channel);
      return { version: await jobs.edit(baseVersion, edit, origin) };
    },
    async deleteChannel({ name, baseVersion }: ParsedInput<'deleteChannel'>) {
      const edit = (editor: JobsEditor, text: string) => editor.deleteChannel(text, name);
      return { version: await jobs.edit(baseVersion, edit, origin) };
    },
    applyEdit: (input: ParsedInput<'applyEdit'>) => proposals.applyEdit(input, origin),
    async importJobs({ baseVersion, ...input }: ParsedInput<'importJobs'>) {
      // Planned on the text read now; the edit writes only if the file is still that text (its version check).
      const current = jobs.readText();
      if (baseVersion !== undefined && baseVersion !== current.version) throw jobs.changedOnDisk();
      const planOptions = { fileName: jobs.fileName, now: clock.now() };
      const { planImportWrite } = await loadImportOffThread();
      const plan = await planImportWrite(
        { input, currentText: current.text, options: planOptions },
        parts.importReadFile,
      );
      const { ids, losses, alreadyInCronbar, sourceStillRuns } = plan;
      if (ids.length === 0 && alreadyInCronbar.length === 0)
        throw new CronbarError(
          'invalid-input',
          `nothing could be imported (${losses.length} line${losses.length === 1 ? '' : 's'} could not be carried over)`,
        );
      // Everything is in the file already: nothing to write, and the caller says so.
      const version =
        ids.length === 0 ? current.version : await jobs.edit(current.version, () => plan.nextText, origin);
      return { version, ids, losses, alreadyInCronbar, sourceStillRuns };
    },
  });

  let closed = false;
  const service: CoreService = {
    forOrigin: (origin) => ({ ...service, ...writes(origin) }),
    control,
    dataDir: paths.dataDir,
    configPath: paths.configPath,
    dbPath: paths.dbPath,
    schedulerStatus,
    on: (event, listener) => parts.relay.on(event, listener),
    resync(reason) {
      if (scheduling) engine.resync(reason);
    },
    noteSuspend() {
      monitoring.noteSuspend();
    },
    jobSpec: (id) => findJob(id),
    localZone: () => jobs.zone(),
    baseEnvironment: () => parts.environment.current(),
    runRetry(jobId, retry) {
      findJob(jobId);
      return engine.runRetry(jobId, retry);
    },
    recoverAbandonedRuns() {
      engine.recoverCrashedRuns();
    },
    onResync(listener) {
      const relay = ({ reason }: { reason: string }) => listener(reason);
      engine.on('resync', relay);
      return () => void engine.off('resync', relay);
    },
    jobSummaries() {
      const newest = store.newestRunPerJob();
      const liveByJob = new Map<string, RunRecord[]>();
      for (const run of store.liveRuns()) liveByJob.set(run.jobId, [...(liveByJob.get(run.jobId) ?? []), run]);
      return jobs.config.jobs.map((job) =>
        buildJobSummary(
          job,
          engine.jobRuntime(job.id),
          newest.get(job.id) ?? null,
          monitoring.summaryFields(job, liveByJob.get(job.id) ?? []),
        ),
      );
    },
    scheduleSnapshot: () => scheduleSnapshot(jobs.config.jobs, engine, monitoring.isOverdue),
    async shutdown(options) {
      if (closed) return { interrupted: 0 };
      closed = true;
      return parts.close(options);
    },

    async listJobs() {
      return jobs.config.jobs.map(view);
    },
    async getJob({ id, fireCount }) {
      const job = findJob(id);
      return { job: view(job), source: jobs.source(id), nextFires: engine.nextFires(id, fireCount) };
    },
    async upcoming({ count, from, until }) {
      return engine.upcoming(count, from, until);
    },
    async fireDensity(query) {
      return engine.fireDensity(query);
    },
    async previewSchedule(input) {
      return previewSchedule(input, clock.now());
    },
    runNow: ({ id, force }) => runNow(id, force, 'manual'),
    // In the scheduler's environment: a process that does not schedule always hands it over when one runs.
    testRun: ({ id, force }) => runNow(id, force, 'test'),
    // Without the lock these reach the process that has it (or this engine when none runs): routed-control.ts.
    async cancelRun({ runId }) {
      // A backfill is one unit: cancelling any of its runs stops the slots still waiting (backfill.ts).
      backfills.cancelByRun(runId);
      return { cancelled: (await control.cancelRun(runId)).cancelled };
    },
    async pauseJob({ id, until }) {
      await control.pauseJob(id, until);
      return {};
    },
    async resumeJob({ id }) {
      await control.resumeJob(id);
      return {};
    },
    async pauseAll({ until }) {
      await control.pauseAll(until);
      return {};
    },
    async resumeAll() {
      await control.resumeAll();
      return {};
    },
    async status() {
      return schedulerStatus();
    },
    async history(query) {
      return store.history(query);
    },
    async getRun({ runId }) {
      const run = store.getRun(runId);
      if (!run) throw new CronbarError('not-found', `no run ${runId}`);
      return run;
    },
    async runOutput({ runId }) {
      const output = store.getRunOutput(runId);
      if (!output) throw new CronbarError('not-found', `no run ${runId}`);
      // A run going on here has printed more than its row holds yet: a live view must start from that.
      const soFar = engine.runOutputSoFar(runId);
      if (soFar && soFar.length > 0 && output.totalBytes === 0)
        return { runId, text: soFar.toString('utf8'), totalBytes: soFar.length, truncated: false };
      return output;
    },
    async listChannels() {
      const { channelDestination } = await import('../notify/channels');
      return (jobs.config.notifications ?? []).map((channel) => ({
        name: channel.name,
        kind: channel.kind,
        to: channelDestination(channel),
      }));
    },
    async testChannel({ name }) {
      const channel = (jobs.config.notifications ?? []).find((candidate) => candidate.name === name);
      if (!channel) throw new CronbarError('not-found', `no channel ${JSON.stringify(name)} in notifications:`);
      return (await import('../notify/test-channel')).testChannel(channel, process.env, () => clock.now());
    },
    async runDeliveries({ runId }) {
      if (!store.getRun(runId)) throw new CronbarError('not-found', `no run ${runId}`);
      return parts.deliveries.forRun(runId, jobs.config.notifications ?? []);
    },
    async readConfig() {
      const current = jobs.readText();
      return { path: paths.configPath, text: current.text, version: current.version };
    },
    async validateConfig({ text }) {
      const parsed = await jobs.check(text);
      if (!parsed.ok) return { ok: false, issues: parsed.issues, jobCount: 0 };
      // Whether a program will be found depends on the environment of the process that runs the jobs.
      const asked = scheduling ? null : await control.forward('validateConfig', { text });
      if (asked) return asked;
      const { environmentWarnings } = await import('./environment-warnings');
      const warnings = await environmentWarnings(parsed.config, text, jobs.fileName, parts.environment.current());
      return { ok: true, issues: [], jobCount: parsed.config.jobs.length, warnings };
    },
    // The scheduler first takes the pings other processes stored (`cronbar exec`'s, with their output), so what it
    // answers, and its monitor, count them.
    listChecks: () => (monitoring.takeNewPings(), monitoring.listChecks()),
    getCheck: (input) => (monitoring.takeNewPings(), monitoring.getCheck(input)),
    async ping(input) {
      if (scheduling) return monitoring.ping(input);
      // The scheduler stores what it is sent; output is not in the contract, so such a ping is stored here and the
      // scheduler told to read it.
      if (input.output === undefined) {
        const forwarded = await control.forward('ping', input);
        if (forwarded) return forwarded;
      }
      const stored = await monitoring.ping(input);
      if (input.output !== undefined) await control.forward('getCheck', { id: input.check }).catch(() => null);
      return stored;
    },
    durationStats: (input) => {
      findJob(input.id);
      return monitoring.durationStats(input);
    },
    downtime: (input) => monitoring.downtime(input),
    async jobEnvironment({ id, reveal }) {
      const job = findJob(id);
      // The process that schedules runs the jobs: its environment is the one that counts (routed-control.ts).
      const asked = scheduling ? null : await control.forward('jobEnvironment', { id, reveal });
      if (asked) return asked;
      return jobEnvironmentView(job, parts.environment.current(), { by, scheduler: scheduling, reveal });
    },
    async previewImport(input) {
      const { previewImportOffThread } = await loadImportOffThread();
      const planOptions = { fileName: jobs.fileName, now: clock.now(), fireCount: 3 };
      return previewImportOffThread({ input, currentText: jobs.readText().text, options: planOptions });
    },
    async backfill(input) {
      findJob(input.id);
      // Real runs are the scheduler's when one runs, so its concurrency limit and overlap see them.
      const forwarded = input.dryRun || scheduling ? null : await control.forward('backfill', input);
      return forwarded ?? backfills.run(input);
    },
    backfillsIdle: () => backfills.whenIdle(),
    cancelBackfills: () => backfills.cancelAll(),
    async whyNotRun({ id, at }) {
      const job = findJob(id);
      const runtime = engine.jobRuntime(id);
      const engineStatus = engine.status();
      const sources = {
        now: clock.now(),
        job,
        calendar: engine.fireCalendar(id),
        pause: {
          paused: runtime.paused,
          pausedUntil: runtime.pausedUntil,
          pausedAll: engineStatus.pausedAll,
          pausedAllUntil: engineStatus.pausedAllUntil,
        },
        runsScheduledFrom: (from: number, limit: number) => store.runsScheduledFrom(id, from, limit),
        downtime: (since: number, until: number) => monitoring.downtime({ since, until }),
        sessionsOverlapping: monitoring.sessionsOverlapping,
        firstSessionStart: monitoring.firstSessionStart,
      };
      return whyNotRun(sources, at);
    },
    async disableCrontabLines({ lines }) {
      const { disableCrontabLines } = await import('../convert/import/crontab-install');
      return disableCrontabLines(lines, { backupsDir: dataPaths(paths.dataDir).backupsDir, now: clock.now() });
    },
    proposeEdit: (input) => proposals.proposeEdit(input),
    ...configHistoryMethods(jobs),
    ...writes(parts.origin),
  };
  return service;
}
