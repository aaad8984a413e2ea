/**
 * A channel's secrets (SMTP password, a webhook, ntfy, Slack, Discord or Teams URL that grants posting, an HMAC key,
 * an ntfy or Gotify token), read
 * from their file or environment variable at the moment a message goes out, never earlier: a rotated password
 * applies to the next message, and nothing secret sits in the process's config objects, the queue or an event.
 * `mask` takes every secret out of a text before it is logged, stored as a reason or answered.
 */
import fs from 'node:fs';
import { type ChannelSpec, postingUrlOf } from '../../../shared/config/notification-schema';
import { expandHome } from '../runner/expand-home';
import { DeliveryError } from './delivery-error';

export interface ChannelSecrets {
  password?: string;
  url?: string;
  secret?: string;
  token?: string;
  /** Every value above, for masking. */
  values: string[];
}

type Source = { inline?: string; file?: string; env?: string; what: string };

function read(source: Source, env: NodeJS.ProcessEnv): string | undefined {
  if (source.inline !== undefined) return source.inline;
  if (source.file !== undefined) {
    const file = expandHome(source.file);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new DeliveryError(
        `cannot read the ${source.what} from ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message}`,
      );
    }
    // One trailing newline is the editor's, not the secret's.
    const value = text.replace(/\r?\n$/, '');
    if (value === '') throw new DeliveryError(`the ${source.what} file ${file} is empty`);
    return value;
  }
  if (source.env !== undefined) {
    const value = env[source.env];
    if (value === undefined || value === '')
      throw new DeliveryError(`the ${source.what} variable ${source.env} is not set in Cronbar's environment`);
    return value;
  }
  return undefined;
}

export function readSecrets(channel: ChannelSpec, env: NodeJS.ProcessEnv = process.env): ChannelSecrets {
  const secrets: ChannelSecrets = { values: [] };
  const keep = (key: 'password' | 'url' | 'secret' | 'token', value: string | undefined) => {
    if (value === undefined) return;
    secrets[key] = value;
    secrets.values.push(value);
  };
  if (channel.kind === 'email') {
    const smtp = channel.email.smtp;
    keep(
      'password',
      read({ inline: smtp.password, file: smtp.passwordFile, env: smtp.passwordEnv, what: 'SMTP password' }, env),
    );
  } else {
    const posting = postingUrlOf(channel);
    if (posting)
      keep(
        'url',
        read({ inline: posting.url, file: posting.urlFile, env: posting.urlEnv, what: `${channel.kind} URL` }, env),
      );
    if (channel.kind === 'webhook') {
      const hook = channel.webhook;
      keep(
        'secret',
        read({ inline: hook.secret, file: hook.secretFile, env: hook.secretEnv, what: 'HMAC secret' }, env),
      );
    } else if (channel.kind === 'ntfy') {
      const ntfy = channel.ntfy;
      keep('token', read({ inline: ntfy.token, file: ntfy.tokenFile, env: ntfy.tokenEnv, what: 'ntfy token' }, env));
    } else if (channel.kind === 'gotify') {
      const gotify = channel.gotify;
      keep(
        'token',
        read({ inline: gotify.token, file: gotify.tokenFile, env: gotify.tokenEnv, what: 'Gotify token' }, env),
      );
    }
  }
  if (secrets.url !== undefined) {
    // An error may quote the URL's path alone (a Slack-style URL is its own secret).
    const { pathname, search } = new URL(secrets.url);
    if (`${pathname}${search}`.length > 1) secrets.values.push(`${pathname}${search}`);
  }
  return secrets;
}

/** Every secret in `text` replaced, as written and URL-encoded. */
export function mask(text: string, values: readonly string[]): string {
  let masked = text;
  for (const value of [...values].sort((a, b) => b.length - a.length)) {
    if (value.length === 0) continue;
    masked = masked.split(value).join('••••');
    const encoded = encodeURIComponent(value);
    if (encoded !== value) masked = masked.split(encoded).join('••••');
  }
  return masked;
}

/** The secrets of a channel as far as they can be read (for masking a failure that happened while reading them). */
export function secretValuesOf(channel: ChannelSpec, env: NodeJS.ProcessEnv = process.env): string[] {
  try {
    return readSecrets(channel, env).values;
  } catch {
    return [];
  }
}
