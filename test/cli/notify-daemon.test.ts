/**
 * Notification channels on a real headless daemon, against real receivers on loopback: an SMTP server (smtp-server,
 * mails parsed with mailparser) and an HTTP server standing in for ntfy. What an admin on a server would see: a failed
 * job is one mail and one phone notification carrying its output, a storm is one summary per channel, a mail server
 * outage loses nothing, and no secret shows anywhere Cronbar writes or answers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rawRequest } from '../core/http/api-harness';
import { type HttpReceiver, type SmtpReceiver, startHttp, startSmtp, waitUntil } from '../helpers/notify-receivers';
import { Daemon, cronbar, tempHome } from './cli-helpers';

const daemons: Daemon[] = [];
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const daemon of daemons.splice(0)) await daemon.stop('SIGKILL');
  for (const close of closers.splice(0)) await close();
});

const SMTP_PASSWORD = 'pw-7f3a9c-smtp-secret';

async function receivers(): Promise<{ smtp: SmtpReceiver; ntfy: HttpReceiver }> {
  const [smtp, ntfy] = await Promise.all([startSmtp({ user: 'cronbar', pass: SMTP_PASSWORD }), startHttp()]);
  closers.push(
    () => smtp.stop(),
    () => ntfy.close(),
  );
  return { smtp, ntfy };
}

/** A jobs file with a mail channel (password in a file) and an ntfy channel, both on every job by default. */
function homeWith(smtp: SmtpReceiver, ntfy: HttpReceiver, jobs: string): string {
  const home = tempHome();
  const passwordFile = path.join(home, 'smtp.pass');
  fs.writeFileSync(passwordFile, `${SMTP_PASSWORD}\n`, { mode: 0o600 });
  fs.writeFileSync(
    path.join(home, 'jobs.yaml'),
    `notifications:
  ops-mail:
    email: { to: admin@example.org, from: cronbar@example.org, smtp: { host: 127.0.0.1, port: ${smtp.port}, user: cronbar, passwordFile: ${JSON.stringify(passwordFile)} } }
    retry: { delay: 1s, maxDelay: 1s }
  phone:
    ntfy: { url: "${ntfy.url}/backups", priority: high }
    retry: { delay: 1s, maxDelay: 1s }
defaults:
  notify: { failure: true, channels: [ops-mail, phone] }
jobs:
${jobs}`,
  );
  return home;
}

const FAILING = `echo copying files; echo "rsync: write failed: No space left on device" >&2; exit 23`;

async function deliveries(home: string): Promise<Array<{ channel: string; event: string; status: string }>> {
  const listed = await cronbar(['notify', 'list', '--json'], { home });
  expect(listed.code, listed.stderr).toBe(0);
  return (JSON.parse(listed.stdout) as { deliveries: Array<{ channel: string; event: string; status: string }> })
    .deliveries;
}

