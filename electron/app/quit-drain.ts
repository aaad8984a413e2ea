/**
 * Quit: the first `before-quit` is held back while running jobs get QUIT_GRACE_MS to finish (the tray counts them
 * down once a second), then they are stopped and marked interrupted, the core shuts down, `dispose` takes down the
 * rest of the app, and the quit goes through.
 */
import { app } from 'electron';
import type { CronbarService } from '../core/service/types';
import type { HttpApiSwitch } from './http-api-switch';
import type { QuitState } from './quit-state';
import type { TrayController } from './tray-controller';

/** How long running jobs may finish on Quit before they are stopped and marked interrupted. */
export const QUIT_GRACE_MS = 10_000;
const COUNTDOWN_MS = 1_000;

export function setupQuitDrain(
  service: CronbarService,
  options: {
    quit: QuitState;
    tray: TrayController;
    httpApi: HttpApiSwitch;
    log: (line: string) => void;
    /** Takes down everything else (listeners, IPC, the tray, the window) once the core has stopped. */
    dispose(): void;
  },
): void {
  const { quit, tray, log } = options;

  app.on('before-quit', (event) => {
    if (quit.phase === 'done') return;
    event.preventDefault();
    if (quit.phase === 'draining') return;
    quit.phase = 'draining';
    void drainAndQuit();
  });

  async function drainAndQuit(): Promise<void> {
    const status = await service.status({}).catch(() => null);
    quit.progress = { running: status?.running ?? 0, graceEndsAt: Date.now() + QUIT_GRACE_MS };
    const countdown = setInterval(() => void tray.refresh(), COUNTDOWN_MS);
    await tray.refresh();
    let interrupted = 0;
    await options.httpApi
      .stop()
      .catch((error: unknown) => log(`quit: api: ${error instanceof Error ? error.message : String(error)}`));
    try {
      ({ interrupted } = await service.shutdown({
        graceMs: QUIT_GRACE_MS,
        onProgress: (running) => {
          if (quit.progress) quit.progress = { ...quit.progress, running };
          tray.requestRefresh();
        },
      }));
    } catch (error) {
      log(`quit: shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    log(`quit: done (${interrupted} run(s) marked interrupted)`);
    clearInterval(countdown);
    options.dispose();
    quit.phase = 'done';
    app.quit();
  }
}
