/**
 * The `notifications:` section of the jobs file: named channels that failures, recoveries, overdue jobs and down
 * checks go to besides the desktop. Each channel is one kind (`email`, `webhook`, `ntfy`, the presets `slack`,
 * `discord`, `teams`, `gotify`, and `command`); secrets (an SMTP password, a webhook URL that is itself a secret, an HMAC
 * key, an ntfy or Gotify token) are named by a file or an environment
 * variable, read only when a message goes out, so the jobs file can be shared and backed up. Kept apart from schema.ts
 * so it imports nothing from it (no cycle).
 */
import { z } from 'zod';
import { parseDuration } from './duration';

export const CHANNEL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const CHANNEL_KINDS = ['email', 'webhook', 'ntfy', 'slack', 'discord', 'teams', 'gotify', 'command'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];
export const NTFY_PRIORITIES = ['min', 'low', 'default', 'high', 'urgent'] as const;

export const channelName = z
  .string()
  .regex(
    CHANNEL_NAME_PATTERN,
    'a channel name is 1-64 letters, digits, dots, dashes or underscores, starting with a letter or digit',
  );

const duration = (what: string) =>
  z.string().refine((text) => parseDuration(text) !== null, {
    error: (issue) => `${JSON.stringify(issue.input)} is not a duration: ${what} needs a unit, such as 30s, 5m or 1h`,
  });

const httpUrl = z.url({
  protocol: /^https?$/,
  error: (issue) => `${JSON.stringify(issue.input)} is not an http:// or https:// URL`,
});

const nonEmpty = z.string().min(1);

const address = z.email({ error: (issue) => `${JSON.stringify(issue.input)} is not an e-mail address` });

const RetrySchema = z.strictObject({
  /** The first retry's delay; each next one doubles, up to maxDelay. */
  delay: duration('retry.delay').optional(),
  maxDelay: duration('retry.maxDelay').optional(),
});

const EmailSchema = z.strictObject({
  to: z.union([address, z.array(address).min(1)]),
  from: address.optional(),
  smtp: z.strictObject({
    host: nonEmpty,
    port: z.number().int().min(1).max(65535).optional(),
    /** TLS from the first byte (port 465); without it, STARTTLS is used when the server offers it. */
    secure: z.boolean().optional(),
    /** Refuse to send unless the connection is upgraded with STARTTLS. */
    requireTLS: z.boolean().optional(),
    user: nonEmpty.optional(),
    password: nonEmpty.optional(),
    passwordFile: nonEmpty.optional(),
    passwordEnv: nonEmpty.optional(),
  }),
});

const WebhookSchema = z.strictObject({
  url: httpUrl.optional(),
  urlFile: nonEmpty.optional(),
  urlEnv: nonEmpty.optional(),
  headers: z.record(z.string(), z.string()).optional(),
  /** HMAC-SHA256 key: the body's signature goes in `signatureHeader` (X-Cronbar-Signature) as sha256=<hex>. */
  secret: nonEmpty.optional(),
  secretFile: nonEmpty.optional(),
  secretEnv: nonEmpty.optional(),
  signatureHeader: nonEmpty.optional(),
  timeout: duration('timeout').optional(),
});

const NtfySchema = z.strictObject({
  /** The topic's URL: https://ntfy.sh/my-backups. */
  url: httpUrl.optional(),
  urlFile: nonEmpty.optional(),
  urlEnv: nonEmpty.optional(),
  priority: z.union([z.enum(NTFY_PRIORITIES), z.number().int().min(1).max(5)]).optional(),
  tags: z.array(nonEmpty).optional(),
  /** What a tap on the phone's notification opens. */
  click: httpUrl.optional(),
  /** An access token (Authorization: Bearer). */
  token: nonEmpty.optional(),
  tokenFile: nonEmpty.optional(),
  tokenEnv: nonEmpty.optional(),
  timeout: duration('timeout').optional(),
});

/** Slack, Discord and Teams take a posting URL that is itself the secret, so it may come from a file or a variable. */
const SecretUrlFields = {
  url: httpUrl.optional(),
  urlFile: nonEmpty.optional(),
  urlEnv: nonEmpty.optional(),
  timeout: duration('timeout').optional(),
};

/** A Slack incoming webhook (https://hooks.slack.com/services/…). */
const SlackSchema = z.strictObject(SecretUrlFields);

/** A Discord channel webhook (https://discord.com/api/webhooks/…). */
const DiscordSchema = z.strictObject({
  ...SecretUrlFields,
  /** The name the message is posted under (default: Cronbar). */
  username: z.string().min(1).max(80).optional(),
});

