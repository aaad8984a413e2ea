/**
 * The renderer's way in: every contract method answered over IPC (the service's, the desktop's own and the HTTP API
 * switch), and every service event pushed to the window. Returns the dispose.
 */
import { serviceMethods } from '../../shared/api/contract';
import type { Implementation } from '../../shared/api/dispatch';
import type { CronbarService } from '../core/service/types';
import { forwardEvents } from '../ipc/event-forwarder';
import { IpcManager } from '../ipc/ipc-manager';
import type { MainWindow } from './main-window';

export function setupIpc(options: {
  service: CronbarService;
  desktopMethods: Implementation;
  window: MainWindow;
  log: (line: string) => void;
}): () => void {
  const { service, window } = options;
  const implementation: Implementation = { ...options.desktopMethods };
  for (const method of Object.keys(serviceMethods) as Array<keyof typeof serviceMethods>) {
    // Bound per method: the dispatcher calls implementations as plain functions.
    (implementation as Record<string, unknown>)[method] = (input: never) =>
      (service[method] as (input: never) => Promise<unknown>)(input);
  }
  const ipc = new IpcManager({
    implementation,
    isOurWebContents: (contents) => window.isOurWebContents(contents),
    log: options.log,
  });
  ipc.register();
  const stopForwarding = forwardEvents(
    (event, listener) => service.on(event, listener),
    (channel, payload) => window.send(channel, payload),
  );
  return () => {
    stopForwarding();
    ipc.dispose();
  };
}
