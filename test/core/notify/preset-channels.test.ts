/**
 * The preset channels (slack, discord, teams, gotify) against a real HTTP receiver on loopback: each posts its
 * service's own payload, with the job, the run's exit and the last lines of output, to where the service expects it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseJobsText } from '../../../electron/core/config/load-jobs-file';
import { channelTarget, ntfyBody, sendThrough } from '../../../electron/core/notify/channels';
import { describeDeliveryError } from '../../../electron/core/notify/delivery-error';
import { type NotificationMessage, buildMessage, testMessage } from '../../../electron/core/notify/message';
import { mask, readSecrets } from '../../../electron/core/notify/secrets';
import { type ChannelSpec, inlineSecretWarnings } from '../../../shared/config/notification-schema';
import { type HttpReceiver, startHttp } from '../../helpers/notify-receivers';
import { makeRun } from '../../helpers/model-builders';

let web: HttpReceiver;
beforeAll(async () => {
  web = await startHttp();
});
afterAll(() => web.close());
beforeEach(() => {
  web.requests.length = 0;
  web.answer = { status: 200, body: 'ok' };
});

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-presets-'));

function channel(yaml: string): ChannelSpec {
  const parsed = parseJobsText(`notifications:\n  it: ${yaml}\n`);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.config.notifications![0]!;
}

const job = (() => {
  const parsed = parseJobsText(
    'jobs:\n  - { id: backup, name: Nightly backup, cron: "0 2 * * *", command: backup.sh }\n',
  );
  if (!parsed.ok) throw new Error('example job rejected');
  return parsed.config.jobs[0]!;
})();
const failure: NotificationMessage = buildMessage({
  notice: {
    kind: 'failure',
    title: 'Nightly backup failed',
    body: 'exit code 3: rsync: disk full',
    target: { view: 'run', runId: 42, jobId: 'backup' },
  },
  at: Date.parse('2026-03-01T02:00:13Z'),
  job,
  check: null,
  run: makeRun({
    id: 42,
    jobId: 'backup',
    status: 'failed',
    exitCode: 3,
    startedAt: 0,
    finishedAt: 12_500,
    outputBytes: 40,
  }),
  output: 'copying home\nrsync: disk full\n',
});

async function post(spec: ChannelSpec, message = failure) {
  await sendThrough(spec, message, readSecrets(spec));
  const [request] = await web.waitForRequests(1);
  return { request: request!, body: JSON.parse(request!.body) as Record<string, unknown> };
}

describe('preset channels', () => {
  it('slack: text for the notification and blocks with the facts and the output, to the incoming webhook URL', async () => {
    const urlFile = path.join(dir, 'slack.url');
    fs.writeFileSync(urlFile, `${web.url}/services/T000/B000/XXXX\n`);
    const { request, body } = await post(channel(`{ slack: { urlFile: ${JSON.stringify(urlFile)} } }`));
    expect(request.path).toBe('/services/T000/B000/XXXX');
    expect(request.headers['content-type']).toBe('application/json');
    expect(body.text).toBe('Nightly backup failed: exit code 3: rsync: disk full');
    const blocks = body.blocks as Array<{ type: string; text?: { text: string }; fields?: Array<{ text: string }> }>;
    expect(blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Nightly backup failed', emoji: true },
    });
    expect(blocks.flatMap((block) => block.fields ?? []).map((field) => field.text)).toContain(
      '*Job*\nNightly backup (backup)',
    );
    expect(blocks.map((block) => block.text?.text ?? '').join('\n')).toContain(
      '```\ncopying home\nrsync: disk full\n```',
    );
  });

  it('discord: one red embed with the output, mentions disabled, to the webhook URL', async () => {
    process.env.CRONBAR_TEST_DISCORD_URL = `${web.url}/api/webhooks/123/tok`;
    const { request, body } = await post(
      channel('{ discord: { urlEnv: CRONBAR_TEST_DISCORD_URL, username: Backups } }'),
    );
    expect(request.path).toBe('/api/webhooks/123/tok');
    expect(body).toMatchObject({ username: 'Backups', allowed_mentions: { parse: [] } });
    const [embed] = body.embeds as Array<{ title: string; description: string; color: number; timestamp: string }>;
    expect(embed).toMatchObject({
      title: 'Nightly backup failed',
      color: 0xd93025,
      timestamp: '2026-03-01T02:00:13.000Z',
    });
    expect(embed!.description).toBe('exit code 3: rsync: disk full\n```\ncopying home\nrsync: disk full\n```');
  });

  it('teams: a message with one Adaptive Card for the workflow webhook', async () => {
    const { request, body } = await post(channel(`{ teams: { url: "${web.url}/workflows/abc/triggers/manual/run" } }`));
    expect(request.path).toBe('/workflows/abc/triggers/manual/run');
    expect(body.type).toBe('message');
    const [attachment] = body.attachments as Array<{ contentType: string; content: { type: string; body: unknown[] } }>;
    expect(attachment!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(attachment!.content.type).toBe('AdaptiveCard');
    expect(attachment!.content.body).toContainEqual(
      expect.objectContaining({ type: 'TextBlock', text: 'Nightly backup failed', color: 'Attention' }),
    );
    expect(attachment!.content.body).toContainEqual(
      expect.objectContaining({ fontType: 'Monospace', text: 'copying home\nrsync: disk full' }),
    );
  });

  it('gotify: POST <url>/message with the app token in X-Gotify-Key, markdown, the problem priority', async () => {
    process.env.CRONBAR_TEST_GOTIFY_TOKEN = 'AbCdEf.123';
    const { request, body } = await post(
      channel(`{ gotify: { url: "${web.url}/gotify", tokenEnv: CRONBAR_TEST_GOTIFY_TOKEN, priority: 9 } }`),
    );
    expect(request.path).toBe('/gotify/message');
    expect(request.headers['x-gotify-key']).toBe('AbCdEf.123');
    expect(body).toMatchObject({
      title: 'Nightly backup failed',
      priority: 9,
      extras: { 'client::display': { contentType: 'text/markdown' } },
    });
    expect(body.message).toContain('rsync: disk full');
    web.requests.length = 0;
    const { body: good } = await post(
      channel(`{ gotify: { url: "${web.url}", tokenEnv: CRONBAR_TEST_GOTIFY_TOKEN } }`),
      testMessage('it', 0),
    );
    expect(good.priority).toBe(4);
  });

  it('a refusal names the HTTP status and the answer, with the URL that is the secret masked', async () => {
    web.answer = { status: 404, body: `Unknown Webhook /api/webhooks/999/secret-token` };
    process.env.CRONBAR_TEST_DISCORD_URL = `${web.url}/api/webhooks/999/secret-token`;
    const spec = channel('{ discord: { urlEnv: CRONBAR_TEST_DISCORD_URL } }');
    const secrets = readSecrets(spec);
    const error = await sendThrough(spec, failure, secrets).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    const { reason, retryable } = describeDeliveryError(error, channelTarget(spec, secrets));
    expect(mask(reason, secrets.values)).toBe('HTTP 404 Not Found: Unknown Webhook ••••');
    expect(retryable).toBe(false);
  });

  it('the jobs file says where a preset is missing its URL or token, and that an inline Slack URL is a secret', () => {
    const parsed = parseJobsText(
      'notifications:\n  a: { slack: {} }\n  b: { gotify: { url: "https://push.example.org" } }\n',
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map((issue) => `${issue.line}:${issue.col} ${issue.path} ${issue.message}`)).toEqual([
      '2:15 notifications.a.slack needs url, urlFile (a file holding it) or urlEnv (an environment variable)',
      '3:16 notifications.b.gotify needs token, tokenFile (a file holding it) or tokenEnv (an environment variable)',
    ]);
    expect(inlineSecretWarnings([channel('{ slack: { url: "https://hooks.slack.com/services/T/B/X" } }')])).toEqual([
      'notifications.it.slack.url is written in the jobs file: anyone who reads it has the secret (use urlFile or urlEnv)',
    ]);
  });

  it('flapping is a problem: ntfy gives it the configured priority and the warning tag, like a failure', () => {
    const spec = channel('{ ntfy: { url: "https://ntfy.example.org/alerts", priority: high } }');
    if (spec.kind !== 'ntfy') throw new Error('not ntfy');
    const flapping = {
      ...failure,
      event: 'flapping' as const,
      kind: 'flapping' as const,
      title: 'Nightly backup is flapping',
    };
    expect(ntfyBody(spec.ntfy, 'alerts', flapping)).toMatchObject({ priority: 4, tags: ['warning'] });
    expect(ntfyBody(spec.ntfy, 'alerts', testMessage('x', 0))).toMatchObject({ priority: 3, tags: ['bell'] });
  });
});
