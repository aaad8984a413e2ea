/**
 * Start-up and file events and the AC condition on import, each with a note at its line: crontab @reboot, systemd
 * OnBootSec=/OnStartupSec= and ConditionACPower=, launchd RunAtLoad, WatchPaths and QueueDirectories. The jobs
 * written validate as a jobs file.
 */
import { describe, expect, it } from 'vitest';
import { appendJobs } from '../../../../electron/core/config/edit-jobs-file';
import { parseJobsText } from '../../../../electron/core/config/load-jobs-file';
import { convertImport, prepareImport } from '../../../../electron/core/convert/import/import-jobs';

const options = { currentUser: 'ana', localZone: 'UTC' };

async function imported(format: 'crontab' | 'systemd' | 'launchd', sources: Array<{ name: string; text: string }>) {
  const files = new Map(sources.map((source) => [source.name, source.text]));
  const result = await convertImport(format, sources, { ...options, readFile: (file) => files.get(file) ?? null });
  const jobs = prepareImport(result, { takenIds: [] }).map((entry) => entry.job);
  const written = parseJobsText(appendJobs('jobs:\n', jobs));
  expect(written.ok ? [] : written.issues).toEqual([]);
  return { jobs, notes: result.losses.map((loss) => `${loss.file}:${loss.line} ${loss.reason}`) };
}

const plist = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n<dict>\n  <key>Label</key><string>org.ana.sync</string>\n  <key>ProgramArguments</key><array><string>/usr/local/bin/sync</string></array>\n${body}</dict>\n</plist>\n`;

describe('import of start-up, file and power settings', () => {
  it('crontab @reboot → on: start', async () => {
    const { jobs, notes } = await imported('crontab', [
      { name: 'crontab', text: '@reboot /usr/local/bin/mount-nas\n' },
    ]);
    expect(jobs).toMatchObject([{ on: 'start', command: '/usr/local/bin/mount-nas' }]);
    expect(jobs[0]!.cron).toBeUndefined();
    expect(notes).toEqual([expect.stringMatching(/^crontab:1 @reboot imported as on: start/)]);
  });

  it('systemd OnBootSec= → on: start with the delay; ConditionACPower=true → when: { power: ac }', async () => {
    const { jobs, notes } = await imported('systemd', [
      { name: '/u/backup.timer', text: '[Timer]\nOnBootSec=15min\n' },
      {
        name: '/u/backup.service',
        text: '[Unit]\nConditionACPower=true\n[Service]\nType=oneshot\nExecStart=/usr/bin/restic backup\n',
      },
    ]);
    expect(jobs).toMatchObject([{ on: { start: null, delay: '15m' }, when: { power: 'ac' } }]);
    expect(notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/u\/backup.timer:2 OnBootSec=15min imported as on: start with delay 15m/),
        expect.stringMatching(/^\/u\/backup.service:2 ConditionACPower=true imported as when: \{ power: ac \}/),
      ]),
    );
  });

  it('launchd RunAtLoad → on: start beside the schedule; WatchPaths and QueueDirectories → on: path', async () => {
    const scheduled = await imported('launchd', [
      {
        name: 'a.plist',
        text: plist('  <key>RunAtLoad</key><true/>\n  <key>StartInterval</key><integer>3600</integer>\n'),
      },
    ]);
    expect(scheduled.jobs).toMatchObject([{ every: '1h', on: ['start'] }]);
    const watching = await imported('launchd', [
      {
        name: 'b.plist',
        text: plist(
          '  <key>WatchPaths</key><array><string>/Users/ana/Inbox</string></array>\n  <key>QueueDirectories</key><array><string>/Users/ana/Queue</string></array>\n',
        ),
      },
    ]);
    expect(watching.jobs).toMatchObject([{ on: [{ path: '/Users/ana/Inbox' }, { path: '/Users/ana/Queue' }] }]);
    expect(watching.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/WatchPaths imported as on: path/),
        expect.stringMatching(/QueueDirectories imported as on: path/),
      ]),
    );
  });
});
