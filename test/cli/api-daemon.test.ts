/** `cronbar daemon --listen` and `cronbar api token`, spawned as a user would, with real HTTP against the daemon. */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rawRequest } from '../core/http/api-harness';
import { Daemon, cronbar, tempHome } from './cli-helpers';

const daemons: Daemon[] = [];
afterEach(async () => {
  for (const daemon of daemons.splice(0)) await daemon.stop('SIGKILL');
});

const JOBS = 'jobs:\n  - id: hello\n    cron: "0 0 1 1 *"\n    command: "echo hello over http"\n';

function homeWithJobs(): string {
  const home = tempHome();
  fs.writeFileSync(path.join(home, 'jobs.yaml'), JOBS);
  return home;
}

async function serving(home: string, extra: string[] = []): Promise<{ daemon: Daemon; port: number; url: string }> {
  const daemon = new Daemon(home, ['--listen', '127.0.0.1:0', ...extra]);
  daemons.push(daemon);
  const match = await daemon.waitFor(/api: listening on (http:\/\/127\.0\.0\.1:(\d+))/, 15_000);
  return { daemon, url: match[1]!, port: Number(match[2]) };
}

async function token(home: string): Promise<string> {
  const result = await cronbar(['api', 'token'], { home });
  expect(result.code, result.stderr).toBe(0);
  return result.stdout.trim();
}

