/**
 * The desktop app's composition root: one instance, the core on the user's data directory, the tray, notifications,
 * the lazily created window and the typed IPC. Decisions live in electron/policy (pure, tested without Electron);
 * this file only wires them to Electron.
 *
 * Start-up order matters and the faithful Electron fake (test/mocks/electron.ts) checks it: the data directory is
 * set as `userData` and the app:// scheme registered before `ready`, and the single-instance lock is taken for that
 * directory, so the app and the CLI share one directory, one database and one scheduler.
 */
import fs from 'node:fs';
import path from 'node:path';
import { app, dialog, nativeImage, powerMonitor } from 'electron';
import { type EventPayload, eventChannelFor, serviceMethods } from '../shared/api/contract';
import type { Implementation } from '../shared/api/dispatch';
import { openCronbar } from './core/service/open-cronbar';
import type { CronbarService } from './core/service/types';
import { dataPaths, defaultDataDir } from './core/store/data-paths';
import { createAppLog } from './app/app-log';
import { installAppMenu } from './app/app-menu';
import { createAppMethods } from './app/app-methods';
import { AppNapGuard } from './app/app-nap-guard';
import { HttpApiSwitch } from './app/http-api-switch';
import { registerAppScheme, serveAppProtocol } from './app/app-protocol';
import { installE2EHooks, isE2E } from './app/e2e-hooks';
import { createLoginItem } from './app/login-item';
import { MainWindow } from './app/main-window';
import { resolveNativeBinding } from './app/native-binding';
import { NotificationFeed } from './app/notification-feed';
import { ElectronNotifier, type Notifier, RecordingNotifier } from './app/notifier';
import { applySecurityPolicy } from './app/security';
import { reportStartupFailure } from './app/startup-failure';
import { TrayController } from './app/tray-controller';
import { forwardEvents } from './ipc/event-forwarder';
import { IpcManager } from './ipc/ipc-manager';
import { APP_ENTRY_URL } from './policy/app-origin';
import { appPaths } from './policy/app-paths';
import { clockJump } from './policy/clock-jump';
import { appUserModelId, shouldShowWindowAtStart } from './policy/launch-mode';
import type { Notice } from './policy/notify-policy';
import { type TrayAction, pauseUntil } from './policy/tray-actions';
import { trayWarning } from './policy/tray-support';
import { type TrayState, deriveTrayState, UPCOMING_IN_TRAY } from './policy/tray-state';
import { trayIconPath } from './policy/tray-icon-path';

/** How long running jobs may finish on Quit before they are stopped and marked interrupted. */
const QUIT_GRACE_MS = 10_000;
const CLOCK_CHECK_MS = 30_000;
const APP_NAP_CHECK_MS = 15_000;
/** electron-builder.yml's appId: the Windows AppUserModelID of the installed app. */
const APP_ID = 'dev.cronbar.app';

// The folder with package.json: the checkout under `npm start`, <resources>/app.asar when packaged.
const appRoot = app.getAppPath();
const e2e = isE2E(process.env, app.isPackaged);

// The CLI's directory ($CRONBAR_HOME, else ~/.config/Cronbar and the like), not whatever Electron derives from the
// package name: two directories would mean two databases and two schedulers running the same jobs.
const dataDir = defaultDataDir();
app.setPath('userData', dataDir);
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  // Another Cronbar owns this data directory; it shows its window (second-instance below) and we leave.
  app.quit();
} else {
  void app.whenReady().then(startOrExplain);
}

async function startOrExplain(): Promise<void> {
  const logPath = path.join(dataDir, 'cronbar.log');
  // Writes that fail (no data directory yet, a read-only disk) still reach stdout.
  const log = createAppLog(logPath);
  for (let attempt = 0; ; attempt++) {
    try {
      fs.mkdirSync(dataDir, { recursive: true });
      await start(log);
      return;
    } catch (error) {
      const outcome = reportStartupFailure(
        error,
        { dataDir, dbPath: dataPaths(dataDir).dbPath, logPath, isPackaged: app.isPackaged },
        log,
      );
      if (outcome === 'retry' && attempt === 0) continue;
      app.exit(1);
      return;
    }
  }
}

