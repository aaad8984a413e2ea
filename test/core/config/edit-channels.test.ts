import { describe, expect, it } from 'vitest';
import { deleteChannel, upsertChannel } from '../../../electron/core/config/edit-channels';
import { parseJobsText } from '../../../electron/core/config/load-jobs-file';

const FILE = `# My jobs, reviewed every spring.
notifications:
  # The team's mailbox.
  ops-mail: { email: { to: ops@example.org, smtp: { host: smtp.example.org, passwordFile: ~/.smtp } } }
  phone:
    ntfy:
      url: https://ntfy.example.org/backups   # my phone
jobs:
  - { id: backup, cron: "0 2 * * *", command: backup.sh }   # nightly
`;

const channels = (text: string) => {
  const parsed = parseJobsText(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.config.notifications!.map((channel) => `${channel.name}:${channel.kind}`);
};

describe('editing channels in the jobs file', () => {
  it('adds a channel after the others, every comment kept', () => {
    const next = upsertChannel(FILE, 'team', { slack: { urlFile: '~/.config/cronbar/slack.url' } });
    expect(next).toBe(
      FILE.replace(
        '      url: https://ntfy.example.org/backups   # my phone\n',
        '      url: https://ntfy.example.org/backups   # my phone\n  team: { slack: { urlFile: ~/.config/cronbar/slack.url } }\n',
      ),
    );
    expect(channels(next)).toEqual(['ops-mail:email', 'phone:ntfy', 'team:slack']);
  });

  it('replaces a channel where it is (block or flow), the rest byte for byte', () => {
    const next = upsertChannel(FILE, 'phone', { ntfy: { url: 'https://ntfy.example.org/alerts', priority: 'high' } });
    // The comment inside the old value went with it; the rest stays.
    expect(next).toContain('  phone: { ntfy: { url: https://ntfy.example.org/alerts, priority: high } }\njobs:');
    expect(next.startsWith(FILE.slice(0, FILE.indexOf('  phone:')))).toBe(true);
    const mail = upsertChannel(FILE, 'ops-mail', { command: { run: 'mail -s cronbar ops' } });
    expect(mail).toBe(
      FILE.replace(
        '{ email: { to: ops@example.org, smtp: { host: smtp.example.org, passwordFile: ~/.smtp } } }',
        '{ command: { run: mail -s cronbar ops } }',
      ),
    );
  });

  it('starts the section under the file’s header comment when there is none', () => {
    const text = '# header\njobs: []\n';
    const next = upsertChannel(text, 'hook', { webhook: { urlEnv: 'HOOK_URL' } });
    expect(next).toBe('# header\nnotifications:\n  hook: { webhook: { urlEnv: HOOK_URL } }\n\njobs: []\n');
    expect(channels(next)).toEqual(['hook:webhook']);
  });

  it('removes a channel’s lines only; an unknown one is not found', () => {
    const next = deleteChannel(FILE, 'phone');
    expect(next).toBe(FILE.replace(/ {2}phone:\n.*\n.*# my phone\n/, ''));
    expect(channels(next)).toEqual(['ops-mail:email']);
    expect(() => deleteChannel(FILE, 'pager')).toThrow('no channel "pager" in notifications:');
    expect(() => upsertChannel(FILE, 'bad name', { command: { run: 'x' } })).toThrow(/is not a channel name/);
  });
});