describe('cronbar daemon --listen', () => {
  it('serves every route on an ephemeral loopback port and records it in <data>/api.json until it stops', async () => {
    const home = homeWithJobs();
    const { daemon, port, url } = await serving(home);
    expect(JSON.parse(fs.readFileSync(path.join(home, 'api.json'), 'utf8'))).toMatchObject({
      pid: daemon.pid,
      kind: 'daemon',
      url,
      metricsNoAuth: false,
    });
    const secret = await token(home);
    const get = (route: string) => rawRequest(port, { path: route, token: secret });

    const document = (await get('/api/v1/openapi.json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toContain('/api/v1/runNow');
    expect(
      ((await get('/api/v1/schedules')).json() as { value: Array<{ id: string }> }).value.map((entry) => entry.id),
    ).toEqual(['hello']);

    // Watch the event stream while the run goes.
    const events: string[] = [];
    const stream = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http
        .get(
          { host: '127.0.0.1', port, path: '/api/v1/events', headers: { authorization: `Bearer ${secret}` } },
          resolve,
        )
        .on('error', reject);
    });
    stream.on('data', (chunk: Buffer) => events.push(chunk.toString('utf8')));
    const run = await rawRequest(port, { method: 'POST', path: '/api/v1/schedules/hello/run', token: secret });
    expect(run.status).toBe(202);
    const { runId } = (run.json() as { value: { runId: number } }).value;
    await daemon.waitFor(new RegExp(`run ${runId} hello succeeded`));
    const deadline = Date.now() + 5000;
    while (!events.join('').includes('event: run:finished') && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 25));
    expect(events.join('')).toMatch(new RegExp(`event: run:finished\\ndata: \\{"id":${runId},"jobId":"hello"`));
    stream.destroy();

    const output = await rawRequest(port, {
      method: 'POST',
      path: '/api/v1/runOutput',
      token: secret,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ runId }),
    });
    expect((output.json() as { value: { text: string } }).value.text).toContain('hello over http');
    const metrics = await get('/metrics');
    expect(metrics.text).toContain('cronbar_job_runs_total{job_id="hello",status="succeeded"} 1');

    // The refusals hold on the daemon too.
    expect((await rawRequest(port, { path: '/api/v1/schedules' })).status).toBe(401);
    expect(
      (
        await rawRequest(port, {
          path: '/api/v1/schedules',
          token: secret,
          headers: { host: `rebind.example:${port}` },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await rawRequest(port, {
          path: '/api/v1/schedules',
          token: secret,
          headers: { origin: 'https://evil.example' },
        })
      ).status,
    ).toBe(403);
    const big = await rawRequest(port, {
      method: 'POST',
      path: '/api/v1/validateConfig',
      token: secret,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x'.repeat(1_100_000) }),
    });
    expect(big.status).toBe(413);

    expect(await daemon.stop('SIGTERM')).toBe(0);
    expect(fs.existsSync(path.join(home, 'api.json'))).toBe(false);
  });

  it('a second daemon on the same data directory refuses to schedule and serves nothing; api.json still names the first', async () => {
    const home = homeWithJobs();
    const first = await serving(home);
    const second = await cronbar(['daemon', '--listen', '127.0.0.1:0'], { home });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/already schedules/);
    expect(second.stderr).not.toMatch(/api: listening/);
    expect(JSON.parse(fs.readFileSync(path.join(home, 'api.json'), 'utf8'))).toMatchObject({ pid: first.daemon.pid });
    const told = await cronbar(['api', 'token'], { home });
    // The note is wrapped to the terminal's width.
    expect(told.stderr.replace(/\s+/g, ' ')).toContain(
      `served at ${first.url} by the daemon (pid ${first.daemon.pid})`,
    );
  });

  it('takes a rotated token at once: cronbar api token --rotate beside it', async () => {
    const home = homeWithJobs();
    const { port } = await serving(home);
    const old = await token(home);
    const rotated = await cronbar(['api', 'token', '--rotate'], { home });
    expect(rotated.code).toBe(0);
    const fresh = rotated.stdout.trim();
    expect(fresh).not.toBe(old);
    expect(fs.readFileSync(path.join(home, 'api-token'), 'utf8').trim()).toBe(fresh);
    expect((await rawRequest(port, { path: '/api/v1/schedules', token: old })).status).toBe(401);
    expect((await rawRequest(port, { path: '/api/v1/schedules', token: fresh })).status).toBe(200);
  });

  it('serves /metrics without the token only with --metrics-no-auth', async () => {
    const home = homeWithJobs();
    const { port } = await serving(home, ['--metrics-no-auth']);
    expect((await rawRequest(port, { path: '/metrics' })).status).toBe(200);
    expect((await rawRequest(port, { path: '/api/v1/schedules' })).status).toBe(401);
  });

  it('rejects bad API options as usage errors (exit 2) before starting', async () => {
    const home = homeWithJobs();
    const noListen = await cronbar(['daemon', '--metrics-no-auth'], { home });
    expect(noListen.code).toBe(2);
    expect(noListen.stderr).toContain('--metrics-no-auth needs --listen');
    const badAddress = await cronbar(['daemon', '--listen', 'localhost:http'], { home });
    expect(badAddress.code).toBe(2);
    expect(badAddress.stderr).toContain('is not a port number');
    const badOrigin = await cronbar(['daemon', '--listen', '0', '--allow-origin', 'https://x.example/path'], { home });
    expect(badOrigin.code).toBe(2);
    expect(fs.existsSync(path.join(home, 'cronbar.lock'))).toBe(false);
  });

  it('exits 1 saying why when the port is taken, and leaves the data directory free', async () => {
    const home = homeWithJobs();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = blocker.address() as net.AddressInfo;
      const result = await cronbar(['daemon', '--listen', `127.0.0.1:${port}`], { home });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`cannot serve the API on 127.0.0.1:${port}`);
      expect(result.stderr).toContain('EADDRINUSE');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
    expect(fs.existsSync(path.join(home, 'api.json'))).toBe(false);
    await serving(home);
  });
});

