/**
 * Sends one message through one channel. Each kind is a plain async function that resolves when the receiver took
 * the message and throws otherwise (a DeliveryError, or the socket's error that delivery-error.ts puts into words).
 *
 * - email: SMTP through nodemailer (loaded only when a mail goes out), STARTTLS when offered, auth when `user` is set.
 * - webhook: POST of the message JSON (webhook-payload.schema.json), the admin's headers, and with a `secret` an
 *   HMAC-SHA256 of the body in `X-Cronbar-Signature: sha256=<hex>`.
 * - ntfy: ntfy's JSON publishing (POST to the server's root with the topic in the body): title, message, priority,
 *   tags, click.
 * - slack, discord, teams, gotify: their services' own payloads (preset-payloads.ts) to the posting URL (Gotify:
 *   <url>/message with the token in X-Gotify-Key).
 * - command: runs the hook with CRONBAR_EVENT_* in its environment and the message JSON on stdin.
 */
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import type {
  ChannelSpec,
  CommandSettings,
  EmailSettings,
  NtfySettings,
  WebhookSettings,
} from '../../../shared/config/notification-schema';
import { parseDuration } from '../../../shared/config/duration';
import { postingUrlOf } from '../../../shared/config/notification-schema';
import { DeliveryError, firstLine } from './delivery-error';
import { type NotificationMessage, emailText, shortText } from './message';
import { discordBody, gotifyBody, isProblem, slackBody, teamsBody } from './preset-payloads';
import type { ChannelSecrets } from './secrets';

const DEFAULT_HTTP_TIMEOUT_MS = 15_000;
const DEFAULT_COMMAND_TIMEOUT_MS = 30_000;
export const SIGNATURE_HEADER = 'X-Cronbar-Signature';

/** What a failure is about, without secrets: `smtp.example.org:587`, `ntfy.example.org:443`, `hook /usr/bin/x`. */
export function channelTarget(channel: ChannelSpec, secrets: ChannelSecrets | null): string {
  if (channel.kind === 'email') {
    const smtp = channel.email.smtp;
    return `${smtp.host}:${smtp.port ?? (smtp.secure ? 465 : 587)}`;
  }
  if (channel.kind === 'command') {
    const run = channel.command.run;
    return `hook ${Array.isArray(run) ? run[0] : run.split(/\s+/)[0]}`;
  }
  if (channel.kind === 'gotify') return hostPort(channel.gotify.url);
  if (!secrets?.url) return channel.kind;
  return hostPort(secrets.url);
}

function hostPort(urlText: string): string {
  const url = new URL(urlText);
  return `${url.hostname}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`;
}

/**
 * Where a channel goes, as far as that is no secret: the mail's recipients, host and port, the file or variable a
 * secret URL comes from, the hook.
 */
export function channelDestination(channel: ChannelSpec): string {
  if (channel.kind === 'email') {
    const to = channel.email.to;
    return Array.isArray(to) ? to.join(', ') : to;
  }
  const settings = postingUrlOf(channel);
  if (!settings) return channelTarget(channel, null);
  if (settings.url !== undefined) return channelTarget(channel, { url: settings.url, values: [] });
  return settings.urlFile !== undefined ? `URL in ${settings.urlFile}` : `URL in $${settings.urlEnv}`;
}

export async function sendThrough(
  channel: ChannelSpec,
  message: NotificationMessage,
  secrets: ChannelSecrets,
): Promise<void> {
  switch (channel.kind) {
    case 'email':
      return sendEmail(channel.email, message, secrets);
    case 'webhook':
      return sendWebhook(channel.webhook, message, secrets);
    case 'ntfy':
      return sendNtfy(channel.ntfy, message, secrets);
    case 'slack':
      return postJson(secrets.url!, slackBody(message), {}, channel.slack.timeout);
    case 'discord':
      return postJson(secrets.url!, discordBody(channel.discord, message), {}, channel.discord.timeout);
    case 'teams':
      return postJson(secrets.url!, teamsBody(message), {}, channel.teams.timeout);
    case 'gotify':
      return postJson(
        new URL('message', channel.gotify.url.endsWith('/') ? channel.gotify.url : `${channel.gotify.url}/`).toString(),
        gotifyBody(channel.gotify, message),
        { 'x-gotify-key': secrets.token! },
        channel.gotify.timeout,
      );
    case 'command':
      return runHook(channel.command, message);
  }
}

