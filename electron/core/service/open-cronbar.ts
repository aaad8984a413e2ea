/**
 * The composition root of the core: jobs file + store + runner + engine + lock + watcher, behind the service API.
 * The CLI and the desktop shell both start here; neither reaches into the parts directly.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import type { EventName, EventPayload } from '../../../shared/api/contract';
import { CronbarError } from '../../../shared/api/cronbar-error';
import type { JobSpec, JobsConfig } from '../../../shared/config/schema';
import { systemTimezone } from '../../../shared/config/zones-and-times';
import type { ConfigIssue, RunRecord, SchedulerStatus } from '../../../shared/model';
import { ensureJobsFile, readJobsText } from '../config/jobs-file-text';
import { watchJobsFile } from '../config/watch-jobs-file';
import { systemZoneFingerprint } from '../config/system-zone';
import { textFingerprint } from '../config/text-fingerprint';
import { Engine } from '../engine/engine';
import { ScheduleCalculator, sharedCronCache } from '../engine/schedule-calculator';
import { isRunOwnerGone } from '../engine/process-group-reaper';
import { type ActionRunner, type Clock, systemClock } from '../ports';
import { dataPaths } from '../store/data-paths';
import { openStore } from '../store/open-store';
import { openMonitorStore } from '../store/monitor-sqlite';
import type { ControlServer } from '../control/control-server';
import { acquireInstanceLock } from './instance-lock';
import { type LocalControl, createRoutedControl } from './routed-control';
import { buildJobSummary, buildJobView } from './job-views';
import { scheduleSnapshot } from './schedule-snapshot';
import { createMonitorService } from './monitor-service';
import {
  type JobsParser,
  type ParsedJobs,
  cliBuildId,
  configCacheKey,
  loadEditor,
  loadParser,
  loadWriter,
  readConfigCache,
  writeConfigCache,
} from './lazy-config';
import { readKnownFires, writeKnownFires } from './known-fires-store';
import { idleRunner } from './idle-runner';
import { previewSchedule } from './preview-schedule';
import type { CronbarService, OpenCronbarOptions } from './types';
import type { Notifier } from '../notify/notifier';
import { runEndDetail } from '../notify/run-end-detail';

/** The last jobs file that validated, kept in the DB so a broken file at start still runs the jobs it ran before. */
const LAST_GOOD_CONFIG = 'lastGoodJobsFile';
const OUTPUT_FLUSH_MS = 100;

/**
 * Imports are planned on a worker thread, so a big one delays no timer; the parsers, the YAML editor and zod load only
 * when an import is asked for (not for `cronbar list`).
 */
const loadImportOffThread = () => import('./import-off-thread');