/** A Microsoft Teams workflow webhook ("When a Teams webhook request is received"), sent an Adaptive Card. */
const TeamsSchema = z.strictObject(SecretUrlFields);

/** A Gotify server: messages go to <url>/message with an application token. */
const GotifySchema = z.strictObject({
  url: httpUrl,
  token: nonEmpty.optional(),
  tokenFile: nonEmpty.optional(),
  tokenEnv: nonEmpty.optional(),
  /** Gotify's priority for problems (0-10, default 8); good news goes at 4. */
  priority: z.number().int().min(0).max(10).optional(),
  timeout: duration('timeout').optional(),
});

const CommandSchema = z.strictObject({
  run: z.union([nonEmpty, z.array(z.string()).min(1)]),
  timeout: duration('timeout').optional(),
});

/** Each secret: at most one of inline, file, env; `required` ones need one. */
const SECRETS: Record<ChannelKind, Array<{ at: string[]; keys: [string, string, string]; required: boolean }>> = {
  email: [{ at: ['smtp'], keys: ['password', 'passwordFile', 'passwordEnv'], required: false }],
  webhook: [
    { at: [], keys: ['url', 'urlFile', 'urlEnv'], required: true },
    { at: [], keys: ['secret', 'secretFile', 'secretEnv'], required: false },
  ],
  ntfy: [
    { at: [], keys: ['url', 'urlFile', 'urlEnv'], required: true },
    { at: [], keys: ['token', 'tokenFile', 'tokenEnv'], required: false },
  ],
  slack: [{ at: [], keys: ['url', 'urlFile', 'urlEnv'], required: true }],
  discord: [{ at: [], keys: ['url', 'urlFile', 'urlEnv'], required: true }],
  teams: [{ at: [], keys: ['url', 'urlFile', 'urlEnv'], required: true }],
  gotify: [{ at: [], keys: ['token', 'tokenFile', 'tokenEnv'], required: true }],
  command: [],
};

export const ChannelSchema = z
  .strictObject({
    email: EmailSchema.optional(),
    webhook: WebhookSchema.optional(),
    ntfy: NtfySchema.optional(),
    slack: SlackSchema.optional(),
    discord: DiscordSchema.optional(),
    teams: TeamsSchema.optional(),
    gotify: GotifySchema.optional(),
    command: CommandSchema.optional(),
    retry: RetrySchema.optional(),
  })
  .superRefine(
    (channel, ctx) => {
      if (typeof channel !== 'object' || channel === null || Array.isArray(channel)) return;
      const kinds = CHANNEL_KINDS.filter((kind) => channel[kind] !== undefined);
      if (kinds.length === 0)
        ctx.addIssue({
          code: 'custom',
          path: [],
          message: `needs one kind: ${CHANNEL_KINDS.slice(0, -1).join(', ')} or ${CHANNEL_KINDS.at(-1)}`,
        });
      if (kinds.length > 1)
        ctx.addIssue({ code: 'custom', path: [kinds[1]!], message: `has both ${kinds.join(' and ')}: keep one kind` });
      for (const kind of kinds) {
        const settings = channel[kind] as Record<string, unknown> | undefined;
        if (typeof settings !== 'object' || settings === null) continue;
        for (const secret of SECRETS[kind]) {
          const holder = secret.at.reduce<unknown>(
            (value, key) =>
              typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined,
            settings,
          );
          if (typeof holder !== 'object' || holder === null) continue;
          const given = secret.keys.filter((key) => (holder as Record<string, unknown>)[key] !== undefined);
          if (given.length > 1)
            ctx.addIssue({
              code: 'custom',
              path: [kind, ...secret.at, given[1]!],
              message: `has both ${given.join(' and ')}: keep one`,
            });
          if (given.length === 0 && secret.required)
            ctx.addIssue({
              code: 'custom',
              path: [kind, ...secret.at],
              message: `needs ${secret.keys[0]}, ${secret.keys[1]} (a file holding it) or ${secret.keys[2]} (an environment variable)`,
            });
        }
      }
    },
    { when: () => true },
  );

export const NotificationsSchema = z.record(channelName, ChannelSchema);

