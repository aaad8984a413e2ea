/**
 * The desktop app's composition root: one instance, the core on the user's data directory, the tray, notifications,
 * the lazily created window and the typed IPC: a list of `setupX(service, …)` calls (Electron Fiddle's shape), each
 * module in electron/app owning its listeners and timers and handing back its dispose, which the quit drain calls.
 * Nothing here polls: the tray and the App Nap guard follow service events, the engine's ClockWatch is the one
 * detector of sleep and clock jumps. Decisions live in electron/policy (pure, tested without Electron).
 *
 * Start-up order matters and the faithful Electron fake (test/mocks/electron.ts) checks it: the data directory is
 * set as `userData` and the app:// scheme registered before `ready`, and the single-instance lock is taken for that
 * directory, so the app and the CLI share one directory, one database and one scheduler.
 */
import fs from 'node:fs';
import path from 'node:path';
import { app } from 'electron';
import { openCronbar } from './core/service/open-cronbar';
import { dataPaths, defaultDataDir } from './core/store/data-paths';
import { createAppLog } from './app/app-log';
import { installAppMenu } from './app/app-menu';
import { createAppMethods } from './app/app-methods';
import { setupAppNap } from './app/app-nap-guard';
import { registerAppScheme, serveAppProtocol } from './app/app-protocol';
import { installE2EHooks, isE2E } from './app/e2e-hooks';
import { HttpApiSwitch } from './app/http-api-switch';
import { createLoginItem } from './app/login-item';
import { readLoginShellBase } from './app/login-shell-base';
import { pauseMorningSetting } from './app/pause-morning-setting';
import { resolveNativeBinding } from './app/native-binding';
import { setupQuitDrain } from './app/quit-drain';
import { createQuitState } from './app/quit-state';
import { applySecurityPolicy } from './app/security';
import { setupIpc } from './app/setup-ipc';
import { setupNotifications } from './app/setup-notifications';
import { setupPower } from './app/setup-power';
import { setupTray } from './app/setup-tray';
import { setupWindow } from './app/setup-window';
import { reportStartupFailure } from './app/startup-failure';
import { APP_ENTRY_URL } from './policy/app-origin';
import { appPaths } from './policy/app-paths';
import { appUserModelId, shouldShowWindowAtStart } from './policy/launch-mode';
import { trayWarning } from './policy/tray-support';

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
  // First, so a database or native-module problem is reported before any window or tray exists. The login shell is
  // read meanwhile; only the first runs wait for it (login-shell-base.ts).
  const service = await openCronbar({
    dataDir,
    schedule: true,
    lockKind: 'app',
    // The window's saves are the app's in the jobs file history.
    origin: 'app',
    log,
    baseEnvironment: readLoginShellBase(log),
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  log(`cronbar: data in ${dataDir}, jobs file ${service.configPath}`);

  if (platform === 'darwin') app.dock?.hide();
  if (platform === 'win32')
    app.setAppUserModelId(appUserModelId({ isPackaged: app.isPackaged, execPath: process.execPath, appId: APP_ID }));
  installAppMenu({ isPackaged: app.isPackaged, platform });
  applySecurityPolicy();
  serveAppProtocol(paths.renderer);

  // Each setup owns its listeners and timers and hands back what takes them down; quit-drain.ts calls those last.
  const quit = createQuitState();
  const { window, openTarget } = setupWindow({
    preloadPath: paths.preload,
    ...(platform === 'linux' ? { icon: paths.appIcon } : {}),
    entryUrl: APP_ENTRY_URL,
    stateFile: path.join(dataDir, 'window-state.json'),
    isQuitting: () => quit.phase !== 'running',
  });
  const loginItem = createLoginItem({ platform });
  const pauseMorning = pauseMorningSetting(service.dataDir);
  const httpApi = new HttpApiSwitch({ service, version: app.getVersion(), log });
  const appApi = createAppMethods({
    loginItem,
    pauseMorning,
    platform,
    version: app.getVersion(),
    dataDir: service.dataDir,
    configPath: service.configPath,
    runOutput: (runId) => service.runOutput({ runId }),
    getRun: (runId) => service.getRun({ runId }),
    window: () => window.current,
    // Reached only through IPC, which is set up after the tray.
    onSettingsChanged: () => tray.controller.requestRefresh(),
    trayWarning: trayWarning(platform, process.env),
  });
  const notifications = await setupNotifications(service, {
    platform,
    icon: paths.appIcon,
    record: e2e,
    open: openTarget,
    log,
  });
  const tray = await setupTray(service, {
    platform,
    resourcesDir: paths.resources,
    loginItem,
    pauseMorning: () => pauseMorning.get(),
    quit,
    open: openTarget,
    showWindow: () => void window.show(),
    openJobsFile: () => appApi.openJobsFile({}),
    openDataFolder: () => appApi.openDataFolder({}),
    log,
  });
  const disposeIpc = setupIpc({ service, desktopMethods: { ...appApi, ...httpApi.methods }, window, log });
  const disposePower = setupPower(service, log);
  const disposeAppNap = setupAppNap(service, platform);
  await httpApi.start();
  setupQuitDrain(service, {
    quit,
    tray: tray.controller,
    httpApi,
    log,
    dispose: () => {
      disposeAppNap();
      disposePower();
      disposeIpc();
      notifications.dispose();
      tray.dispose();
      window.destroy();
    },
  });

  app.on('second-instance', () => window.show());
  // A tray app keeps running with no window open; Quit in the tray menu ends it.
  app.on('window-all-closed', () => {});
  app.on('activate', () => window.show());

  if (notifications.recorder) {
    const { controller } = tray;
    const recorder = notifications.recorder;
    installE2EHooks({
      trayTemplate: () => controller.currentTemplate(),
      trayTooltip: () => controller.currentTooltip(),
      trayIcon: () => controller.currentIcon(),
      refreshTray: () => controller.refresh(),
      clickTray: (id) => controller.click(id),
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
