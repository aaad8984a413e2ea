/** The window's channel methods on a real service: list without secrets, test, add and remove through the file. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCronbar } from '../../../electron/core/service/open-cronbar';
import type { CronbarService } from '../../../electron/core/service/types';
import { FakeClock } from '../../helpers/fake-clock';

let service: CronbarService | null = null;
afterEach(async () => {
  await service?.shutdown({ graceMs: 100 });
  service = null;
});

const FILE = `# Alerts for the backups.
notifications:
  pager: { command: { run: "exit 4" } }   # the on-call script
jobs:
  - { id: backup, cron: "0 2 * * *", command: "true", notify: { channels: [pager] } }
`;

async function open() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-channels-'));
  const configPath = path.join(dataDir, 'jobs.yaml');
  fs.writeFileSync(configPath, FILE);
  service = await openCronbar({ dataDir, configPath, dbPath: ':memory:', schedule: false, clock: new FakeClock() });
  return { service, configPath };
}

describe('channels through the service', () => {
  it('adds a channel keeping the comments, tests it, and refuses to remove one a job still names', async () => {
    const { service, configPath } = await open();
    await service.saveChannel({ name: 'team', channel: { slack: { urlFile: '~/.slack.url' } } });
    expect(fs.readFileSync(configPath, 'utf8')).toBe(
      FILE.replace('# the on-call script\n', '# the on-call script\n  team: { slack: { urlFile: ~/.slack.url } }\n'),
    );
    expect(await service.listChannels({})).toEqual([
      { name: 'pager', kind: 'command', to: 'hook exit' },
      { name: 'team', kind: 'slack', to: 'URL in ~/.slack.url' },
    ]);
    expect(await service.testChannel({ name: 'pager' })).toMatchObject({
      ok: false,
      reason: 'the hook exited with 4',
    });
    await expect(service.deleteChannel({ name: 'pager' })).rejects.toMatchObject({
      code: 'invalid-config',
      message: expect.stringMatching(/jobs\.yaml:\d+:\d+ .*no channel "pager" in notifications:/),
    });
    expect(fs.readFileSync(configPath, 'utf8')).toContain('pager:');
    await service.deleteChannel({ name: 'team' });
    expect(fs.readFileSync(configPath, 'utf8')).toBe(FILE);
  });

  it('an invalid channel is refused with its place and changes nothing', async () => {
    const { service, configPath } = await open();
    await expect(
      service.saveChannel({ name: 'mail', channel: { email: { to: 'not-an-address' } } }),
    ).rejects.toMatchObject({ code: 'invalid-config', message: expect.stringMatching(/jobs\.yaml:\d+:\d+/) });
    expect(fs.readFileSync(configPath, 'utf8')).toBe(FILE);
  });
});