export async function openCronbar(options: OpenCronbarOptions): Promise<CronbarService> {
  const paths = dataPaths(options.dataDir);
  const configPath = options.configPath ?? paths.configPath;
  const dbPath = options.dbPath ?? paths.dbPath;
  const clock: Clock = options.clock ?? systemClock;
  const log = options.log ?? (() => {});
  const fileName = path.basename(configPath);

  fs.mkdirSync(options.dataDir, { recursive: true });
  if (options.configPath === undefined) ensureJobsFile(configPath);
  else if (!fs.existsSync(configPath)) throw new CronbarError('not-found', `${configPath}: no such jobs file`);

  const wantsScheduling = options.schedule ?? true;
  // Real time, not the injected clock: the lock's time is compared with process start times to detect a reused pid.
  const lock = wantsScheduling ? acquireInstanceLock(paths.lockPath, options.lockKind ?? 'daemon') : null;
  const scheduling = lock?.acquired === true;

  const store = openStore(dbPath, { nativeBinding: options.nativeBinding });
  // A reader (not scheduling, not watching) in the CLI build keeps what it parsed and computed for the next one.
  const readerBuildId = scheduling || options.watch ? undefined : cliBuildId();
  const knownFires = readerBuildId === undefined ? null : readKnownFires(store, readerBuildId);
  // The runner (child processes, HTTP, built-ins) loads only where jobs may run: not for `cronbar list`.
  const runner: ActionRunner =
    options.runner ??
    (options.runs === false
      ? idleRunner
      : (await import('../runner/action-runner')).createActionRunner({
          store,
          dataDir: options.dataDir,
          killGraceMs: options.killGraceMs,
        }));
  const engine = new Engine({
    store,
    runner,
    clock,
    log,
    ...(knownFires ? { calculator: new ScheduleCalculator(sharedCronCache, knownFires) } : {}),
  });
  // Before the engine's catch-up: the monitor's wall deadlines may have passed too, and downtime is measured now.
  const resyncListeners = new Set<(reason: string) => void>();
  engine.on('resync', (change) => {
    const { reason } = change;
    monitoring.onResync(change);
    for (const listener of resyncListeners) listener(reason);
  });
  engine.on('clock:checked', ({ now }) => monitoring.onClockCheck(now));
  const emitter = new EventEmitter();
  emitter.setMaxListeners(100);
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => emitter.emit(event, payload);
  const monitorStore = openMonitorStore(dbPath, { nativeBinding: options.nativeBinding });
  const monitoring = createMonitorService({
    store,
    monitorStore,
    clock,
    dataDir: options.dataDir,
    scheduling,
    sessionKind: options.lockKind ?? 'daemon',
    emit,
    log,
  });

  let config: JobsConfig = { concurrency: 4, jobs: [] };
  /** The zone jobs without `timezone:` get; from the config cache when it served the jobs, else asked of Intl. */
  let localZone: string | null = null;
  const zone = () => (localZone ??= systemTimezone());
  let configErrors: ConfigIssue[] = [];
  let lastSeenVersion: string | null = null;
  /** The raw job objects as written, for the editor. */
  let sources = new Map<string, Record<string, unknown>>();

  /** Loaded before anything may call applyText: at start unless served from the cache, else by the method that edits. */
  let parser: JobsParser | null = null;
  const needParser = async () => (parser ??= await loadParser());

  const applyParsed = (parsed: Omit<ParsedJobs, 'zone'>, reason: string) => {
    config = parsed.config;
    sources = new Map(parsed.sources.map((source) => [String(source.id), source]));
    configErrors = [];
    engine.setJobs(config.jobs, config.concurrency);
    monitoring.applyConfig(config);
    log(`jobs file loaded (${reason}): ${config.jobs.length} job${config.jobs.length === 1 ? '' : 's'}`);
    emit('jobs:changed', { reason });
    emit('scheduler:changed', status());
  };

  const applyText = (text: string, version: string, reason: string): boolean => {
    lastSeenVersion = version;
    const parsed = parser!.parseJobsText(text, { fileName });
    if (!parsed.ok) {
      configErrors = parsed.issues;
      log(
        `jobs file rejected (${parsed.issues.length} problem${parsed.issues.length === 1 ? '' : 's'}); the last good jobs keep running`,
      );
      for (const issue of parsed.issues)
        log(`  ${issue.file}:${issue.line}:${issue.col} ${issue.path ? `${issue.path}: ` : ''}${issue.message}`);
      emit('config:error', { issues: parsed.issues });
      emit('scheduler:changed', status());
      return false;
    }
    if (scheduling) store.setSetting(LAST_GOOD_CONFIG, text);
    applyParsed(parsed, reason);
    return true;
  };

  // Start with the file on disk; if it is broken, fall back to the last good text so nothing stops running. A reader
  // whose file is unchanged since the last parse skips the parser (lazy-config.ts); a scheduler always parses.
  const initial = readJobsText(configPath);
  const cacheKey =
    readerBuildId === undefined
      ? null
      : configCacheKey(textFingerprint(initial.text), systemZoneFingerprint() ?? zone(), readerBuildId);
  const cached = cacheKey === null ? null : readConfigCache(store, cacheKey);
  if (cached) {
    localZone = cached.zone;
    applyParsed(cached, 'start');
  } else if ((await needParser()) && applyText(initial.text, initial.version, 'start')) {
    if (cacheKey !== null) writeConfigCache(store, cacheKey, { config, sources: [...sources.values()], zone: zone() });
  } else {
    const lastGood = store.getSetting(LAST_GOOD_CONFIG);
    const fallback = lastGood === null ? null : parser!.parseJobsText(lastGood, { fileName });
    const issues = configErrors;
    if (fallback?.ok) {
      config = fallback.config;
      sources = new Map(fallback.sources.map((source) => [String(source.id), source]));
      engine.setJobs(config.jobs, config.concurrency);
      monitoring.applyConfig(config);
      log(`running the last good jobs file (${config.jobs.length} jobs) until ${fileName} is fixed`);
    }
    configErrors = issues;
  }

  // Forward engine events; output chunks are batched per run so a chatty job does not flood the window.
  const pendingOutput = new Map<number, { jobId: string; chunks: Buffer[] }>();
  let outputTimer: ReturnType<typeof setTimeout> | null = null;
  const flushOutput = () => {
    outputTimer = null;
    for (const [runId, pending] of pendingOutput)
      emit('run:output', { runId, jobId: pending.jobId, chunk: Buffer.concat(pending.chunks).toString('utf8') });
    pendingOutput.clear();
  };
  engine.on('run:queued', (run) => {
    log(`run ${run.id} ${run.jobId} queued (${run.trigger})${run.reason ? `: ${run.reason}` : ''}`);
    emit('run:queued', run);
  });
  engine.on('run:started', (run) => {
    log(`run ${run.id} ${run.jobId} started (${run.trigger}${run.attempt > 1 ? `, attempt ${run.attempt}` : ''})`);
    emit('run:started', run);
    monitoring.onRunStarted(run);
  });
  engine.on('run:finished', (run) => {
    if (pendingOutput.has(run.id)) flushOutput();
    log(`run ${run.id} ${run.jobId} ${run.status}${runEndDetail(run, store)}`);
    emit('run:finished', run);
    monitoring.onRunFinished(run);
  });
  engine.on('run:output', ({ runId, jobId, chunk }) => {
    if (emitter.listenerCount('run:output') === 0) return;
    const pending = pendingOutput.get(runId) ?? { jobId, chunks: [] };
    pending.chunks.push(chunk);
    pendingOutput.set(runId, pending);
    outputTimer ??= setTimeout(flushOutput, OUTPUT_FLUSH_MS);
  });
  engine.on('jobs:changed', () => emit('jobs:changed', { reason: 'engine' }));
  engine.on('scheduler:changed', () => emit('scheduler:changed', status()));

  const watcher =
    scheduling || options.watch
      ? watchJobsFile(configPath, (text, version) => {
          if (version === lastSeenVersion) return;
          applyText(text, version, 'file changed');
        })
      : null;

  // Pause, resume and cancel here when scheduling (or when nobody does), else by the scheduler over its socket.
  const local: LocalControl = {
    pauseJob: (id, until) => (findJob(id), engine.pauseJob(id, until)),
    resumeJob: (id) => (findJob(id), engine.resumeJob(id)),
    pauseAll: (until) => engine.pauseAll(until),
    resumeAll: () => engine.resumeAll(),
    cancelRun: (runId) => engine.cancelRun(runId),
  };
  const control = createRoutedControl({
    dataDir: options.dataDir,
    lockPath: paths.lockPath,
    scheduling,
    store,
    local,
    recover: () => engine.recoverCrashedRuns(),
  });
  let controlServer: ControlServer | null = null;
  let notifier: Notifier | null = null;

  function status(): SchedulerStatus {
    const engineStatus = engine.status();
    return {
      pausedAll: engineStatus.pausedAll,
      pausedAllUntil: engineStatus.pausedAllUntil,
      running: engineStatus.running,
      queued: engineStatus.queued,
      concurrency: engineStatus.concurrency,
      jobCount: config.jobs.length,
      scheduling,
      lockHolder: lock && !lock.acquired ? lock.description : null,
      dataDir: options.dataDir,
      configPath,
      dbPath,
      configErrors,
    };
  }

  const findJob = (id: string): JobSpec => {
    const job = config.jobs.find((candidate) => candidate.id === id);
    if (!job) throw new CronbarError('not-found', `no job with id ${JSON.stringify(id)}`);
    return job;
  };

  const view = (job: JobSpec) => {
    const runtime = engine.jobRuntime(job.id);
    const recent = store.history({ jobId: job.id, limit: 25 }).runs;
    return { ...buildJobView(job, runtime, engine.nextFire(job.id), recent), ...monitoring.jobFields(job, recent) };
  };

  // Our own write must not come back as an outside edit, and the watcher must compare later edits with it: without
  // this, an outside edit back to the previous text right after our write would look like no change and be missed.
  const markOwnWrite = (version: string) => watcher?.markOwnWrite(version);

  /** Reads, edits and writes the jobs file, then applies it at once. */
  const editFile = async (
    baseVersion: string | undefined,
    edit: (editor: Awaited<ReturnType<typeof loadEditor>>, text: string) => string,
  ) => {
    const [editor, writer] = await Promise.all([loadEditor(), loadWriter(), needParser()]);
    const current = readJobsText(configPath);
    if (baseVersion !== undefined && baseVersion !== current.version) {
      throw new CronbarError('conflict', `${fileName} changed on disk since it was opened; reload it and try again`);
    }
    const next = edit(editor, current.text);
    const written = writer.writeJobsFile(configPath, next, {
      baseVersion: current.version,
      fileName,
      beforeRename: markOwnWrite,
    });
    applyText(next, written.version, 'edited in Cronbar');
    return written.version;
  };

  let closed = false;
  const service: CronbarService = {
    control,
    dataDir: options.dataDir,
    configPath,
    dbPath,
    on(event, listener) {
      emitter.on(event, listener as (payload: unknown) => void);
      return () => emitter.off(event, listener as (payload: unknown) => void);
    },
    resync(reason) {
      if (scheduling) engine.resync(reason);
    },
    noteSuspend() {
      monitoring.noteSuspend();
    },
    jobSpec: (id) => findJob(id),
    localZone: () => zone(),
    runRetry(jobId, retry) {
      findJob(jobId);
      return engine.runRetry(jobId, retry);
    },
    recoverAbandonedRuns() {
      engine.recoverCrashedRuns();
    },
    onResync(listener) {
      resyncListeners.add(listener);
      return () => void resyncListeners.delete(listener);
    },
    jobSummaries() {
      const newest = store.newestRunPerJob();
      const liveByJob = new Map<string, RunRecord[]>();
      for (const run of store.liveRuns()) liveByJob.set(run.jobId, [...(liveByJob.get(run.jobId) ?? []), run]);
      return config.jobs.map((job) =>
        buildJobSummary(
          job,
          engine.jobRuntime(job.id),
          newest.get(job.id) ?? null,
          monitoring.summaryFields(job, liveByJob.get(job.id) ?? []),
        ),
      );
    },
    scheduleSnapshot: () => scheduleSnapshot(config.jobs, engine, monitoring.isOverdue),
    async shutdown(shutdownOptions = {}) {
      if (closed) return { interrupted: 0 };
      closed = true;
      watcher?.();
      await controlServer?.close();
      if (outputTimer) clearTimeout(outputTimer);
      const onProgress = shutdownOptions.onProgress;
      const progress = onProgress ? (info: { running: number }) => onProgress(info.running) : null;
      if (progress) engine.on('stopping', progress);
      const result = await engine.stop({ graceMs: shutdownOptions.graceMs ?? 10_000 });
      if (progress) engine.off('stopping', progress);
      monitoring.stop();
      await notifier?.stop();
      if (knownFires && readerBuildId !== undefined) writeKnownFires(store, readerBuildId, knownFires);
      store.close();
      if (lock?.acquired) lock.release();
      return result;
    },

    async listJobs() {
      return config.jobs.map(view);
    },
    async getJob({ id, fireCount }) {
      const job = findJob(id);
      return { job: view(job), source: sources.get(id) ?? {}, nextFires: engine.nextFires(id, fireCount) };
    },
    async upcoming({ count, from, until }) {
      return engine.upcoming(count, from, until);
    },
    async previewSchedule(input) {
      return previewSchedule(input, clock.now());
    },
    async runNow({ id, force }) {
      const job = findJob(id);
      // The app that found a daemon scheduling hands runs to it, so every run but a `cronbar run`'s is the scheduler's.
      const forwarded = lock && !scheduling ? await control.forward('runNow', { id, force }) : null;
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
      return engine.runNow(id, { force: scheduling ? force : true });
    },
    // Without the lock these reach the process that has it (or this engine when none runs): routed-control.ts.
    async cancelRun({ runId }) {
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
    async setJobEnabled({ id, enabled, baseVersion }) {
      findJob(id);
      return { version: await editFile(baseVersion, (editor, text) => editor.setJobEnabled(text, id, enabled)) };
    },
    async status() {
      return status();
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
      return output;
    },
    async readConfig() {
      const current = readJobsText(configPath);
      return { path: configPath, text: current.text, version: current.version };
    },
    async validateConfig({ text }) {
      const parsed = (await needParser()).parseJobsText(text, { fileName });
      return parsed.ok
        ? { ok: true, issues: [], jobCount: parsed.config.jobs.length }
        : { ok: false, issues: parsed.issues, jobCount: 0 };
    },
    async writeConfig({ text, baseVersion }) {
      const [writer] = await Promise.all([loadWriter(), needParser()]);
      const written = writer.writeJobsFile(configPath, text, { baseVersion, fileName, beforeRename: markOwnWrite });
      applyText(text, written.version, 'edited in Cronbar');
      return { version: written.version };
    },
    async saveJob({ job, replaceId, baseVersion }) {
      const id = typeof job.id === 'string' ? job.id : '';
      if (replaceId === undefined && config.jobs.some((existing) => existing.id === id)) {
        throw new CronbarError('conflict', `a job with id ${JSON.stringify(id)} already exists`);
      }
      return { version: await editFile(baseVersion, (editor, text) => editor.upsertJob(text, job, replaceId)), id };
    },
    async deleteJob({ id, baseVersion }) {
      findJob(id);
      return { version: await editFile(baseVersion, (editor, text) => editor.deleteJob(text, id)) };
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
    async previewImport(input) {
      const { previewImportOffThread } = await loadImportOffThread();
      const planOptions = { fileName, now: clock.now(), fireCount: 3 };
      return previewImportOffThread({ input, currentText: readJobsText(configPath).text, options: planOptions });
    },
    async importJobs({ baseVersion, ...input }) {
      // Planned on the text read now; editFile writes only if the file is still that text (its version check).
      const current = readJobsText(configPath);
      if (baseVersion !== undefined && baseVersion !== current.version)
        throw new CronbarError('conflict', `${fileName} changed on disk since it was opened; reload it and try again`);
      const planOptions = { fileName, now: clock.now() };
      const { planImportWrite } = await loadImportOffThread();
      const plan = await planImportWrite(
        { input, currentText: current.text, options: planOptions },
        options.importReadFile,
      );
      if (plan.ids.length === 0)
        throw new CronbarError(
          'invalid-input',
          `nothing could be imported (${plan.losses.length} line${plan.losses.length === 1 ? '' : 's'} could not be carried over)`,
        );
      const version = await editFile(current.version, () => plan.nextText);
      return { version, ids: plan.ids, losses: plan.losses };
    },
  };
  // Other Cronbar processes reach the scheduler through its control socket (electron/core/control).
  if (scheduling && dbPath !== ':memory:') {
    try {
      const { startControlServer } = await import('../control/control-server');
      controlServer = await startControlServer(options.dataDir, {
        service,
        who: lock.owner,
        outputSoFar: (runId) => {
          // Chunks batched for the other listeners are in the engine's tail already: send them first, not twice.
          if (pendingOutput.has(runId)) flushOutput();
          return engine.runOutputSoFar(runId)?.toString('utf8') ?? null;
        },
        log,
      });
    } catch (error) {
      await service.shutdown({ graceMs: 0 });
      throw new CronbarError('refused', (error as Error).message);
    }
    // A ping stored while this process started, before the socket listened: deliver it now.
    monitoring.takeNewPings();
  }
  // Channels (mail, webhook, ntfy, hooks) hear the scheduler's events and deliver off the fire path (core/notify).
  if (scheduling)
    notifier = (await import('../notify/notifier')).createNotifier({
      dbPath,
      nativeBinding: options.nativeBinding,
      clock,
      log,
      config: () => config,
      store,
      on: service.on,
    });
  // Last, with the socket up: "scheduling" in the log means other processes can reach this one.
  if (scheduling) {
    monitoring.start();
    engine.start();
    log(`scheduling ${config.jobs.length} jobs from ${configPath} (data: ${options.dataDir})`);
  } else if (lock && !lock.acquired) {
    log(`not scheduling: ${lock.description} holds ${options.dataDir}`);
  }
  return service;
}
