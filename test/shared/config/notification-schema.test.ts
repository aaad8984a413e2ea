import { describe, expect, it } from 'vitest';
import { parseJobsText } from '../../../electron/core/config/load-jobs-file';
import { inlineSecretWarnings } from '../../../shared/config/notification-schema';
import { formatConfigIssue } from '../../../shared/model';

function problems(text: string): string[] {
  const result = parseJobsText(text);
  if (result.ok) throw new Error('expected the text to be rejected');
  return result.issues.map(formatConfigIssue);
}

const CHANNELS = `notifications:
  ops-mail: { email: { to: admin@example.org, smtp: { host: smtp.example.org, port: 587, user: cronbar, passwordFile: ~/.config/cronbar/smtp.pass } } }
  phone:    { ntfy: { url: "https://ntfy.example.org/backups", priority: high, tags: [floppy_disk] } }
  hook:     { webhook: { url: "http://127.0.0.1:9000/cronbar", secretEnv: HOOK_KEY } }
  pager:    { command: { run: "/usr/local/bin/page-me" } }
`;

describe('notifications: in the jobs file', () => {
  it('accepts the four kinds and routes jobs, checks and defaults to them by name', () => {
    const result = parseJobsText(
      `${CHANNELS}defaults:
  notify: { failure: true, recovered: true, channels: [ops-mail, phone] }
jobs:
  - { id: backup, every: 1h, command: "true", notify: { alertAfter: 3, channels: [hook] } }
  - { id: plain, every: 1h, command: "true" }
checks:
  - { id: nas, every: 1d, notify: { channels: [pager] } }
`,
    );
    if (!result.ok) throw new Error(result.issues.map(formatConfigIssue).join('\n'));
    expect(result.config.notifications!.map((channel) => [channel.name, channel.kind])).toEqual([
      ['ops-mail', 'email'],
      ['phone', 'ntfy'],
      ['hook', 'webhook'],
      ['pager', 'command'],
    ]);
    const [backup, plain] = result.config.jobs;
    // Object settings merge key by key: the job's channels replace the default list, its alertAfter joins it.
    expect(backup!.notify).toMatchObject({ failure: true, alertAfter: 3, channels: ['hook'] });
    expect(plain!.notify).toMatchObject({ recovered: true, channels: ['ops-mail', 'phone'] });
    expect(result.config.checks![0]!.notify.channels).toEqual(['pager']);
  });

  it('places an unknown channel name at file:line:col, naming the declared ones', () => {
    expect(
      problems(`${CHANNELS}jobs:
  - id: backup
    every: 1h
    command: "true"
    notify: { channels: [ops-mail, pone] }
checks:
  - { id: nas, every: 1d, notify: { channels: [pagr] } }
`),
    ).toEqual([
      'jobs.yaml:10:36 jobs[0].notify.channels[1]: no channel "pone" in notifications: (declared: ops-mail, phone, hook, pager)',
      'jobs.yaml:12:48 checks[0].notify.channels[0]: no channel "pagr" in notifications: (declared: ops-mail, phone, hook, pager)',
    ]);
  });

  it('says what a channel lacks or has twice, where it is written', () => {
    expect(
      problems(`notifications:
  a: { webhook: { headers: { X: y } } }
  b: { ntfy: { url: "https://ntfy.sh/t", urlEnv: T } }
  c: { email: { to: admin@example.org, smtp: { host: h, password: x, passwordEnv: P } } }
  d: { sms: { url: "https://x" } }
  e: { command: { run: "x" }, ntfy: { url: "https://ntfy.sh/t" } }
  f: { email: { to: not-an-address, smtp: { host: h } } }
defaults: { notify: { channels: [zz] } }
jobs: []
`),
    ).toEqual([
      'jobs.yaml:2:17 notifications.a.webhook: needs url, urlFile (a file holding it) or urlEnv (an environment variable)',
      'jobs.yaml:3:50 notifications.b.ntfy.urlEnv: has both url and urlEnv: keep one',
      'jobs.yaml:4:83 notifications.c.email.smtp.passwordEnv: has both password and passwordEnv: keep one',
      'jobs.yaml:5:6 notifications.d: needs one kind: email, webhook, ntfy, slack, discord, teams, gotify or command',
      'jobs.yaml:5:8 notifications.d: unknown key "sms"',
      'jobs.yaml:6:17 notifications.e.command: has both ntfy and command: keep one kind',
      'jobs.yaml:7:21 notifications.f.email.to: "not-an-address" is not an e-mail address',
      'jobs.yaml:8:34 defaults.notify.channels[0]: no channel "zz" in notifications: (declared: a, b, c, d, e, f)',
    ]);
  });

  it('warns about a secret written inline, naming the safer keys', () => {
    const result = parseJobsText(`notifications:
  m: { email: { to: a@example.org, smtp: { host: h, user: u, password: hunter2 } } }
  w: { webhook: { url: "http://127.0.0.1/x", secret: k } }
`);
    if (!result.ok) throw new Error('rejected');
    expect(inlineSecretWarnings(result.config.notifications!)).toEqual([
      'notifications.m.email.smtp.password is written in the jobs file: anyone who reads it has the secret (use passwordFile or passwordEnv)',
      'notifications.w.webhook.secret is written in the jobs file: anyone who reads it has the secret (use secretFile or secretEnv)',
    ]);
  });
});