export type RawChannel = z.input<typeof ChannelSchema>;
export type EmailSettings = z.output<typeof EmailSchema>;
export type WebhookSettings = z.output<typeof WebhookSchema>;
export type NtfySettings = z.output<typeof NtfySchema>;
export type CommandSettings = z.output<typeof CommandSchema>;
export type SlackSettings = z.output<typeof SlackSchema>;
export type DiscordSettings = z.output<typeof DiscordSchema>;
export type TeamsSettings = z.output<typeof TeamsSchema>;
export type GotifySettings = z.output<typeof GotifySchema>;

/** A channel as the notifier uses it: its name, its kind and that kind's settings as written (secrets unresolved). */
export type ChannelSpec = { name: string; retryDelayMs: number; retryMaxDelayMs: number } & (
  | { kind: 'email'; email: EmailSettings }
  | { kind: 'webhook'; webhook: WebhookSettings }
  | { kind: 'ntfy'; ntfy: NtfySettings }
  | { kind: 'slack'; slack: SlackSettings }
  | { kind: 'discord'; discord: DiscordSettings }
  | { kind: 'teams'; teams: TeamsSettings }
  | { kind: 'gotify'; gotify: GotifySettings }
  | { kind: 'command'; command: CommandSettings }
);

export const DEFAULT_RETRY_DELAY_MS = 10_000;
export const DEFAULT_RETRY_MAX_DELAY_MS = 600_000;

export function resolveChannels(notifications: z.output<typeof NotificationsSchema> | undefined): ChannelSpec[] {
  return Object.entries(notifications ?? {}).map(([name, channel]) => {
    const retry = {
      retryDelayMs: channel.retry?.delay === undefined ? DEFAULT_RETRY_DELAY_MS : parseDuration(channel.retry.delay)!,
      retryMaxDelayMs:
        channel.retry?.maxDelay === undefined ? DEFAULT_RETRY_MAX_DELAY_MS : parseDuration(channel.retry.maxDelay)!,
    };
    if (channel.email) return { name, ...retry, kind: 'email', email: channel.email };
    if (channel.webhook) return { name, ...retry, kind: 'webhook', webhook: channel.webhook };
    if (channel.ntfy) return { name, ...retry, kind: 'ntfy', ntfy: channel.ntfy };
    if (channel.slack) return { name, ...retry, kind: 'slack', slack: channel.slack };
    if (channel.discord) return { name, ...retry, kind: 'discord', discord: channel.discord };
    if (channel.teams) return { name, ...retry, kind: 'teams', teams: channel.teams };
    if (channel.gotify) return { name, ...retry, kind: 'gotify', gotify: channel.gotify };
    return { name, ...retry, kind: 'command', command: channel.command! };
  });
}

/**
 * Secrets written into the jobs file itself: allowed (the admin may insist), but said, so it is a choice. Each is the
 * field's path and what to use instead.
 */
export function inlineSecretWarnings(channels: readonly ChannelSpec[]): string[] {
  const warnings: string[] = [];
  const say = (path: string, file: string, env: string) =>
    warnings.push(
      `notifications.${path} is written in the jobs file: anyone who reads it has the secret (use ${file} or ${env})`,
    );
  for (const channel of channels) {
    if (channel.kind === 'email' && channel.email.smtp.password !== undefined)
      say(`${channel.name}.email.smtp.password`, 'passwordFile', 'passwordEnv');
    if (channel.kind === 'webhook' && channel.webhook.secret !== undefined)
      say(`${channel.name}.webhook.secret`, 'secretFile', 'secretEnv');
    if (channel.kind === 'ntfy' && channel.ntfy.token !== undefined)
      say(`${channel.name}.ntfy.token`, 'tokenFile', 'tokenEnv');
    if (channel.kind === 'gotify' && channel.gotify.token !== undefined)
      say(`${channel.name}.gotify.token`, 'tokenFile', 'tokenEnv');
    // These URLs are the posting credential itself (anyone holding one can post).
    if (
      (channel.kind === 'slack' || channel.kind === 'discord' || channel.kind === 'teams') &&
      postingUrlOf(channel)?.url !== undefined
    )
      say(`${channel.name}.${channel.kind}.url`, 'urlFile', 'urlEnv');
  }
  return warnings;
}

/** Where a URL-posting channel (webhook, ntfy, slack, discord, teams) takes its URL from; null for the others. */
export function postingUrlOf(channel: ChannelSpec): { url?: string; urlFile?: string; urlEnv?: string } | null {
  switch (channel.kind) {
    case 'webhook':
      return channel.webhook;
    case 'ntfy':
      return channel.ntfy;
    case 'slack':
      return channel.slack;
    case 'discord':
      return channel.discord;
    case 'teams':
      return channel.teams;
    default:
      return null;
  }
}
