/**
 * The composition root of the core, which the CLI, the daemon and the desktop app all open: it resolves the paths
 * (cronbar-paths.ts), builds the parts — store, jobs file (jobs-file-holder.ts), engine, monitor, events
 * (event-relay.ts), lock and control — hands them to the service that answers the API (cronbar-service.ts), and
 * starts scheduling when it holds the lock. `engine: false` opens only what a ping needs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CronbarError } from '../../../shared/api/cronbar-error';
import { ensureJobsFile } from '../config/jobs-file-text';
import { Engine } from '../engine/engine';
import { ScheduleCalculator, sharedCronCache } from '../engine/schedule-calculator';
import { type ActionRunner, type Clock, type Store, systemClock } from '../ports';
import { tightenDataDir } from '../store/data-dir-modes';
import { openStore } from '../store/open-store';
import { openMonitorStore } from '../store/monitor-sqlite';
import type { ControlServer } from '../control/control-server';
import type { Notifier } from '../notify/notifier';
import { BaseEnvironmentHolder } from './base-environment';
import { resolveCronbarPaths } from './cronbar-paths';
import { createCronbarService } from './cronbar-service';
import { createDeliveryReads } from './delivery-reads';
import { EventRelay } from './event-relay';
import { idleRunner } from './idle-runner';
import { type LockResult, acquireInstanceLock } from './instance-lock';
import { JobsFileHolder } from './jobs-file-holder';
import { ConfigHistory, pruneConfigHistory } from './config-history';
import { type MonitorService, createMonitorService } from './monitor-service';
import { type ReaderCache, openReaderCache } from './reader-cache';
import { createRoutedControl, engineControl } from './routed-control';
import type { CronbarService, OpenCronbarOptions, PingService } from './types';

export function openCronbar(options: OpenCronbarOptions & { engine: false }): Promise<PingService>;
export function openCronbar(options: OpenCronbarOptions): Promise<CronbarService>;
export async function openCronbar(options: OpenCronbarOptions): Promise<CronbarService | PingService> {
  const paths = resolveCronbarPaths(options);
  const { configPath, dbPath, nativeBinding } = paths;
  const clock = options.clock ?? systemClock;
  const log = options.log ?? (() => {});

  const tightened = tightenDataDir(options.dataDir);
  if (tightened) log(tightened);
  if (options.configPath === undefined) ensureJobsFile(configPath);
  else if (!fs.existsSync(configPath)) throw new CronbarError('not-found', `${configPath}: no such jobs file`);

  // Real time, not the injected clock: the lock's time is compared with process start times to detect a reused pid.
  const wantsScheduling = (options.schedule ?? true) && options.engine !== false;
  const lock = wantsScheduling ? acquireInstanceLock(paths.lockPath, options.lockKind ?? 'daemon') : null;
  const scheduling = lock?.acquired === true;

  const store = openStore(dbPath, { nativeBinding });
  const readerCache = scheduling || options.watch ? null : openReaderCache(store);
  const relay = new EventRelay(log);
  const monitorStore = openMonitorStore(dbPath, { nativeBinding });
  const monitoring = createMonitorService({
    store,
    monitorStore,
    clock,
    dataDir: options.dataDir,
    scheduling,
    sessionKind: options.lockKind ?? 'daemon',
    emit: relay.emit,
    log,
  });
  const history =
    options.engine === false
      ? null
      : new ConfigHistory({ dbPath, nativeBinding, clock, store, fileName: path.basename(configPath), log });
  const jobs = new JobsFileHolder({ configPath, store, keepLastGood: scheduling, readerCache, log, history });

  if (options.engine === false) {
    jobs.listen({ applied: (config) => monitoring.applyConfig(config), rejected: () => {} });
    await jobs.load();
    const shutdown = async () => (monitoring.stop(), store.close(), { interrupted: 0 });
    return { dataDir: options.dataDir, ping: (input) => monitoring.ping(input), shutdown };
  }

  const environment = new BaseEnvironmentHolder(
    options.baseEnvironment,
    scheduling ? `the ${options.lockKind ?? 'daemon'}` : 'this cronbar command',
  );
  const engine = await openEngine(options, { store, clock, log, readerCache, monitoring, environment });

  // Pause, resume and cancel here when scheduling (or when nobody does), else by the scheduler over its socket.
  const control = createRoutedControl({
    dataDir: options.dataDir,
    lockPath: paths.lockPath,
    scheduling,
    store,
    local: engineControl(engine, (id) => jobs.findJob(id)),
    recover: () => engine.recoverCrashedRuns(),
  });
  let controlServer: ControlServer | null = null;
  let notifier: Notifier | null = null;
  let closing = false;
  const deliveries = createDeliveryReads(dbPath, nativeBinding);
  const service = createCronbarService({
    deliveries,
    paths,
    clock,
    store,
    engine,
    monitoring,
    jobs,
    relay,
    control,
    lock,
    scheduling,
    importReadFile: options.importReadFile,
    environment,
    origin: options.origin ?? 'cli',
    async close({ graceMs = 10_000, onProgress } = {}) {
      closing = true;
      jobs.close();
      await controlServer?.close();
      relay.close();
      const progress = onProgress ? (info: { running: number }) => onProgress(info.running) : null;
      if (progress) engine.on('stopping', progress);
      const result = await engine.stop({ graceMs });
      if (progress) engine.off('stopping', progress);
      monitoring.stop();
      await notifier?.stop();
      deliveries.close();
      readerCache?.save();
      history?.close();
      store.close();
      if (lock?.acquired) lock.release();
      return result;
    },
  });

  jobs.listen({
    applied(config, reason) {
      engine.setJobs(config.jobs, config.concurrency);
      monitoring.applyConfig(config);
      relay.emit('jobs:changed', { reason });
      relay.emit('scheduler:changed', service.schedulerStatus());
    },
    rejected(issues) {
      relay.emit('config:error', { issues });
      relay.emit('scheduler:changed', service.schedulerStatus());
    },
  });
  await jobs.load();
  relay.relayEngine(engine, service.schedulerStatus, store);
  // After the relay's listeners: the window hears of a run before the monitor acts on it.
  engine.on('run:started', (run) => monitoring.onRunStarted(run));
  engine.on('run:finished', (run) => monitoring.onRunFinished(run));
  if (scheduling && history) engine.on('run:finished', (run) => pruneConfigHistory(run, jobs, history, log));
  if (scheduling || options.watch) jobs.watch();

  // Other Cronbar processes reach the scheduler through its control socket (electron/core/control).
  if (scheduling && dbPath !== ':memory:') controlServer = await serveControl(service, { engine, relay, lock, log });
  // A ping stored while this process started, before the socket listened: deliver it now.
  if (controlServer) monitoring.takeNewPings();
  // Channels (mail, webhook, ntfy, hooks) hear the scheduler's events and deliver off the fire path (core/notify).
  if (scheduling) {
    const { gatherDigestFacts } = await import('../notify/digest-facts');
    notifier = (await import('../notify/notifier')).createNotifier({
      dbPath,
      nativeBinding,
      clock,
      log,
      config: () => jobs.config,
      store,
      on: service.on,
      digestFacts: () => gatherDigestFacts({ now: clock.now(), service, store, dbPath }),
    });
  }
  // Last, with the socket up: "scheduling" in the log means other processes can reach this one.
  if (scheduling) {
    monitoring.start();
    const startEngine = () => {
      if (closing) return;
      engine.start();
      log(`scheduling ${jobs.config.jobs.length} jobs from ${configPath} (data: ${options.dataDir})`);
      log(`jobs start from ${environment.current().source}`);
    };
    // The desktop's login-shell read (bounded by its timeout) holds back the first runs, not the caller or the tray.
    if (environment.pending) void environment.pending.then(startEngine);
    else startEngine();
  } else if (lock && !lock.acquired) {
    log(`not scheduling: ${lock.description} holds ${options.dataDir}`);
  }
  return service;
}

/** The engine and its runner; a reader's engine takes the fires earlier readers computed. */
async function openEngine(
  options: OpenCronbarOptions,
  parts: {
    store: Store;
    clock: Clock;
    log: (line: string) => void;
    readerCache: ReaderCache | null;
    monitoring: MonitorService;
    environment: BaseEnvironmentHolder;
  },
): Promise<Engine> {
  const { store, clock, log, readerCache, monitoring } = parts;
  // The runner (child processes, HTTP, built-ins) loads only where jobs may run: not for `cronbar list`.
  const runner: ActionRunner =
    options.runner ??
    (options.runs === false
      ? idleRunner
      : (await import('../runner/action-runner')).createActionRunner({
          store,
          dataDir: options.dataDir,
          killGraceMs: options.killGraceMs,
          baseEnvironment: parts.environment.current,
        }));
  const calculator = readerCache ? new ScheduleCalculator(sharedCronCache, readerCache.knownFires()) : undefined;
  // The machine's events (`on:`, `when:`): the desktop passes Electron's; a scheduling daemon reads the OS's.
  const probes =
    options.probes ??
    ((options.schedule ?? true) ? (await import('../probes/os-probes')).createOsProbes({ log }) : undefined);
  const engine = new Engine({
    store,
    runner,
    clock,
    log,
    ...(calculator ? { calculator } : {}),
    ...(probes ? { probes } : {}),
  });
  // Before the engine's catch-up: the monitor's wall deadlines may have passed too, and downtime is measured now.
  engine.on('resync', (change) => monitoring.onResync(change));
  engine.on('clock:checked', ({ now }) => monitoring.onClockCheck(now));
  return engine;
}

/** The scheduler's control socket; a socket that cannot be served closes the service and refuses the start. */
async function serveControl(
  service: CronbarService,
  parts: { engine: Engine; relay: EventRelay; lock: LockResult & { acquired: true }; log: (line: string) => void },
): Promise<ControlServer> {
  const { engine, relay, log } = parts;
  try {
    const { startControlServer } = await import('../control/control-server');
    return await startControlServer(service.dataDir, {
      // The socket's clients are CLI processes: their writes (`cronbar enable` beside a scheduler) are the CLI's.
      service: service.forOrigin('cli'),
      forMcp: service.forOrigin('mcp'),
      who: parts.lock.owner,
      // Chunks batched for the other listeners are in the engine's tail already: send them first, not twice.
      outputSoFar: (runId) => (relay.flushRun(runId), engine.runOutputSoFar(runId)?.toString('utf8') ?? null),
      log,
    });
  } catch (error) {
    await service.shutdown({ graceMs: 0 });
    throw new CronbarError('refused', (error as Error).message);
  }
}
