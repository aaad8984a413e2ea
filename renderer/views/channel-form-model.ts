/**
 * The Settings form for one notification channel: the fields a kind needs, turned into the channel as the jobs file
 * writes it. Secrets are asked for as a file (or an environment variable), never typed into the form: the window
 * never holds one, and the jobs file stays shareable.
 */
import { CHANNEL_KINDS, CHANNEL_NAME_PATTERN, type ChannelKind } from '../../shared/config/notification-schema';

export { CHANNEL_KINDS };

export interface ChannelDraft {
  name: string;
  kind: ChannelKind;
  /** email: recipients, comma-separated. */
  to: string;
  smtpHost: string;
  smtpPort: string;
  smtpUser: string;
  /** email: the file holding the SMTP password. */
  passwordFile: string;
  /** webhook, ntfy, gotify: the URL as it is (not a secret). */
  url: string;
  /** slack, discord, teams (and a secret webhook): the file holding the posting URL. */
  urlFile: string;
  /** gotify: the file holding the app token. */
  tokenFile: string;
  /** command: the hook to run. */
  run: string;
}

export const EMPTY_CHANNEL: ChannelDraft = {
  name: '',
  kind: 'email',
  to: '',
  smtpHost: '',
  smtpPort: '',
  smtpUser: '',
  passwordFile: '',
  url: '',
  urlFile: '',
  tokenFile: '',
  run: '',
};

/** Which draft fields a kind shows. */
export const FIELDS_OF: Record<ChannelKind, Array<keyof ChannelDraft>> = {
  email: ['to', 'smtpHost', 'smtpPort', 'smtpUser', 'passwordFile'],
  webhook: ['url', 'urlFile'],
  ntfy: ['url'],
  slack: ['urlFile'],
  discord: ['urlFile'],
  teams: ['urlFile'],
  gotify: ['url', 'tokenFile'],
  command: ['run'],
};

export type ChannelProblems = Partial<Record<keyof ChannelDraft, string>>;

export function channelProblems(draft: ChannelDraft): ChannelProblems {
  const problems: ChannelProblems = {};
  const fields = FIELDS_OF[draft.kind];
  const blank = (key: keyof ChannelDraft) => draft[key].trim() === '';
  if (!CHANNEL_NAME_PATTERN.test(draft.name)) problems.name = '1-64 letters, digits, dots, dashes or underscores';
  if (draft.kind === 'email') {
    if (blank('to')) problems.to = 'an address to mail';
    if (blank('smtpHost')) problems.smtpHost = 'the mail server';
    if (!blank('smtpPort') && !/^\d{1,5}$/.test(draft.smtpPort.trim())) problems.smtpPort = 'a port number';
  }
  if (draft.kind === 'webhook' && blank('url') === blank('urlFile')) problems.url = 'a URL or a file holding it';
  if (fields.includes('url') && draft.kind !== 'webhook' && blank('url')) problems.url = 'the URL';
  if (fields.includes('urlFile') && draft.kind !== 'webhook' && blank('urlFile'))
    problems.urlFile = 'the file holding the URL';
  if (draft.kind === 'gotify' && blank('tokenFile')) problems.tokenFile = 'the file holding the app token';
  if (draft.kind === 'command' && blank('run')) problems.run = 'the command to run';
  return problems;
}

/** The channel as the jobs file writes it (only the fields the admin filled). */
export function channelFromDraft(draft: ChannelDraft): Record<string, unknown> {
  const text = (value: string) => (value.trim() === '' ? undefined : value.trim());
  const compact = (object: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
  switch (draft.kind) {
    case 'email': {
      const to = draft.to
        .split(',')
        .map((address) => address.trim())
        .filter(Boolean);
      return {
        email: {
          to: to.length === 1 ? to[0] : to,
          smtp: compact({
            host: text(draft.smtpHost),
            port: text(draft.smtpPort) === undefined ? undefined : Number(draft.smtpPort),
            user: text(draft.smtpUser),
            passwordFile: text(draft.passwordFile),
          }),
        },
      };
    }
    case 'command':
      return { command: { run: draft.run.trim() } };
    case 'gotify':
      return { gotify: { url: draft.url.trim(), tokenFile: draft.tokenFile.trim() } };
    case 'webhook':
    case 'ntfy':
    case 'slack':
    case 'discord':
    case 'teams':
      return { [draft.kind]: compact({ url: text(draft.url), urlFile: text(draft.urlFile) }) };
  }
}
