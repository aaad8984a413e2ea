/**
 * Wires a page's `window.api` to a real core, through the same contract pieces as the desktop app: the page side is
 * `createWindowApi` (page-bridge-entry.ts), the test side is `dispatch(service, method, input)`, and the core's events
 * are pushed with page.evaluate. The desktop-only methods are faked here, and recorded so tests can assert them.
 */
import path from 'node:path';
import { buildSync } from 'esbuild';
import type { Page } from 'playwright-core';
import { type AppApi, type EventName, eventChannelFor, eventNames, methodNames } from '../../../shared/api/contract';
import { type Implementation, dispatch } from '../../../shared/api/dispatch';

let bundled: string | null = null;

function pageScript(): string {
  bundled ??= buildSync({
    entryPoints: [path.join(import.meta.dirname, 'page-bridge-entry.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
  }).outputFiles[0]!.text;
  return bundled;
}

export interface FakeApp {
  calls: Array<{ method: string; input: unknown }>;
  launchAtLogin: boolean;
  /** Settings' "until the morning" time; absent: the window's default. */
  pauseMorning?: string;
}

export function fakeAppMethods(app: FakeApp): AppApi {
  const record = (method: string, input: unknown) => app.calls.push({ method, input });
  return {
    async getAppSettings() {
      return {
        launchAtLogin: app.launchAtLogin,
        platform: 'linux',
        version: '0.1.0-test',
        ...(app.pauseMorning ? { pauseMorning: app.pauseMorning } : {}),
      };
    },
    async setPauseMorning({ time }) {
      record('setPauseMorning', { time });
      app.pauseMorning = time;
      return { pauseMorning: time };
    },
    async setLaunchAtLogin({ enabled }) {
      record('setLaunchAtLogin', { enabled });
      app.launchAtLogin = enabled;
      return { launchAtLogin: enabled };
    },
    async openDataFolder(input) {
      record('openDataFolder', input);
      return {};
    },
    async openJobsFile(input) {
      record('openJobsFile', input);
      return {};
    },
    async saveRunLog({ runId }) {
      record('saveRunLog', { runId });
      return { savedTo: `/tmp/run-${runId}.log` };
    },
    async getHttpApi() {
      return { enabled: false, port: 7370, url: null, servedBy: null, error: null, tokenPath: '/tmp/api-token' };
    },
    async setHttpApi({ enabled, port }) {
      record('setHttpApi', { enabled, port });
      return {
        enabled,
        port,
        url: enabled ? `http://127.0.0.1:${port}` : null,
        servedBy: null,
        error: null,
        tokenPath: '/tmp/api-token',
      };
    },
  };
}

export interface EventSource {
  on(event: EventName, listener: (payload: unknown) => void): () => void;
}

/** Call before page.goto. Returns the unsubscribe for the event forwarding. */
export async function installBridge(page: Page, impl: Implementation, events: EventSource): Promise<() => void> {
  await page.exposeBinding('__cronbarInvoke', async (_source, channel: string, input: unknown) => {
    const method = channel.replace(/^cronbar:/, '');
    if (!(methodNames as string[]).includes(method))
      return { ok: false, error: { code: 'invalid-input', message: `unknown channel ${channel}` } };
    return dispatch(impl, method as (typeof methodNames)[number], input);
  });
  await page.addInitScript({ content: pageScript() });
  const offs = eventNames.map((event) =>
    events.on(event, (payload) => {
      // The page may be navigating or closed; a lost event there is not the window's bug.
      page
        .evaluate(
          ([channel, data]) =>
            (globalThis as unknown as { __cronbarEmit(c: string, p: unknown): void }).__cronbarEmit(channel, data),
          [eventChannelFor(event), payload] as [string, unknown],
        )
        .catch(() => {});
    }),
  );
  return () => offs.forEach((off) => off());
}