describe('a local user holding connections open', () => {
  it.skipIf(process.platform === 'win32')(
    'cannot make jobs fail: under a 256 descriptor limit, 300 idle sockets leave the 1 s job running',
    async () => {
      const home = tempHome();
      fs.writeFileSync(path.join(home, 'jobs.yaml'), 'jobs:\n  - id: tick\n    every: 1s\n    command: "true"\n');
      const daemon = new Daemon(home, ['--listen', '127.0.0.1:0'], { fdLimit: 256 });
      daemons.push(daemon);
      const port = Number((await daemon.waitFor(/api: listening on http:\/\/127\.0\.0\.1:(\d+)/, 15_000))[1]);
      await daemon.waitFor(/run \d+ tick succeeded/);
      const sockets: net.Socket[] = [];
      try {
        for (let index = 0; index < 300; index++) {
          const socket = net.connect({ host: '127.0.0.1', port });
          socket.on('error', () => {});
          sockets.push(socket);
        }
        await Promise.all(
          sockets.map((socket) => new Promise((resolve) => socket.once('connect', resolve).once('close', resolve))),
        );
        const logFrom = daemon.log.length;
        const ran = () => daemon.log.slice(logFrom).match(/run \d+ tick (succeeded|failed)[^\n]*/g) ?? [];
        const deadline = Date.now() + 8000;
        while (ran().length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
        expect(ran().length).toBeGreaterThanOrEqual(3);
        expect(ran().filter((line) => !line.includes('succeeded'))).toEqual([]);
      } finally {
        for (const socket of sockets) socket.destroy();
      }
    },
    30_000,
  );
});

describe('cronbar api token', () => {
  it('makes the token on first use (0600), prints the same one after, and says when nothing serves it', async () => {
    const home = tempHome();
    const first = await cronbar(['api', 'token'], { home });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^cronbar_\S+\n$/);
    expect(first.stderr).toContain('not served now');
    if (process.platform !== 'win32') expect(fs.statSync(path.join(home, 'api-token')).mode & 0o777).toBe(0o600);
    expect((await cronbar(['api', 'token'], { home })).stdout).toBe(first.stdout);
    const wrong = await cronbar(['api', 'tokn'], { home });
    expect(wrong.code).toBe(2);
  });
});

describe('check-ins over HTTP', () => {
  it('a ping sent like a cron line on another machine (curl --data-binary) reaches cronbar list’s check state and the metrics', async () => {
    const home = tempHome();
    fs.writeFileSync(
      path.join(home, 'jobs.yaml'),
      `${JOBS}checks:\n  - id: nas-backup\n    every: 1d\n    grace: 2h\n`,
    );
    const { port } = await serving(home);
    const secret = await token(home);
    const listed = async () =>
      (
        JSON.parse((await cronbar(['list', '--json'], { home })).stdout) as Array<{
          id: string;
          state?: string;
          lastPing?: { kind: string; exitCode: number | null; message: string | null; source: string } | null;
        }>
      ).find((entry) => entry.id === 'nas-backup')!;
    expect((await listed()).state).toBe('new');

    // What `… | curl -fsS -X POST -H "Authorization: Bearer $TOKEN" --data-binary @- …/ping/nas-backup/$?` sends.
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const failed = await rawRequest(port, {
      method: 'POST',
      path: '/ping/nas-backup/2',
      token: secret,
      headers: form,
      body: 'rsync error: some files vanished\n',
    });
    expect(failed.status, failed.text).toBe(200);
    const down = await listed();
    expect(down.state).toBe('down');
    expect(down.lastPing).toMatchObject({
      kind: 'exit',
      exitCode: 2,
      message: 'rsync error: some files vanished\n',
      source: 'http',
    });
    expect((await cronbar(['list'], { home })).stdout).toMatch(/nas-backup.*DOWN/);

    expect((await rawRequest(port, { method: 'POST', path: '/ping/nas-backup/0', token: secret })).status).toBe(200);
    expect((await listed()).state).toBe('up');
    const metrics = (await rawRequest(port, { path: '/metrics', token: secret })).text;
    expect(metrics).toContain('cronbar_check_state{check_id="nas-backup",state="up"} 1');

    // Refused without the token, and nothing recorded.
    expect((await rawRequest(port, { method: 'POST', path: '/ping/nas-backup/fail' })).status).toBe(401);
    expect((await listed()).state).toBe('up');
    const unknown = await rawRequest(port, { method: 'POST', path: '/ping/nas-bakup', token: secret });
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
