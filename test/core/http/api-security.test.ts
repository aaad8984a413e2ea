/** Each defence of the local API, as an attacker or a careless client would meet it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rotateToken, tokenMatches } from '../../../electron/core/http/api-token';
import { type Harness, rawRequest, startHarness } from './api-harness';

const JOBS = 'jobs:\n  - id: ok\n    cron: "0 0 1 1 *"\n    command: "true"\n';
const harnesses: Harness[] = [];
afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
});
async function start(options: Parameters<typeof startHarness>[1] = {}): Promise<Harness> {
  const harness = await startHarness(JOBS, options);
  harnesses.push(harness);
  return harness;
}

/** An address of this machine that is not loopback, if it has one. */
function externalAddress(): string | null {
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const address of addresses ?? []) if (address.family === 'IPv4' && !address.internal) return address.address;
  }
  return null;
}

describe('the bearer token', () => {
  it('is made on first use in <data>/api-token with mode 0600', async () => {
    const api = await start();
    const stat = fs.statSync(path.join(api.dir, 'api-token'));
    if (process.platform !== 'win32') expect(stat.mode & 0o777).toBe(0o600);
    expect(api.token).toMatch(/^cronbar_[A-Za-z0-9_-]{43}$/);
  });

  it('is required on every route; a missing or wrong one gets 401 and nothing runs', async () => {
    const api = await start();
    for (const [method, route] of [
      ['GET', '/api/v1/openapi.json'],
      ['GET', '/api/v1/schedules'],
      ['GET', '/api/v1/events'],
      ['GET', '/metrics'],
      ['POST', '/api/v1/listJobs'],
      ['POST', '/api/v1/schedules/ok/run'],
      ['GET', '/no/such/route'],
    ] as const) {
      const response = await api.request({ method, path: route, noToken: true });
      expect(response.status, `${method} ${route}`).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(response.json()).toMatchObject({ ok: false, error: { code: 'refused' } });
    }
    for (const wrong of [
      'nope',
      `${api.token}x`,
      api.token.slice(0, -1) + (api.token.endsWith('A') ? 'B' : 'A'),
      api.token.toUpperCase(),
    ]) {
      const response = await api.request({
        method: 'POST',
        path: '/api/v1/runNow',
        noToken: true,
        headers: { authorization: `Bearer ${wrong}`, 'content-type': 'application/json' },
        body: '{"id":"ok"}',
      });
      expect(response.status).toBe(401);
    }
    const basic = await api.request({
      path: '/api/v1/schedules',
      noToken: true,
      headers: { authorization: `Basic ${Buffer.from(`x:${api.token}`).toString('base64')}` },
    });
    expect(basic.status).toBe(401);
    expect((await api.service.history({ limit: 10 })).runs).toEqual([]);
  });

  it('compares by content only: equal tokens match, any other string of any length does not', () => {
    expect(tokenMatches('cronbar_abc', 'cronbar_abc')).toBe(true);
    expect(tokenMatches('cronbar_abc', 'cronbar_abd')).toBe(false);
    expect(tokenMatches('cronbar_abc', 'cronbar_ab')).toBe(false);
    expect(tokenMatches('cronbar_abc', '')).toBe(false);
  });

  it('rotated beside a running server takes effect on the next request: the old token stops working', async () => {
    const api = await start();
    const old = api.token;
    const fresh = rotateToken(api.dir);
    expect(fresh).not.toBe(old);
    if (process.platform !== 'win32') expect(fs.statSync(path.join(api.dir, 'api-token')).mode & 0o777).toBe(0o600);
    expect((await api.request({ path: '/api/v1/schedules' })).status).toBe(401);
    api.token = fresh;
    expect((await api.request({ path: '/api/v1/schedules' })).status).toBe(200);
  });
});

describe('DNS rebinding: the Host header', () => {
  it('is refused unless it names loopback or the listen address with our port', async () => {
    const api = await start();
    const port = api.server.port;
    for (const host of [
      'evil.example',
      `evil.example:${port}`,
      `127.0.0.1:${port + 1}`,
      `localhost.evil.example:${port}`,
    ]) {
      const response = await api.request({ path: '/api/v1/schedules', headers: { host } });
      expect(response.status, host).toBe(403);
      expect((response.json() as { error: { message: string } }).error.message).toContain('DNS rebinding');
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
      expect((await api.request({ path: '/api/v1/schedules', headers: { host } })).status, host).toBe(200);
    }
  });
});

