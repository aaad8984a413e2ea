/** The app's "Local HTTP API" switch on a real core: serves while the app schedules, remembers the choice, defers to a daemon. */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpApiSwitch } from '../../../electron/app/http-api-switch';
import { readOrCreateToken } from '../../../electron/core/http/api-token';
import { openCronbar } from '../../../electron/core/service/open-cronbar';
import type { CronbarService } from '../../../electron/core/service/types';
import { Daemon } from '../../cli/cli-helpers';
import { rawRequest, tempDataDir } from '../../core/http/api-harness';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function open(dir: string): Promise<CronbarService> {
  const service = await openCronbar({ dataDir: dir, schedule: true, lockKind: 'app' });
  cleanups.push(() => service.shutdown({ graceMs: 0 }).then(() => undefined));
  return service;
}

function switchFor(service: CronbarService): HttpApiSwitch {
  const toggle = new HttpApiSwitch({ service, version: 'test' });
  cleanups.push(() => toggle.stop());
  return toggle;
}

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const JOBS = 'jobs:\n  - id: ok\n    cron: "0 0 1 1 *"\n    command: "true"\n';

describe("the app's Local HTTP API switch", () => {
  it('is off by default; on, it serves on 127.0.0.1:<port> with the token; off again, it stops and says so', async () => {
    const dir = tempDataDir(JOBS);
    const service = await open(dir);
    const toggle = switchFor(service);
    await toggle.start();
    expect(await toggle.methods.getHttpApi({})).toMatchObject({
      enabled: false,
      url: null,
      servedBy: null,
      tokenPath: path.join(dir, 'api-token'),
    });

    const port = await freePort();
    const on = await toggle.methods.setHttpApi({ enabled: true, port });
    expect(on).toMatchObject({ enabled: true, port, url: `http://127.0.0.1:${port}`, error: null });
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'api.json'), 'utf8'))).toMatchObject({
      kind: 'app',
      pid: process.pid,
    });
    const token = readOrCreateToken(dir);
    expect((await rawRequest(port, { path: '/api/v1/schedules', token })).status).toBe(200);

    const off = await toggle.methods.setHttpApi({ enabled: false, port });
    expect(off).toMatchObject({ enabled: false, url: null });
    await expect(rawRequest(port, { path: '/api/v1/schedules', token })).rejects.toThrow(/ECONNREFUSED/);
    expect(fs.existsSync(path.join(dir, 'api.json'))).toBe(false);
  });

  it('is remembered: the next launch serves again', async () => {
    const dir = tempDataDir(JOBS);
    const port = await freePort();
    const first = await open(dir);
    const toggle = switchFor(first);
    await toggle.methods.setHttpApi({ enabled: true, port });
    await toggle.stop();
    await first.shutdown({ graceMs: 0 });

    const again = switchFor(await open(dir));
    await again.start();
    expect((await again.methods.getHttpApi({})).url).toBe(`http://127.0.0.1:${port}`);
    expect((await rawRequest(port, { path: '/api/v1/schedules', token: readOrCreateToken(dir) })).status).toBe(200);
  });

  it('reports a taken port instead of failing the app', async () => {
    const dir = tempDataDir(JOBS);
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
    const { port } = blocker.address() as net.AddressInfo;
    const state = await switchFor(await open(dir)).methods.setHttpApi({ enabled: true, port });
    expect(state).toMatchObject({
      enabled: true,
      url: null,
      error: `port ${port} is in use by another program; pick another`,
    });
  });

  it('serves nothing while another process schedules the directory, and names the one that serves', async () => {
    const dir = tempDataDir(JOBS);
    const daemon = new Daemon(dir, ['--listen', '127.0.0.1:0']);
    cleanups.push(() => daemon.stop('SIGKILL').then(() => undefined));
    const url = (await daemon.waitFor(/api: listening on (\S+)/, 15_000))[1]!;
    // Same data directory, lock held by the daemon: this core does not schedule.
    const appCore = await open(dir);
    expect((await appCore.status({})).scheduling).toBe(false);
    const toggle = new HttpApiSwitch({ service: appCore, version: 'test' });
    cleanups.push(() => toggle.stop());
    const state = await toggle.methods.setHttpApi({ enabled: true, port: await freePort() });
    expect(state).toMatchObject({ url: null, servedBy: `the daemon (pid ${daemon.pid}) at ${url}` });
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'api.json'), 'utf8'))).toMatchObject({ kind: 'daemon', url });
  });
});