async function sendEmail(email: EmailSettings, message: NotificationMessage, secrets: ChannelSecrets): Promise<void> {
  const nodemailer = await import('nodemailer');
  const { smtp } = email;
  const secure = smtp.secure ?? false;
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port ?? (secure ? 465 : 587),
    secure,
    requireTLS: smtp.requireTLS ?? false,
    auth: smtp.user === undefined ? undefined : { user: smtp.user, pass: secrets.password ?? '' },
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  try {
    const { subject, text } = emailText(message);
    await transport.sendMail({
      from: email.from ?? `Cronbar <cronbar@${os.hostname()}>`,
      to: email.to,
      subject,
      text,
      headers: { 'X-Cronbar-Event': message.event },
    });
  } finally {
    transport.close();
  }
}

interface HttpAnswer {
  status: number;
  statusText: string;
  body: string;
}

function post(urlText: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<HttpAnswer> {
  const url = new URL(urlText);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'Cronbar', ...headers },
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          // Only the first line is ever shown: keep 8 KiB, not a whole error page.
          if (size < 8192) chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            statusText: response.statusMessage ?? '',
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    request.on('error', reject);
    request.end(body);
  });
}

function expectOk(answer: HttpAnswer): void {
  if (answer.status >= 200 && answer.status < 300) return;
  const line = firstLine(answer.body);
  // A 4xx other than a timeout or rate limit will answer the same next time: give it up and say why.
  const retryable = answer.status >= 500 || answer.status === 408 || answer.status === 429;
  throw new DeliveryError(
    `HTTP ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ''}${line ? `: ${line}` : ''}`,
    retryable,
  );
}

const timeoutOf = (text: string | undefined, fallback: number) =>
  text === undefined ? fallback : (parseDuration(text) ?? fallback);

async function sendWebhook(hook: WebhookSettings, message: NotificationMessage, secrets: ChannelSecrets) {
  const body = JSON.stringify(message);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-cronbar-event': message.event,
    ...hook.headers,
  };
  if (secrets.secret !== undefined)
    headers[hook.signatureHeader ?? SIGNATURE_HEADER] =
      `sha256=${createHmac('sha256', secrets.secret).update(body).digest('hex')}`;
  expectOk(await post(secrets.url!, body, headers, timeoutOf(hook.timeout, DEFAULT_HTTP_TIMEOUT_MS)));
}

async function postJson(url: string, body: unknown, headers: Record<string, string>, timeout: string | undefined) {
  const text = JSON.stringify(body);
  expectOk(
    await post(
      url,
      text,
      { 'content-type': 'application/json', ...headers },
      timeoutOf(timeout, DEFAULT_HTTP_TIMEOUT_MS),
    ),
  );
}

const NTFY_PRIORITY = { min: 1, low: 2, default: 3, high: 4, urgent: 5 } as const;

/** The ntfy JSON body: the configured priority for problems, the default one for good news. */
export function ntfyBody(ntfy: NtfySettings, topic: string, message: NotificationMessage): Record<string, unknown> {
  const configured =
    ntfy.priority === undefined ? 3 : typeof ntfy.priority === 'number' ? ntfy.priority : NTFY_PRIORITY[ntfy.priority];
  const problem = isProblem(message);
  return {
    topic,
    title: message.title,
    message: shortText(message),
    priority: problem ? configured : 3,
    tags: [...(ntfy.tags ?? []), problem ? 'warning' : message.event === 'test' ? 'bell' : 'white_check_mark'],
    ...(ntfy.click === undefined ? {} : { click: ntfy.click }),
  };
}

