/** `GET /api/v1/events` with many clients: one subscription to the service feeds them all. */
import fs from 'node:fs';
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { type ApiServer, startApiServer } from '../../../electron/core/http/api-server';
import { openCronbar } from '../../../electron/core/service/open-cronbar';
import type { CronbarService } from '../../../electron/core/service/types';
import { tempDataDir, until } from './api-harness';

const JOBS = 'jobs:\n  - id: ok\n    cron: "0 0 1 1 *"\n    command: "true"\n';
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The service, with a count of the listeners the server holds on it right now. */
function countingListeners(service: CronbarService): { service: CronbarService; active: () => number } {
  let active = 0;
  const counted: CronbarService = Object.create(service) as CronbarService;
  counted.on = (event, listener) => {
    active++;
    const off = service.on(event, listener);
    return () => {
      active--;
      off();
    };
  };
  return { service: counted, active: () => active };
}

function openStream(server: ApiServer, token: string): Promise<{ text: () => string; close: () => void }> {
  return new Promise((resolve, reject) => {
    http
      .get(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/api/v1/events',
          headers: { authorization: `Bearer ${token}` },
          agent: false,
        },
        (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          response.on('error', () => {});
          resolve({ text: () => text, close: () => response.destroy() });
        },
      )
      .on('error', reject);
  });
}

describe('the event stream with many clients', () => {
  it('200 clients get every event through one subscription, with no MaxListenersExceededWarning', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on('warning', onWarning);
    cleanups.push(() => void process.off('warning', onWarning));

    const dir = tempDataDir(JOBS);
    const core = await openCronbar({ dataDir: dir, schedule: true, killGraceMs: 200 });
    cleanups.push(async () => {
      await core.shutdown({ graceMs: 0 });
      fs.rmSync(dir, { recursive: true, force: true });
    });
    const { service, active } = countingListeners(core);
    const server = await startApiServer({
      service,
      listen: { host: '127.0.0.1', port: 0 },
      kind: 'test',
      version: 'test',
      maxConnections: 250,
    });
    cleanups.push(() => server.close());
    const token = fs.readFileSync(`${dir}/api-token`, 'utf8').trim();

    const first = await openStream(server, token);
    const perClient = active();
    expect(perClient).toBeGreaterThan(0);
    const streams = [first];
    for (let index = 1; index < 200; index++) streams.push(await openStream(server, token));
    cleanups.push(() => streams.forEach((stream) => stream.close()));
    expect(active()).toBe(perClient);

    await core.pauseAll({ until: null });
    await until(
      async () => streams.every((stream) => stream.text().includes('event: scheduler:changed')),
      10_000,
      'scheduler:changed on all 200 streams',
    );
    // Warnings are emitted on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.filter((warning) => warning.includes('MaxListeners'))).toEqual([]);

    // The last client gone, the server holds no listener at all (run:output is not even produced then).
    streams.forEach((stream) => stream.close());
    await until(async () => active() === 0, 5000, 'listeners released');
  });
});
