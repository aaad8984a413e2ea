/** A .timer with its .service becomes Cronbar jobs with their settings, and every setting left behind is named. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertImport, prepareImport } from '../../../../electron/core/convert/import/import-jobs';
import { hasSystemdAnalyze } from '../../../helpers/systemd-calendar';

const NOW = Date.parse('2026-12-01T00:00:00Z');

async function importUnits(files: Record<string, string>, disk: Record<string, string> = {}) {
  const result = await convertImport(
    'systemd',
    Object.entries(files).map(([name, text]) => ({ name, text })),
    {
      currentUser: 'ana',
      localZone: 'UTC',
      now: NOW,
      readFile: (file) => disk[file] ?? null,
    },
  );
  return { result, jobs: prepareImport(result, { takenIds: [] }).map((entry) => entry.job) };
}

describe('systemd timers', () => {
  it('carries the schedule, command, directory, environment, jitter, timeout and catch-up over', async () => {
    const { result, jobs } = await importUnits(
      {
        '/u/backup.timer':
          '[Unit]\nDescription=Nightly backup\n\n[Timer]\nOnCalendar=Mon..Fri *-*-* 02:30 Europe/Paris\nPersistent=true\nRandomizedDelaySec=15min\n\n[Install]\nWantedBy=timers.target\n',
        '/u/backup.service':
          '[Unit]\nDescription=Back up home\n\n[Service]\nType=oneshot\nWorkingDirectory=%h\nEnvironment="RESTIC_REPOSITORY=/mnt/nas" MODE=full\nEnvironmentFile=-/etc/default/backup\nExecStart=/usr/bin/restic backup --tag "night ly" /home\nTimeoutStartSec=2h 30min\n',
      },
      { '/etc/default/backup': '# defaults\nMODE=incremental\nexport KEEP="7"\n' },
    );
    expect(jobs).toEqual([
      {
        id: 'backup',
        name: 'Back up home',
        jitter: '15m',
        command: ['/usr/bin/restic', 'backup', '--tag', 'night ly', '/home'],
        cwd: '~',
        env: { RESTIC_REPOSITORY: '/mnt/nas', MODE: 'incremental', KEEP: '7' },
        timeout: '2h30m',
        cron: '0 30 2 * * 1-5',
        timezone: 'Europe/Paris',
        catchUp: 'once',
      },
    ]);
    expect(result.losses.map((loss) => `${loss.file}:${loss.line} ${loss.reason}`)).toEqual([
      '/u/backup.service:8 EnvironmentFile=/etc/default/backup was copied into env: now; later edits to that file do not reach Cronbar',
    ]);
    // Europe/Paris skips 02:00-03:00 on a Sunday: a weekday job is not affected, a daily one is.
    const daily = await importUnits({
      '/u/d.timer': '[Timer]\nOnCalendar=*-*-* 02:30 Europe/Paris\nPersistent=true\n',
      '/u/d.service': '[Service]\nExecStart=/bin/true\n',
    });
    expect(daily.result.losses).toEqual([
      {
        file: '/u/d.timer',
        line: 2,
        reason: expect.stringMatching(/spring DST change in Europe\/Paris \(first on 2027-03-28 02:30/),
      },
    ]);
  });

  it('makes one job per OnCalendar= line and says so, and turns OnUnitActiveSec= into every:', async () => {
    const { result, jobs } = await importUnits({
      '/u/sync.timer':
        '[Timer]\nOnCalendar=*-*-* 06:00\nOnCalendar=*-*-* 18:00\nOnBootSec=5min\nOnUnitActiveSec=1h\nPersistent=yes\n',
      '/u/sync.service': '[Service]\nExecStart=-/usr/bin/sync-all $TARGET\nUser=root\nNice=10\n',
    });
    expect(jobs.map((job) => [job.id, job.cron ?? job.every, job.command, job.shell])).toEqual([
      ['sync', '0 0 6 * * *', '{ /usr/bin/sync-all $TARGET || true; }', '/bin/sh'],
      ['sync-2', '0 0 18 * * *', '{ /usr/bin/sync-all $TARGET || true; }', '/bin/sh'],
      ['sync-3', '1h', '{ /usr/bin/sync-all $TARGET || true; }', '/bin/sh'],
    ]);
    const reasons = result.losses.map((loss) => `${loss.file}:${loss.line} ${loss.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/u\/sync.service:4 Nice=10 is not carried over$/),
        '/u/sync.service:3 User=root: it will run as ana, the user Cronbar runs as, not as root',
        expect.stringMatching(/^\/u\/sync.timer:3 several OnCalendar= lines: each becomes its own job \(2 jobs\)/),
        expect.stringMatching(/^\/u\/sync.timer:5 OnUnitActiveSec=1h counts from the service's last start/),
        expect.stringMatching(
          /^\/u\/sync.timer:4 OnBootSec=5min \(the first run after boot or activation\) is not carried over/,
        ),
      ]),
    );
  });

  it('refuses what it cannot carry over, naming the line', async () => {
    const { result, jobs } = await importUnits({
      '/u/odd.timer': '[Timer]\nOnCalendar=*-*~03 12:00\n',
      '/u/odd.service': '[Service]\nExecStart=/bin/true\n',
      '/u/lonely.timer': '[Timer]\nOnCalendar=daily\n',
      '/u/pg_dump@.timer': '[Timer]\nOnCalendar=daily\n',
      '/u/pg_dump@.service': '[Service]\nExecStart=/usr/bin/pg_dump %i\n',
    });
    expect(jobs).toHaveLength(0);
    expect(result.losses).toEqual(
      expect.arrayContaining([
        { file: '/u/odd.timer', line: 2, reason: expect.stringMatching(/~03 .*has no Cronbar form.*not imported$/) },
        {
          file: '/u/lonely.timer',
          line: 0,
          reason: 'lonely.service (the unit this timer starts) was not found beside it; the timer is not imported',
        },
        {
          file: '/u/pg_dump@.timer',
          line: 0,
          reason: 'a template unit: it runs only as instances (pg_dump@NAME.timer); not imported',
        },
      ]),
    );
  });

  it('runs a oneshot with no timeout set without a limit, as systemd does', async () => {
    const { jobs } = await importUnits({
      '/u/a.timer': '[Timer]\nOnCalendar=hourly\n',
      '/u/a.service': '[Service]\nType=oneshot\nExecStart=/bin/true\n',
    });
    expect(jobs[0]).toMatchObject({ timeout: '0s', cron: '0 0 * * * *' });
  });
});

describe('what systemd does with a # after a value (it has no inline comments)', () => {
  // Each service has a Type= systemd cannot parse, so `systemd-analyze verify backup.timer` names the service the
  // timer loads. systemd 252 (Debian 12) prints, and exits 0:
  //   backup.timer:4: Unit type not valid, ignoring: backup-offsite.service # the NAS copy
  //   backup.service:2: Failed to parse service type, ignoring: default-service
  // With a clean `Unit=backup-offsite.service` it names backup-offsite.service instead.
  const units = {
    'backup.timer':
      '[Unit]\nDescription=Nightly backup\n[Timer]\nUnit=backup-offsite.service # the NAS copy\nOnCalendar=*-*-* 02:30\nPersistent=true\n',
    'backup.service': '[Service]\nType=default-service\nExecStart=/usr/local/bin/backup --local\n',
    'backup-offsite.service':
      '[Service]\nType=named-service\nExecStart=/usr/local/bin/backup --offsite # to the NAS\nUser=www-data\n',
  };

  it.skipIf(!hasSystemdAnalyze())('systemd-analyze: Unit= with a # is ignored, the timer loads backup.service', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-unit-comment-'));
    for (const [name, text] of Object.entries(units)) fs.writeFileSync(path.join(dir, name), text);
    const verify = () => {
      const result = spawnSync('systemd-analyze', ['verify', '--man=no', 'backup.timer'], {
        cwd: dir,
        encoding: 'utf8',
      });
      return `${result.stdout}${result.stderr}`;
    };
    const output = verify();
    expect(output).toMatch(/backup\.timer:4: Unit type not valid, ignoring: backup-offsite\.service # the NAS copy/);
    expect(output).toMatch(/backup\.service:2: Failed to parse service type, ignoring: default-service/);
    expect(output).not.toMatch(/named-service/);
    fs.writeFileSync(path.join(dir, 'backup.timer'), units['backup.timer'].replace(' # the NAS copy', ''));
    expect(verify()).toMatch(/Failed to parse service type, ignoring: named-service/);
  });

  it('imports the timer with the service systemd starts, saying why', async () => {
    const { result, jobs } = await importUnits(
      Object.fromEntries(Object.entries(units).map(([name, text]) => [`/u/${name}`, text])),
    );
    expect(jobs.map((job) => [job.id, job.command])).toEqual([['backup', ['/usr/local/bin/backup', '--local']]]);
    expect(result.losses).toContainEqual({
      file: '/u/backup.timer',
      line: 4,
      reason:
        'Unit=backup-offsite.service # the NAS copy is not a valid unit name (systemd has no inline comments: the # and what follows are part of the name); systemd ignores the line and the timer starts backup.service, and so does the import',
    });
  });

  it('carries a # in other settings over as part of the value, saying so, and names who the job runs as', async () => {
    const { result, jobs } = await importUnits({
      '/u/offsite.timer': '[Timer]\nOnCalendar=daily\nPersistent=true\n',
      '/u/offsite.service': units['backup-offsite.service'],
    });
    expect(jobs[0]!.command).toEqual(['/usr/local/bin/backup', '--offsite', '#', 'to', 'the', 'NAS']);
    expect(result.losses).toEqual(
      expect.arrayContaining([
        {
          file: '/u/offsite.service',
          line: 3,
          reason:
            'ExecStart=/usr/local/bin/backup --offsite # to the NAS: systemd has no inline comments, so "# to the NAS" is part of the value; it is carried over as systemd reads it',
        },
        {
          file: '/u/offsite.service',
          line: 4,
          reason: 'User=www-data: it will run as ana, the user Cronbar runs as, not as www-data',
        },
      ]),
    );
  });
});
