/**
 * The tray: its menu's state read from the service (tray-read.ts), refreshed on every service event that can change
 * it (coalesced by the controller), on the engine's resyncs and on resume, and by one timer to the next moment its
 * text changes by the clock alone. No polling. Menu clicks become service calls; one that fails says so in a dialog,
 * since the menu has nowhere to show it. Returns the controller and the dispose.
 */
import { app, dialog, nativeImage, powerMonitor } from 'electron';
import { eventNames } from '../../shared/api/contract';
import type { CronbarService } from '../core/service/types';
import { type TrayAction, pauseUntil } from '../policy/tray-actions';
import { trayIconPath } from '../policy/tray-icon-path';
import type { LoginItem } from './login-item';
import type { QuitState } from './quit-state';
import type { OpenTarget } from './setup-window';
import { TrayController } from './tray-controller';
import { readTrayState } from './tray-read';

/** Run output changes nothing the tray shows (and comes many times a second from a chatty job). */
const IGNORED_EVENTS = new Set(['run:output', 'app:navigate']);

export interface TraySetupOptions {
  platform: string;
  resourcesDir: string;
  loginItem: LoginItem;
  /** When "Pause all → until the morning" ends (Settings), HH:MM. */
  pauseMorning(): string;
  quit: QuitState;
  open: OpenTarget;
  showWindow(): void;
  openJobsFile(): Promise<unknown>;
  openDataFolder(): Promise<unknown>;
  log: (line: string) => void;
}

export async function setupTray(
  service: CronbarService,
  options: TraySetupOptions,
): Promise<{ controller: TrayController; dispose(): void }> {
  const { platform, log } = options;
  const controller: TrayController = new TrayController({
    platform,
    log,
    icon: (state) => nativeImage.createFromPath(trayIconPath(options.resourcesDir, platform, state)),
    loadState: () =>
      readTrayState(service, {
        platform,
        launchAtLogin: options.loginItem.get(),
        pauseMorning: options.pauseMorning(),
        quitting: options.quit.progress,
        now: Date.now(),
      }),
    onAction: (action) => void act(action).catch((error: unknown) => tellFailure(action, error)),
  });

  function tellFailure(action: TrayAction, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    log(`tray: ${action.kind} failed: ${message}`);
    dialog.showErrorBox('Cronbar', message);
  }

  async function act(action: TrayAction): Promise<void> {
    switch (action.kind) {
      case 'open-window':
        options.showWindow();
        return;
      case 'open-job':
        options.open({ view: 'job', jobId: action.jobId });
        return;
      case 'open-checks':
        options.open({ view: 'checks' });
        return;
      case 'open-run': {
        const run = await service.getRun({ runId: action.runId });
        options.open({ view: 'run', runId: run.id, jobId: run.jobId });
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
        await service.pauseAll({ until: pauseUntil(action.choice, Date.now(), undefined, options.pauseMorning()) });
        break;
      case 'resume-all':
        await service.resumeAll({});
        break;
      case 'edit-jobs-file':
        await options.openJobsFile();
        return;
      case 'open-data-folder':
        await options.openDataFolder();
        return;
      case 'toggle-launch-at-login':
        options.loginItem.set(!options.loginItem.get());
        break;
      case 'quit':
        app.quit();
        return;
    }
    await controller.refresh();
  }

  const refreshSoon = () => controller.requestRefresh();
  const unsubscribers = [
    ...eventNames.filter((event) => !IGNORED_EVENTS.has(event)).map((event) => service.on(event, refreshSoon)),
    service.onResync(refreshSoon),
  ];
  // Also when this app does not schedule (no resync then): relative times were frozen through the sleep.
  powerMonitor.on('resume', refreshSoon);
  await controller.start();
  return {
    controller,
    dispose() {
      unsubscribers.forEach((unsubscribe) => unsubscribe());
      powerMonitor.off('resume', refreshSoon);
      controller.dispose();
    },
  };
}
