/**
 * Runs inside the page (bundled by esbuild into an init script): builds `window.api` with the same
 * `createWindowApi` the preload uses, over a Playwright binding instead of ipcRenderer. Typed without the DOM lib on
 * purpose: this folder is checked with the Node tsconfig.
 */
import { createWindowApi } from '../../../shared/api/client';
import type { Result, WindowApi } from '../../../shared/api/contract';

interface BridgeGlobals {
  /** Exposed by page.exposeBinding in the test process: dispatch(service, method, input). */
  __cronbarInvoke(channel: string, input: unknown): Promise<Result<unknown>>;
  /** Called by the test process (page.evaluate) to push an event. */
  __cronbarEmit(channel: string, payload: unknown): void;
  api: WindowApi;
}

const page = globalThis as unknown as BridgeGlobals;
const listeners = new Map<string, Set<(payload: unknown) => void>>();

page.__cronbarEmit = (channel, payload) => {
  for (const listener of listeners.get(channel) ?? []) listener(payload);
};

page.api = createWindowApi({
  invoke: (channel, input) => page.__cronbarInvoke(channel, input),
  subscribe(channel, listener) {
    let set = listeners.get(channel);
    if (!set) listeners.set(channel, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  },
});