describe('web pages: the Origin header', () => {
  it('refuses any request that carries an Origin, even with the token, and sends no CORS headers', async () => {
    const api = await start();
    for (const origin of ['https://evil.example', `http://127.0.0.1:${api.server.port}`, 'null']) {
      const response = await api.request({
        method: 'POST',
        path: '/api/v1/runNow',
        headers: { origin, 'content-type': 'application/json' },
        body: '{"id":"ok"}',
      });
      expect(response.status, origin).toBe(403);
      expect(Object.keys(response.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
    const preflight = await api.request({
      method: 'OPTIONS',
      path: '/api/v1/runNow',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(Object.keys(preflight.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    expect((await api.service.history({ limit: 10 })).runs).toEqual([]);
  });

  it('accepts a configured origin (with the token), still without CORS headers', async () => {
    const api = await start({ allowedOrigins: ['https://Dash.Example:8443/'] });
    const allowed = await api.request({ path: '/api/v1/schedules', headers: { origin: 'https://dash.example:8443' } });
    expect(allowed.status).toBe(200);
    expect(Object.keys(allowed.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    expect((await api.request({ path: '/api/v1/schedules', headers: { origin: 'https://dash.example' } })).status).toBe(
      403,
    );
  });
});

describe('request bodies', () => {
  it('over 1 MiB are refused with 413 before anything is written', async () => {
    const api = await start();
    const { version } = await api.service.readConfig({});
    const before = fs.readFileSync(path.join(api.dir, 'jobs.yaml'), 'utf8');
    const big = JSON.stringify({ text: `${JOBS}# ${'x'.repeat(1024 * 1024)}\n`, baseVersion: version });
    const response = await api.request({
      method: 'POST',
      path: '/api/v1/writeConfig',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    expect(response.status).toBe(413);
    expect(response.json()).toMatchObject({ ok: false, error: { code: 'invalid-input', field: '(body)' } });
    expect(fs.readFileSync(path.join(api.dir, 'jobs.yaml'), 'utf8')).toBe(before);
    // Just under the limit is fine.
    const fits = JSON.stringify({ text: `${JOBS}# ${'x'.repeat(1000 * 1000)}\n` });
    expect(
      (
        await api.request({
          method: 'POST',
          path: '/api/v1/validateConfig',
          headers: { 'content-type': 'application/json' },
          body: fits,
        })
      ).status,
    ).toBe(200);
  });
});

describe('/metrics without the token', () => {
  it('is refused by default and served only when configured; the rest of the API still needs the token', async () => {
    const closed = await start();
    expect((await closed.request({ path: '/metrics', noToken: true })).status).toBe(401);
    const open = await start({ metricsNoAuth: true });
    const metrics = await open.request({ path: '/metrics', noToken: true });
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('cronbar_scheduler_up 1');
    expect((await open.request({ path: '/api/v1/schedules', noToken: true })).status).toBe(401);
    expect(
      (await open.request({ path: '/metrics?x=1', noToken: true, headers: { origin: 'https://evil.example' } })).status,
    ).toBe(403);
  });
});

describe('binding', () => {
  it.skipIf(externalAddress() === null)(
    "on loopback is not reachable from the machine's other addresses; 0.0.0.0 is, and still needs the token",
    async () => {
      const external = externalAddress()!;
      const loopback = await start();
      await expect(
        rawRequest(loopback.server.port, { path: '/api/v1/schedules', token: loopback.token }, external),
      ).rejects.toThrow(/ECONNREFUSED/);
      const everywhere = await start({ listen: { host: '0.0.0.0', port: 0 } });
      const port = everywhere.server.port;
      expect((await rawRequest(port, { path: '/api/v1/schedules' }, external)).status).toBe(401);
      expect((await rawRequest(port, { path: '/api/v1/schedules', token: everywhere.token }, external)).status).toBe(
        200,
      );
    },
  );
});
