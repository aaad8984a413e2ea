import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJobsText } from '../../../electron/core/config/load-jobs-file';
import { sendThrough } from '../../../electron/core/notify/channels';
import { describeDeliveryError } from '../../../electron/core/notify/delivery-error';
import { type NotificationMessage, buildMessage } from '../../../electron/core/notify/message';
import { mask, readSecrets } from '../../../electron/core/notify/secrets';
import { channelTarget } from '../../../electron/core/notify/channels';
import type { ChannelSpec } from '../../../shared/config/notification-schema';
import type { RunRecord } from '../../../shared/model';
import { type HttpReceiver, type SmtpReceiver, startHttp, startSmtp } from '../../helpers/notify-receivers';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-notify-'));
const passwordFile = path.join(dir, 'smtp.pass');
fs.writeFileSync(passwordFile, 's3cret-smtp-pw\n');

let smtp: SmtpReceiver;
let web: HttpReceiver;
beforeAll(async () => {
  [smtp, web] = await Promise.all([startSmtp({ user: 'cronbar', pass: 's3cret-smtp-pw' }), startHttp()]);
});
afterAll(async () => {
  await Promise.all([smtp.stop(), web.close()]);
});

/** The channels as the jobs file declares them (the schema resolves them). */
function channels(yaml: string): Map<string, ChannelSpec> {
  const parsed = parseJobsText(`notifications:\n${yaml}`);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return new Map(parsed.config.notifications!.map((channel) => [channel.name, channel]));
}

const parsed = parseJobsText(`jobs:
  - { id: backup, name: Nightly backup, cron: "0 2 * * *", timezone: Europe/Berlin, command: "backup.sh" }
`);
if (!parsed.ok) throw new Error('example job rejected');
const job = parsed.config.jobs[0]!;
const run: RunRecord = {
  id: 42,
  jobId: 'backup',
  trigger: 'schedule',
  status: 'failed',
  scheduledFor: Date.parse('2026-03-01T01:00:00Z'),
  createdAt: Date.parse('2026-03-01T01:00:00Z'),
  startedAt: Date.parse('2026-03-01T01:00:00Z'),
  finishedAt: Date.parse('2026-03-01T01:00:12.5Z'),
  reason: null,
  exitCode: 3,
  signal: null,
  outputBytes: 60,
  attempt: 1,
  retryOf: null,
  pid: 1234,
};
const output = Array.from({ length: 30 }, (_, index) => `step ${index + 1}`).join('\n') + '\nrsync: disk full\n';
const failure: NotificationMessage = buildMessage({
  notice: {
    kind: 'failure',
    title: 'Nightly backup failed',
    body: 'exit code 3: rsync: disk full',
    target: { view: 'run', runId: 42, jobId: 'backup' },
  },
  at: Date.parse('2026-03-01T01:00:13Z'),
  job,
  check: null,
  run,
  output,
});

async function send(channel: ChannelSpec, message = failure) {
  return sendThrough(channel, message, readSecrets(channel));
}

async function failureOf(channel: ChannelSpec): Promise<string> {
  try {
    await send(channel);
  } catch (error) {
    return describeDeliveryError(error, channelTarget(channel, null)).reason;
  }
  throw new Error('expected the delivery to fail');
}

describe('email: SMTP to a real server', () => {
  it('mails the job, schedule, exit, duration, last lines of output and how to see the rest', async () => {
    const mail = channels(
      `  ops: { email: { to: admin@example.org, from: cronbar@example.org, smtp: { host: 127.0.0.1, port: ${smtp.port}, user: cronbar, passwordFile: ${passwordFile} } } }\n`,
    );
    const before = smtp.mails.length;
    await send(mail.get('ops')!);
    const [received] = (await smtp.waitForMails(before + 1)).slice(before);
    expect(received!.subject).toBe('[cronbar] Nightly backup failed');
    expect(received!.to).toMatchObject({ text: 'admin@example.org' });
    const text = received!.text!;
    expect(text).toContain('Job:       Nightly backup (backup)');
    expect(text).toContain('Schedule:  0 2 * * * (At 02:00, Europe/Berlin)');
    expect(text).toContain('Run:       42 (schedule), failed, exit code 3');
    expect(text).toContain('Duration:  12.5 s');
    expect(text).toContain('Last 20 lines of output:\n    step 12\n');
    expect(text).toContain('    rsync: disk full\n');
    expect(text).not.toContain('step 11\n');
    expect(text).toContain('The whole output: cronbar logs backup --last');
  });

  it('names the refused login with the server’s answer, and never the password', async () => {
    fs.writeFileSync(path.join(dir, 'wrong.pass'), 'wrong-password-value');
    const mail = channels(
      `  ops: { email: { to: a@example.org, smtp: { host: 127.0.0.1, port: ${smtp.port}, user: cronbar, passwordFile: ${path.join(dir, 'wrong.pass')} } } }\n`,
    );
    const reason = await failureOf(mail.get('ops')!);
    expect(reason).toMatch(new RegExp(`^127\\.0\\.0\\.1:${smtp.port} refused the login: 535 `));
    expect(reason).not.toContain('wrong-password-value');
  });

  it('says connection refused, DNS and TLS apart', async () => {
    const closed = await freePort();
    const refused = channels(`  a: { email: { to: a@example.org, smtp: { host: 127.0.0.1, port: ${closed} } } }\n`).get(
      'a',
    )!;
    expect(await failureOf(refused)).toBe(`connection refused by 127.0.0.1:${closed}`);
    const dns = channels(`  a: { email: { to: a@example.org, smtp: { host: no-such-host.invalid, port: 25 } } }\n`).get(
      'a',
    )!;
    expect(await failureOf(dns)).toMatch(
      /^DNS: cannot resolve no-such-host\.invalid:25 \((ENOTFOUND|EAI_AGAIN|EDNS)\)$/,
    );
    const tls = channels(
      `  a: { email: { to: a@example.org, smtp: { host: 127.0.0.1, port: ${smtp.port}, secure: true } } }\n`,
    ).get('a')!;
    expect(await failureOf(tls)).toMatch(new RegExp(`^TLS with 127\\.0\\.0\\.1:${smtp.port} failed: `));
  });
});