async function sendNtfy(ntfy: NtfySettings, message: NotificationMessage, secrets: ChannelSecrets) {
  const topicUrl = new URL(secrets.url!);
  const segments = topicUrl.pathname.split('/').filter(Boolean);
  const topic = segments.pop();
  if (!topic) throw new DeliveryError('the ntfy URL names no topic (https://ntfy.example.org/<topic>)', false);
  // JSON publishing goes to the server's root (or the path it is served under), the topic in the body.
  const root = new URL(`/${segments.join('/')}`, topicUrl);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (secrets.token !== undefined) headers.authorization = `Bearer ${secrets.token}`;
  const body = JSON.stringify(ntfyBody(ntfy, topic, message));
  expectOk(await post(root.toString(), body, headers, timeoutOf(ntfy.timeout, DEFAULT_HTTP_TIMEOUT_MS)));
}

/** The event as CRONBAR_EVENT_* variables (empty when not applicable, so a script can test `-n`). */
export function hookEnvironment(message: NotificationMessage): Record<string, string> {
  const run = message.run;
  return {
    CRONBAR_EVENT: message.event,
    CRONBAR_EVENT_KIND: message.kind,
    CRONBAR_EVENT_TITLE: message.title,
    CRONBAR_EVENT_TEXT: message.text,
    CRONBAR_EVENT_AT: message.at,
    CRONBAR_EVENT_HOST: message.host,
    CRONBAR_EVENT_JOB: message.job?.id ?? '',
    CRONBAR_EVENT_JOB_NAME: message.job?.name ?? '',
    CRONBAR_EVENT_SCHEDULE: message.job?.schedule ?? '',
    CRONBAR_EVENT_CHECK: message.check?.id ?? '',
    CRONBAR_EVENT_RUN_ID: run ? String(run.id) : '',
    CRONBAR_EVENT_STATUS: run?.status ?? '',
    CRONBAR_EVENT_EXIT_CODE: run?.exitCode === null || run === null ? '' : String(run.exitCode),
    CRONBAR_EVENT_SIGNAL: run?.signal ?? '',
    CRONBAR_EVENT_REASON: run?.reason ?? '',
    CRONBAR_EVENT_DURATION_MS: run?.durationMs === null || run === null ? '' : String(run.durationMs),
    CRONBAR_EVENT_LAST_LINE: run?.outputTail.at(-1) ?? '',
    CRONBAR_EVENT_SUBJECTS: message.subjects.join(' '),
  };
}

function runHook(command: CommandSettings, message: NotificationMessage): Promise<void> {
  const timeoutMs = timeoutOf(command.timeout, DEFAULT_COMMAND_TIMEOUT_MS);
  const env = { ...process.env, ...hookEnvironment(message) };
  const child = Array.isArray(command.run)
    ? spawn(command.run[0]!, command.run.slice(1), { env, stdio: ['pipe', 'ignore', 'pipe'] })
    : spawn(command.run, { env, shell: true, stdio: ['pipe', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      if (stderr.length < 8192) stderr += chunk.toString('utf8');
    });
    // A hook that does not read its stdin closes the pipe: that is its choice, not a failure.
    child.stdin!.on('error', () => {});
    child.stdin!.end(`${JSON.stringify(message)}\n`);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new DeliveryError(`the hook took longer than ${Math.round(timeoutMs / 1000)} s and was killed`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new DeliveryError(`the hook could not start: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve();
      const last = stderr.trim().split(/\r?\n/).at(-1);
      reject(
        new DeliveryError(
          `the hook ${signal ? `was killed by ${signal}` : `exited with ${code}`}${last ? `: ${last}` : ''}`,
        ),
      );
    });
  });
}