describe('notification channels on a headless daemon', () => {
  it('mails and pushes a failed run within seconds, with its output, once while it keeps failing', async () => {
    const { smtp, ntfy } = await receivers();
    const home = homeWith(
      smtp,
      ntfy,
      `  - { id: backup, name: Nightly backup, every: 1s, command: ${JSON.stringify(FAILING)} }\n`,
    );
    const daemon = new Daemon(home);
    daemons.push(daemon);
    await daemon.waitFor(/scheduling 1 jobs/);
    const failedAt = Date.now();
    await daemon.waitFor(/run \d+ backup failed/, 15_000);

    const [mail] = await smtp.waitForMails(1, 15_000);
    const [push] = await ntfy.waitForRequests(1, 15_000);
    // "Within seconds": the settle delay (1.5 s) plus the send.
    expect(Date.now() - failedAt).toBeLessThan(12_000);
    expect(mail!.subject).toBe('[cronbar] Nightly backup failed');
    expect(mail!.to).toMatchObject({ text: 'admin@example.org' });
    expect(mail!.text).toContain('rsync: write failed: No space left on device');
    expect(mail!.text).toContain('exit code 23');
    expect(mail!.text).toContain('cronbar logs backup --last');
    const body = JSON.parse(push!.body) as { topic: string; title: string; message: string; priority: number };
    expect(push!.path).toBe('/');
    expect(body).toMatchObject({ topic: 'backups', title: 'Nightly backup failed', priority: 4 });
    expect(body.message).toContain('rsync: write failed: No space left on device');

    // It keeps failing every second: the hourly limit keeps it at one message per channel (counted in the queue
    // after a clean stop, which flushes whatever the policies still held).
    const runs = () => daemon.log.match(/run \d+ backup failed/g)?.length ?? 0;
    await waitUntil(
      () => runs() >= 5,
      20_000,
      () => `${runs()} failed runs`,
    );
    expect(await daemon.stop('SIGTERM')).toBe(0);
    const rows = await deliveries(home);
    expect(rows.map((row) => `${row.channel} ${row.event} ${row.status}`).sort()).toEqual([
      'ops-mail failure sent',
      'phone failure sent',
    ]);
    expect(smtp.mails).toHaveLength(1);
    expect(ntfy.requests).toHaveLength(1);

    // The run's detail says where its failure went.
    const runId = /Run:\s+(\d+)/.exec(mail!.text!)![1]!;
    const logs = await cronbar(['logs', runId], { home });
    expect(logs.code, logs.stderr).toBe(0);
    expect(logs.stderr).toMatch(
      /cronbar: notified: mailed admin@example\.org at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d; phone \(ntfy\) sent at /,
    );
    const json = JSON.parse((await cronbar(['logs', runId, '--json'], { home })).stdout) as {
      deliveries: Array<{ channel: string; status: string; to: string }>;
    };
    expect(json.deliveries).toMatchObject([
      { channel: 'ops-mail', status: 'sent', to: 'admin@example.org' },
      { channel: 'phone', status: 'sent', to: `127.0.0.1:${ntfy.port}` },
    ]);
  });

  it('a storm of 50 failures is one summary per channel; a mail server down meanwhile loses nothing', async () => {
    const { smtp, ntfy } = await receivers();
    const jobs = Array.from(
      { length: 50 },
      (_, index) => `  - { id: job-${index + 1}, cron: "0 0 1 1 *", command: "echo broken ${index + 1}; exit 1" }\n`,
    ).join('');
    const home = homeWith(smtp, ntfy, jobs);
    await smtp.stop();
    const daemon = new Daemon(home, ['--listen', '127.0.0.1:0']);
    daemons.push(daemon);
    const port = Number((await daemon.waitFor(/api: listening on http:\/\/127\.0\.0\.1:(\d+)/, 15_000))[1]);
    const token = (await cronbar(['api', 'token'], { home })).stdout.trim();
    // All 50 at once through the daemon's API (run now), as a storm of failures would come.
    const started = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        rawRequest(port, { method: 'POST', path: `/api/v1/schedules/job-${index + 1}/run`, token }),
      ),
    );
    expect(started.map((answer) => answer.status)).toEqual(Array(50).fill(202));

    const [summary] = await ntfy.waitForRequests(1, 20_000);
    const body = JSON.parse(summary!.body) as { title: string; message: string };
    expect(body.title).toBe('50 jobs failed within a minute');
    for (const id of ['job-1', 'job-25', 'job-50']) expect(body.message).toContain(id);
    // The mail server is down: the summary waits in the queue, retried.
    await daemon.waitFor(/notify: ops-mail: summary not sent \(attempt 1\): connection refused/, 15_000);

    await smtp.start();
    const [mail] = await smtp.waitForMails(1, 20_000);
    expect(mail!.subject).toBe('[cronbar] 50 jobs failed within a minute');
    for (const id of ['job-1', 'job-25', 'job-50']) expect(mail!.text).toContain(`  - ${id}`);
    await daemon.waitFor(/notify: ops-mail: sent summary \(attempt \d+\)/, 10_000);

    expect(await daemon.stop('SIGTERM')).toBe(0);
    const rows = await deliveries(home);
    expect(rows.map((row) => `${row.channel} ${row.event} ${row.status}`).sort()).toEqual([
      'ops-mail summary sent',
      'phone summary sent',
    ]);
    expect(smtp.mails).toHaveLength(1);
    expect(ntfy.requests).toHaveLength(1);
  });

  it('no secret of a channel shows in the log, the HTTP API, /metrics, the CLI answers or the data directory', async () => {
    const secrets = {
      password: 'pw-SMTP-4b1e7d0a',
      hookPath: 'T0KEN-in-the-hook-path-92c1',
      hmac: 'hmac-KEY-5a6f2e',
      ntfyToken: 'tk_NTFY-0c9d8e7f',
    };
    const [smtp, hook, ntfy] = await Promise.all([
      startSmtp({ user: 'cronbar', pass: 'another password' }),
      startHttp(),
      startHttp(),
    ]);
    closers.push(
      () => smtp.stop(),
      () => hook.close(),
      () => ntfy.close(),
    );
    // Receivers that quote the secrets back in their error answers, as some services do.
    hook.answer = { status: 500, body: `no route for /hooks/${secrets.hookPath}` };
    ntfy.answer = { status: 401, body: `{"error":"token ${secrets.ntfyToken} is not authorized"}` };
    const home = tempHome();
    const secretDir = fs.mkdtempSync(path.join(home, '..', 'cronbar-secrets-'));
    const tokenFile = path.join(secretDir, 'ntfy.token');
    const hmacFile = path.join(secretDir, 'hook.key');
    fs.writeFileSync(tokenFile, secrets.ntfyToken);
    fs.writeFileSync(hmacFile, secrets.hmac);
    fs.writeFileSync(
      path.join(home, 'jobs.yaml'),
      `notifications:
  ops-mail:
    email: { to: admin@example.org, smtp: { host: 127.0.0.1, port: ${smtp.port}, user: cronbar, passwordEnv: TEST_SMTP_PASSWORD } }
  hook: { webhook: { urlEnv: TEST_HOOK_URL, secretFile: ${JSON.stringify(hmacFile)} } }
  phone: { ntfy: { url: "${ntfy.url}/backups", tokenFile: ${JSON.stringify(tokenFile)} } }
defaults:
  notify: { channels: [ops-mail, hook, phone] }
jobs:
  - { id: backup, cron: "0 0 1 1 *", command: "echo disk full; exit 1" }
`,
    );
    const env = {
      TEST_SMTP_PASSWORD: secrets.password,
      TEST_HOOK_URL: `${hook.url}/hooks/${secrets.hookPath}`,
    };
    const daemon = new Daemon(home, ['--listen', '127.0.0.1:0'], { env });
    daemons.push(daemon);
    const port = Number((await daemon.waitFor(/api: listening on http:\/\/127\.0\.0\.1:(\d+)/, 15_000))[1]);
    const token = (await cronbar(['api', 'token'], { home })).stdout.trim();
    const run = await rawRequest(port, { method: 'POST', path: '/api/v1/schedules/backup/run', token });
    expect(run.status).toBe(202);
    const { runId } = (run.json() as { value: { runId: number } }).value;
    // Every channel tried and failed (login refused, HTTP 500, HTTP 401), each reason recorded.
    await daemon.waitFor(/notify: ops-mail: failure not sent/, 15_000);
    await daemon.waitFor(/notify: hook: failure not sent/, 15_000);
    await daemon.waitFor(/notify: phone: failure given up/, 15_000);
    expect(hook.requests[0]!.headers['x-cronbar-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(ntfy.requests[0]!.headers.authorization).toBe(`Bearer ${secrets.ntfyToken}`);

    const seen: Record<string, string> = { 'daemon log': daemon.log };
    const call = async (method: string, input: object = {}) => {
      const answer = await rawRequest(port, {
        method: 'POST',
        path: `/api/v1/${method}`,
        token,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      expect(answer.status, `${method}: ${answer.text}`).toBe(200);
      seen[`API ${method}`] = answer.text;
    };
    await call('listJobs');
    await call('getJob', { id: 'backup' });
    await call('status');
    await call('history', {});
    await call('getRun', { runId });
    await call('runOutput', { runId });
    await call('runDeliveries', { runId });
    expect(JSON.parse(seen['API runDeliveries']!).value).toHaveLength(3);
    await call('readConfig');
    await call('listChecks');
    seen['/metrics'] = (await rawRequest(port, { path: '/metrics', token })).text;
    for (const args of [
      ['status', '--json'],
      ['list', '--json'],
      ['history', '--json'],
      ['logs', 'backup', '--last'],
      ['logs', 'backup', '--last', '--json'],
      ['notify', 'list', '--json'],
      ['notify', 'list'],
      ['notify', 'test', 'hook'],
      ['notify', 'test', 'phone'],
      ['notify', 'test', 'ops-mail'],
    ]) {
      const answer = await cronbar(args, { home, env });
      seen[`cronbar ${args.join(' ')}`] = answer.stdout + answer.stderr;
    }
    expect(seen['cronbar notify test hook']).toContain('HTTP 500');
    expect(seen['cronbar notify test phone']).toContain('HTTP 401');
    expect(seen['cronbar notify test ops-mail']).toContain('refused the login');
    expect(await daemon.stop('SIGTERM')).toBe(0);
    seen['daemon log'] = daemon.log;
    // Everything Cronbar wrote in its data directory (the DB with its queue and reasons, api.json, logs).
    for (const file of fs.readdirSync(home, { recursive: true, encoding: 'utf8' })) {
      const full = path.join(home, file);
      if (fs.statSync(full).isFile()) seen[`file ${file}`] = fs.readFileSync(full).toString('latin1');
    }
    expect(Object.keys(seen).some((where) => where.startsWith('file cronbar.db'))).toBe(true);
    const leaks = Object.entries(seen).flatMap(([where, text]) =>
      Object.values(secrets)
        .filter((secret) => text.includes(secret) || text.includes(encodeURIComponent(secret)))
        .map((secret) => `${where}: ${secret}`),
    );
    expect(leaks).toEqual([]);
    // The reasons are still there, masked.
    expect(seen['cronbar notify list']).toMatch(/HTTP 500 Internal Server Error: no route for ••••/);
  });
});