describe('webhook and ntfy: HTTP to a real server', () => {
  it('posts the versioned JSON with the admin’s headers and an HMAC of the body a receiver can verify', async () => {
    process.env.CRONBAR_TEST_HOOK_KEY = 'hmac-key-123';
    const hook = channels(
      `  hook: { webhook: { url: "${web.url}/cronbar", headers: { X-Team: ops }, secretEnv: CRONBAR_TEST_HOOK_KEY } }\n`,
    );
    web.requests.length = 0;
    await send(hook.get('hook')!);
    const [request] = web.requests;
    expect(request!.path).toBe('/cronbar');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['x-team']).toBe('ops');
    expect(request!.headers['x-cronbar-event']).toBe('failure');
    const expected = createHmac('sha256', 'hmac-key-123').update(request!.body).digest('hex');
    expect(request!.headers['x-cronbar-signature']).toBe(`sha256=${expected}`);
    const body = JSON.parse(request!.body) as NotificationMessage;
    expect(body).toMatchObject({
      version: 1,
      event: 'failure',
      job: { id: 'backup', schedule: '0 2 * * *' },
      run: { id: 42, exitCode: 3, durationMs: 12_500 },
      seeMore: 'cronbar logs backup --last',
    });
    expect(body.run!.outputTail.at(-1)).toBe('rsync: disk full');
  });

  it('publishes to ntfy as JSON: topic, title, priority, tags, click', async () => {
    const ntfy = channels(
      `  phone: { ntfy: { url: "${web.url}/backups", priority: high, tags: [floppy_disk], click: "https://cronbar.example.org/runs/42" } }\n`,
    );
    web.requests.length = 0;
    await send(ntfy.get('phone')!);
    const [request] = web.requests;
    expect(request!.path).toBe('/');
    expect(JSON.parse(request!.body)).toEqual({
      topic: 'backups',
      title: 'Nightly backup failed',
      message: 'exit code 3: rsync: disk full\nstep 29\nstep 30\nrsync: disk full',
      priority: 4,
      tags: ['floppy_disk', 'warning'],
      click: 'https://cronbar.example.org/runs/42',
    });
  });

  it('says the HTTP status and the first line of the answer, with the secret URL masked', async () => {
    const urlFile = path.join(dir, 'hook.url');
    fs.writeFileSync(urlFile, `${web.url}/T0KEN-in-the-path?key=abc123\n`);
    const hook = channels(`  hook: { webhook: { urlFile: ${urlFile} } }\n`).get('hook')!;
    web.answer = { status: 401, body: '\nbad token for T0KEN-in-the-path\nsecond line' };
    try {
      await send(hook);
      throw new Error('expected a failure');
    } catch (error) {
      const described = describeDeliveryError(error, channelTarget(hook, readSecrets(hook)));
      expect(mask(described.reason, readSecrets(hook).values)).toBe(
        'HTTP 401 Unauthorized: bad token for T0KEN-in-the-path',
      );
      expect(described.retryable).toBe(false);
    } finally {
      web.answer = { status: 200, body: 'ok' };
    }
    expect(mask(`POST ${web.url}/T0KEN-in-the-path?key=abc123 failed`, readSecrets(hook).values)).toBe(
      'POST •••• failed',
    );
  });
});

describe('command: a hook with the event in its environment and JSON on stdin', () => {
  it('runs it with CRONBAR_EVENT_* and the message on stdin', async () => {
    const out = path.join(dir, 'hook.out');
    const hook = channels(
      `  pager: { command: { run: 'printf "%s|%s|%s|%s\\n" "$CRONBAR_EVENT" "$CRONBAR_EVENT_JOB" "$CRONBAR_EVENT_EXIT_CODE" "$CRONBAR_EVENT_LAST_LINE" > ${out}; cat >> ${out}' } }\n`,
    );
    await send(hook.get('pager')!);
    const [envLine, json] = fs.readFileSync(out, 'utf8').split('\n');
    expect(envLine).toBe('failure|backup|3|rsync: disk full');
    expect(JSON.parse(json!)).toMatchObject({ version: 1, event: 'failure', run: { id: 42 } });
  });

  it('says how the hook failed: its exit code and last line of stderr', async () => {
    const hook = channels(`  pager: { command: { run: "echo no route to pager >&2; exit 7" } }\n`).get('pager')!;
    expect(await failureOf(hook)).toBe('the hook exited with 7: no route to pager');
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