async function start(log: (line: string) => void): Promise<void> {
  const platform = process.platform;
  const paths = appPaths({ isPackaged: app.isPackaged, appRoot });
  const firstRun = !fs.existsSync(dataPaths(dataDir).configPath);

  const nativeBinding = resolveNativeBinding({
    isPackaged: app.isPackaged,
    appRoot,
    resourcesPath: process.resourcesPath,
    abi: process.versions.modules,
  });
  // First, so a database or native-module problem is reported before any window or tray exists.
  const service: CronbarService = await openCronbar({
    dataDir,
    schedule: true,
    lockKind: 'app',
    log,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  log(`cronbar: data in ${dataDir}, jobs file ${service.configPath}`);

  if (platform === 'darwin') app.dock?.hide();
  if (platform === 'win32')
    app.setAppUserModelId(appUserModelId({ isPackaged: app.isPackaged, execPath: process.execPath, appId: APP_ID }));
  installAppMenu({ isPackaged: app.isPackaged, platform });
  applySecurityPolicy();
  serveAppProtocol(paths.renderer);

  let quitPhase: 'running' | 'draining' | 'done' = 'running';
  let quitting: TrayState['quitting'] = null;
  // A navigation asked for before the page has loaded (a notification click opening the window) waits for it.
  let pendingNavigation: EventPayload<'app:navigate'> | null = null;

  const window = new MainWindow({
    preloadPath: paths.preload,
    ...(platform === 'linux' ? { icon: paths.appIcon } : {}),
    entryUrl: APP_ENTRY_URL,
    stateFile: path.join(dataDir, 'window-state.json'),
    isQuitting: () => quitPhase !== 'running',
    onLoaded: () => deliverNavigation(),
  });

  function deliverNavigation(): void {
    if (!pendingNavigation || !window.isLoaded) return;
    window.send(eventChannelFor('app:navigate'), pendingNavigation);
    pendingNavigation = null;
  }

  function openTarget(target: Notice['target']): void {
    window.show();
    pendingNavigation =
      target.view === 'run'
        ? { view: 'run', runId: target.runId, jobId: target.jobId }
        : target.view === 'job'
          ? { view: 'job', jobId: target.jobId }
          : { view: target.view };
    deliverNavigation();
  }

  const loginItem = createLoginItem({ platform });
  const appApi = createAppMethods({
    loginItem,
    platform,
    version: app.getVersion(),
    dataDir: service.dataDir,
    configPath: service.configPath,
    runOutput: (runId) => service.runOutput({ runId }),
    getRun: (runId) => service.getRun({ runId }),
    window: () => window.current,
    onSettingsChanged: () => tray.requestRefresh(),
    trayWarning: trayWarning(platform, process.env),
  });

  const httpApi = new HttpApiSwitch({ service, version: app.getVersion(), log });
  const implementation: Implementation = { ...appApi, ...httpApi.methods };
  for (const method of Object.keys(serviceMethods) as Array<keyof typeof serviceMethods>) {
    // Bound per method: the dispatcher calls implementations as plain functions.
    (implementation as Record<string, unknown>)[method] = (input: never) =>
      (service[method] as (input: never) => Promise<unknown>)(input);
  }
  const ipc = new IpcManager({
    implementation,
    isOurWebContents: (contents) => window.isOurWebContents(contents),
    log,
  });
  ipc.register();
  const stopForwarding = forwardEvents(
    (event, listener) => service.on(event, listener),
    (channel, payload) => window.send(channel, payload),
  );

  const recorder = e2e ? new RecordingNotifier() : null;
  const notifier: Notifier =
    recorder ?? new ElectronNotifier({ platform, ...(platform === 'linux' ? { icon: paths.appIcon } : {}) });
  const feed = new NotificationFeed({
    listJobs: () => service.listJobs({}),
    runOutput: (runId) => service.runOutput({ runId }),
    notifier,
    open: (target) => openTarget(target),
    log,
  });
  await feed.start();

  const appNap = new AppNapGuard(platform);
  const tray = new TrayController({
    platform,
    log,
    icon: (state) => nativeImage.createFromPath(trayIconPath(paths.resources, platform, state)),
    loadState: async () => {
      const [jobs, checks, status, upcoming] = await Promise.all([
        service.listJobs({}),
        service.listChecks({}),
        service.status({}),
        service.upcoming({ count: UPCOMING_IN_TRAY }),
      ]);
      appNap.update({ now: Date.now(), nextFireAt: upcoming[0]?.at ?? null, running: status.running });
      return deriveTrayState({
        jobs,
        checks,
        status,
        upcoming,
        now: Date.now(),
        platform,
        launchAtLogin: loginItem.get(),
        quitting,
      });
    },
    onAction: (action) => void handleTrayAction(action).catch((error: unknown) => tellTrayFailure(action, error)),
  });

  /** A tray click that fails (no app for .yaml files, a refused run) says so: the menu has nowhere to show it. */
  function tellTrayFailure(action: TrayAction, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    log(`tray: ${action.kind} failed: ${message}`);
    dialog.showErrorBox('Cronbar', message);
  }

  async function handleTrayAction(action: TrayAction): Promise<void> {
    switch (action.kind) {
      case 'open-window':
        window.show();
        return;
      case 'open-job':
        openTarget({ view: 'job', jobId: action.jobId });
        return;
      case 'open-checks':
        openTarget({ view: 'checks' });
        return;
      case 'open-run': {
        const run = await service.getRun({ runId: action.runId });
        openTarget({ view: 'run', runId: run.id, jobId: run.jobId });
        return;
      }
      case 'run-now': {
        const result = await service.runNow({ id: action.jobId, force: false });
        if (result.refused) {
          log(`tray: run now ${action.jobId} refused: ${result.refused}`);
          dialog.showErrorBox('Cronbar', `${action.jobId} was not started: ${result.refused}`);
        }
        break;
      }
      case 'pause-all':
        await service.pauseAll({ until: pauseUntil(action.choice, Date.now()) });
        break;
      case 'resume-all':
        await service.resumeAll({});
        break;
      case 'edit-jobs-file':
        await appApi.openJobsFile({});
        return;
      case 'open-data-folder':
        await appApi.openDataFolder({});
        return;
      case 'toggle-launch-at-login':
        loginItem.set(!loginItem.get());
        break;
      case 'quit':
        app.quit();
        return;
    }
    await tray.refresh();
  }

  const unsubscribers = [
    service.on('run:queued', () => tray.requestRefresh()),
    service.on('run:started', () => tray.requestRefresh()),
    service.on('run:finished', (run) => {
      tray.requestRefresh();
      void feed.onRunFinished(run);
    }),
    service.on('jobs:changed', () => {
      tray.requestRefresh();
      void feed.reloadJobs();
    }),
    service.on('scheduler:changed', () => tray.requestRefresh()),
    service.on('config:error', () => tray.requestRefresh()),
    // The silent failures: the tray's Overdue and Slow sections and the icon, and one notice per change.
    service.on('job:overdue', (payload) => {
      tray.requestRefresh();
      feed.onOverdue(payload);
    }),
    service.on('check:changed', (payload) => {
      tray.requestRefresh();
      feed.onCheckChanged(payload);
    }),
    service.on('run:slow', (payload) => {
      tray.requestRefresh();
      void feed.onRunSlow(payload);
    }),
  ];
  await tray.start();
  await httpApi.start();

  // Sleep and clock changes: the engine recomputes its timers and catches up per job policy.
  // The suspend is noted so the resume's resync records the exact sleep span (not only the drift it measures).
  powerMonitor.on('suspend', () => {
    log('power: suspend');
    service.noteSuspend();
  });
  powerMonitor.on('resume', () => {
    service.resync('resume');
    tray.requestRefresh();
  });
  let lastReading = { wall: Date.now(), monotonic: performance.now() };
  const clockTimer = setInterval(() => {
    const reading = { wall: Date.now(), monotonic: performance.now() };
    const jump = clockJump(lastReading, reading);
    lastReading = reading;
    if (jump !== 0) {
      service.resync(`clock changed by ${Math.round(jump / 1000)} s`);
      tray.requestRefresh();
    }
  }, CLOCK_CHECK_MS);
  // The tray refresh also updates it; this keeps a due fire covered between refreshes.
  const appNapTimer = setInterval(() => {
    void Promise.all([service.status({}), service.upcoming({ count: 1 })])
      .then(([status, upcoming]) =>
        appNap.update({ now: Date.now(), nextFireAt: upcoming[0]?.at ?? null, running: status.running }),
      )
      .catch(() => {});
  }, APP_NAP_CHECK_MS);

  app.on('second-instance', () => window.show());
  // A tray app keeps running with no window open; Quit in the tray menu ends it.
  app.on('window-all-closed', () => {});
  app.on('activate', () => window.show());

  app.on('before-quit', (event) => {
    if (quitPhase === 'done') return;
    event.preventDefault();
    if (quitPhase === 'draining') return;
    quitPhase = 'draining';
    void drainAndQuit();
  });

  async function drainAndQuit(): Promise<void> {
    clearInterval(clockTimer);
    clearInterval(appNapTimer);
    const status = await service.status({}).catch(() => null);
    quitting = { running: status?.running ?? 0, graceEndsAt: Date.now() + QUIT_GRACE_MS };
    const ticker = setInterval(() => void tray.refresh(), 1000);
    await tray.refresh();
    let interrupted = 0;
    await httpApi
      .stop()
      .catch((error: unknown) => log(`quit: api: ${error instanceof Error ? error.message : String(error)}`));
    try {
      ({ interrupted } = await service.shutdown({
        graceMs: QUIT_GRACE_MS,
        onProgress: (running) => {
          if (quitting) quitting = { ...quitting, running };
          tray.requestRefresh();
        },
      }));
    } catch (error) {
      log(`quit: shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    log(`quit: done (${interrupted} run(s) marked interrupted)`);
    clearInterval(ticker);
    unsubscribers.forEach((unsubscribe) => unsubscribe());
    stopForwarding();
    feed.dispose();
    ipc.dispose();
    tray.dispose();
    appNap.release();
    window.destroy();
    quitPhase = 'done';
    app.quit();
  }

  if (e2e && recorder) {
    installE2EHooks({
      trayTemplate: () => tray.currentTemplate(),
      trayTooltip: () => tray.currentTooltip(),
      trayIcon: () => tray.currentIcon(),
      refreshTray: () => tray.refresh(),
      clickTray: (id) => tray.click(id),
      notifications: recorder.notifications,
      clickNotification: (index) => recorder.click(index),
      openWindow: () => void window.show(),
      dataDir,
    });
  }

  if (
    shouldShowWindowAtStart({
      argv: process.argv,
      wasOpenedAtLogin: platform === 'darwin' ? app.getLoginItemSettings().wasOpenedAtLogin : false,
      firstRun,
    })
  )
    window.show();
}
