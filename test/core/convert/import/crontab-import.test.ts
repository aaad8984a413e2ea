/**
 * The crontab import: a corpus of real lines keeps its fire times (against an independent reading of man 5
 * crontab), the day-of-month/day-of-week OR rule on known dates, and cron's environment, `%`, comments, disabled
 * lines and system crontabs.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ScheduleCalculator } from '../../../../electron/core/engine/schedule-calculator';
import { convertImport, prepareImport } from '../../../../electron/core/convert/import/import-jobs';
import { appendJobs } from '../../../../electron/core/config/edit-jobs-file';
import { parseJobsText } from '../../../../electron/core/config/load-jobs-file';
import { CRONTAB_CORPUS } from './crontab-corpus';
import { vixieFires } from './vixie-reference';

const options = { currentUser: 'ana', localZone: 'UTC' };
const calculator = new ScheduleCalculator();
const fires = (cron: string, count: number, after: number, timezone = 'UTC') =>
  calculator.nextFires({ schedule: { kind: 'cron', expr: cron }, timezone, anchorAt: null }, count, after + 1);
const iso = (at: number) => new Date(at).toISOString().slice(0, 16);

async function importText(text: string, name = 'crontab', extra: { systemCrontab?: boolean } = {}) {
  const result = await convertImport('crontab', [{ name, text }], { ...options, ...extra });
  return { result, jobs: prepareImport(result, { takenIds: [] }).map((entry) => entry.job) };
}

describe('crontab corpus', async () => {
  const { result, jobs } = await importText(CRONTAB_CORPUS);
  const lines = CRONTAB_CORPUS.split('\n');

  it('imports every job line (and none of the template header)', async () => {
    const jobLines = lines.filter((line) => /^[\d*@]/.test(line));
    expect(jobLines.length).toBeGreaterThanOrEqual(40);
    // The `L` line is not cron's syntax and is reported instead; the commented-out line comes in disabled.
    expect(jobs).toHaveLength(jobLines.length - 1 + 1);
    expect(jobs.filter((job) => job.on === 'start').map((job) => job.command)).toEqual(['/usr/local/bin/on-boot']);
    expect(jobs.some((job) => String(job.command).includes('tar -zcf'))).toBe(false);
  });

  it('gives every imported line the fire times cron gives it', async () => {
    const bases = ['2026-12-01T00:00:00Z', '2027-02-27T23:59:00Z', '2028-02-28T12:00:00Z'].map(Date.parse);
    for (const [index, job] of jobs.entries()) {
      if (job.on === 'start') continue; // @reboot: an event, no fire times
      const source = result.jobs[index]!;
      const text = lines[source.line - 1]!.replace(/^#\s*/, '');
      const schedule = text.startsWith('@') ? text.split(/\s+/)[0]! : text.split(/\s+/).slice(0, 5).join(' ');
      for (const base of bases) {
        expect(fires(job.cron!, 50, base).map(iso), `line ${source.line}: ${text}`).toEqual(
          vixieFires(schedule, 50, base).map(iso),
        );
      }
    }
  });

  it('reports @reboot, MAILTO, the line cron cannot read and the % that feeds stdin, each at its line', async () => {
    const at = (pattern: RegExp) => lines.findIndex((line) => pattern.test(line)) + 1;
    expect(result.losses).toEqual(
      expect.arrayContaining([
        { file: 'crontab', line: at(/^@reboot/), reason: expect.stringMatching(/^@reboot imported as on: start/) },
        { file: 'crontab', line: at(/^MAILTO/), reason: expect.stringMatching(/mails a job's output/) },
        { file: 'crontab', line: at(/ L \* \*/), reason: expect.stringMatching(/not imported: day of month "L"/) },
        { file: 'crontab', line: at(/joe%Joe/), reason: expect.stringMatching(/^% in the command/) },
      ]),
    );
    expect(result.losses).toHaveLength(4);
  });

  it('becomes a jobs file that validates, through the comment-keeping edit', async () => {
    const before = '# my jobs\njobs:\n  - id: mine # keep me\n    every: 1h\n    command: "true"\n';
    const text = appendJobs(before, jobs);
    expect(text.startsWith(before)).toBe(true);
    const parsed = parseJobsText(text);
    expect(parsed.ok ? parsed.config.jobs.length : parsed.issues).toBe(jobs.length + 1);
  });
});

describe('day of month and day of week (man 5 crontab: OR-ed when both are restricted)', () => {
  const after = Date.parse('2026-12-31T23:59:00Z');
  const cronOf = async (line: string) => (await importText(`${line} /bin/true\n`)).jobs[0]!.cron!;

  it('0 0 1,15 * 5 runs on the 1st, the 15th and every Friday', async () => {
    expect(fires(await cronOf('0 0 1,15 * 5'), 11, after).map(iso)).toEqual(
      ['01-01', '01-08', '01-15', '01-22', '01-29', '02-01', '02-05', '02-12', '02-15', '02-19', '02-26'].map(
        (day) => `2027-${day}T00:00`,
      ),
    );
  });

  it('0 0 */2 * 5 (a field starting with *) runs only on odd days that are Fridays', async () => {
    expect(fires(await cronOf('0 0 */2 * 5'), 5, after).map(iso)).toEqual(
      ['01-01', '01-15', '01-29', '02-05', '02-19'].map((day) => `2027-${day}T00:00`),
    );
  });

  it('0 12 15 * 1-5 runs on the 15th and on weekdays', async () => {
    // 2027-05-15 is a Saturday: it fires because it is the 15th; Sunday the 16th does not.
    expect(fires(await cronOf('0 12 15 * 1-5'), 3, Date.parse('2027-05-14T13:00:00Z')).map(iso)).toEqual([
      '2027-05-15T12:00',
      '2027-05-17T12:00',
      '2027-05-18T12:00',
    ]);
  });
});

describe('crontab lines', () => {
  it('turns text after % into the command standard input, as cron does', async () => {
    const { jobs } = await importText(
      '0 22 * * 1-5 tr a-z A-Z%dear joe,%%where are your kids?\n1 * * * * echo 100\\% done\n',
    );
    const run = (command: string) => execFileSync('/bin/sh', ['-c', command], { encoding: 'utf8' });
    expect(run(String(jobs[0]!.command))).toBe('DEAR JOE,\n\nWHERE ARE YOUR KIDS?');
    expect(run(String(jobs[1]!.command))).toBe('100% done\n');
    expect(jobs[0]!.description).toMatch(/standard input/);
  });

  it('carries variables to the jobs below them, SHELL to shell:, CRON_TZ to timezone:, RANDOM_DELAY to jitter:', async () => {
    const { jobs } = await importText(
      '0 1 * * * first\nSHELL=/bin/bash\nBACKUP_DIR = "/mnt/nas"\nCRON_TZ=Europe/Berlin\nRANDOM_DELAY=10\n0 2 * * * second\n',
    );
    expect(jobs[0]).toMatchObject({ shell: '/bin/sh', overlap: 'parallel', catchUp: 'skip', timeout: '0s' });
    expect(jobs[0]!.env).toBeUndefined();
    expect(jobs[0]!.timezone).toBeUndefined();
    expect(jobs[1]).toMatchObject({
      shell: '/bin/bash',
      env: { BACKUP_DIR: '/mnt/nas' },
      timezone: 'Europe/Berlin',
      jitter: '10m',
    });
  });

  it('makes the comments right above a job its description and imports a commented-out job disabled', async () => {
    const { jobs } = await importText(
      '# Nightly backup\n# to the NAS\n0 2 * * * backup.sh\n\n# unrelated\n\n#0 3 * * * /usr/local/bin/old-job\n',
    );
    expect(jobs[0]).toMatchObject({ id: 'backup', description: 'Nightly backup\nto the NAS', cron: '0 2 * * *' });
    expect(jobs[0]!.enabled).toBeUndefined();
    expect(jobs[1]).toMatchObject({ id: 'old-job', enabled: false, cron: '0 3 * * *' });
    expect(jobs[1]!.description).toBeUndefined();
  });

  it('reads the user field of system crontabs and reports another user', async () => {
    const { result, jobs } = await importText(
      'SHELL=/bin/sh\n17 * * * * root cd / && run-parts --report /etc/cron.hourly\n0 5 * * * ana /home/ana/sync\n',
      '/etc/crontab',
    );
    expect(jobs.map((job) => job.command)).toEqual(['cd / && run-parts --report /etc/cron.hourly', '/home/ana/sync']);
    expect(jobs[0]!.description).toContain('Ran as root from /etc/crontab:2');
    expect(result.losses).toEqual([
      {
        file: '/etc/crontab',
        line: 2,
        reason: 'ran as user root; it will run as ana, the user Cronbar runs as, not as root',
      },
    ]);
  });

  it('names a broken line and imports the rest', async () => {
    const { result, jobs } = await importText('61 * * * * too-late\n0 0 * * * fine\n*/0 * * * * zero-step\n');
    expect(jobs.map((job) => job.command)).toEqual(['fine']);
    expect(result.losses).toEqual([
      { file: 'crontab', line: 1, reason: 'not imported: minute "61": 61 is out of range 0-59' },
      { file: 'crontab', line: 3, reason: 'not imported: minute "*/0": a step of 0' },
    ]);
  });

  it('makes readable, unique ids from the commands', async () => {
    const { jobs } = await importText(
      '0 1 * * * /usr/local/bin/backup.sh --full\n0 2 * * * /usr/local/bin/backup.sh --inc\n0 3 * * * cd /srv && ./deploy.sh\n0 4 * * * run-parts /etc/cron.daily\n' +
        '30 3 * * 0 test -e /run/systemd/system || SERVICE_MODE=1 /usr/lib/e2fsprogs/e2scrub_all_cron\n25 6 * * * [ -x /usr/sbin/anacron ] || run-parts --report /etc/cron.daily\n',
    );
    expect(jobs.map((job) => job.id)).toEqual([
      'backup',
      'backup-2',
      'deploy',
      'run-parts-cron.daily',
      'e2scrub-all-cron',
      'run-parts-cron.daily-2',
    ]);
  });
});

/** /etc/crontab as Debian 12 ships it (cron-daemon-common 3.0pl1-162), tabs and all. */
const DEBIAN_ETC_CRONTAB = `# /etc/crontab: system-wide crontab
# Unlike any other crontab you don't have to run the \`crontab'
# command to install the new version when you edit this file
# and files in /etc/cron.d. These files also have username fields,
# that none of the other crontabs do.

SHELL=/bin/sh
PATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin

# Example of job definition:
# .---------------- minute (0 - 59)
# |  .------------- hour (0 - 23)
# |  |  .---------- day of month (1 - 31)
# |  |  |  .------- month (1 - 12) OR jan,feb,mar,apr ...
# |  |  |  |  .---- day of week (0 - 6) (Sunday=0 or 7) OR sun,mon,tue,wed,thu,fri,sat
# |  |  |  |  |
# *  *  *  *  * user-name command to be executed
17 *\t* * *\troot\tcd / && run-parts --report /etc/cron.hourly
25 6\t* * *\troot\ttest -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.daily; }
47 6\t* * 7\troot\ttest -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.weekly; }
52 6\t1 * *\troot\ttest -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.monthly; }
#
`;

describe('real files', () => {
  it("skips Debian's /etc/crontab documentation: no job, no description from it, no note", async () => {
    const { result, jobs } = await importText(DEBIAN_ETC_CRONTAB, '/etc/crontab');
    expect(jobs.map((job) => [job.cron, job.enabled, job.description])).toEqual([
      ['17 * * * *', undefined, 'Ran as root from /etc/crontab:18.'],
      ['25 6 * * *', undefined, 'Ran as root from /etc/crontab:19.'],
      ['47 6 * * 7', undefined, 'Ran as root from /etc/crontab:20.'],
      ['52 6 1 * *', undefined, 'Ran as root from /etc/crontab:21.'],
    ]);
    expect(result.losses.map((loss) => loss.line)).toEqual([18, 19, 20, 21]);
    // The header of older Debian releases, and the same example in a user's crontab (no user field).
    const older = await importText(
      '# m h dom mon dow user\tcommand\n17 *\t* * *\troot    cd / && run-parts --report /etc/cron.hourly\n',
      '/etc/crontab',
    );
    expect(older.jobs.map((job) => [job.command, job.description])).toEqual([
      ['cd / && run-parts --report /etc/cron.hourly', 'Ran as root from /etc/crontab:2.'],
    ]);
    const user = await importText('# *  *  *  *  * command to be executed\n# min hour dom mon dow command\n');
    expect(user.jobs).toEqual([]);
    expect(user.result.losses).toEqual([]);
  });

  it('warns that a sixth time-like field is read by cron as the command, and says what it would be with seconds', async () => {
    const { result, jobs } = await importText('0 15 2 * * * /usr/local/bin/backup.sh\n0 2 * * 1-5 7z a /tmp/x.7z ~\n');
    expect(jobs.map((job) => [job.cron, job.command])).toEqual([
      // cron: 15:00 on the 2nd of each month, running `* /usr/local/bin/backup.sh`; with seconds: 02:15 daily.
      ['0 15 2 * *', '* /usr/local/bin/backup.sh'],
      ['0 2 * * 1-5', '7z a /tmp/x.7z ~'],
    ]);
    expect(result.losses).toEqual([
      {
        file: 'crontab',
        line: 1,
        reason:
          'six time-like fields: cron reads five, so the schedule is "0 15 2 * *" and "*" is read as the start of the command (the shell expands a * to the file names in the working directory); imported as cron reads it. If the line was written with a seconds field, set cron: "0 15 2 * * *"',
      },
    ]);
  });

  it('warns where a % cuts the command, as cron reads it', async () => {
    const { result, jobs } = await importText(
      '0 4 * * * pg_dump app > /var/backups/app-$(date +%F).sql\n0 5 * * * echo 100\\% done\n',
    );
    expect(jobs).toHaveLength(2);
    expect(result.losses).toEqual([
      {
        file: 'crontab',
        line: 1,
        reason:
          '% in the command: cron (busybox too) runs only "pg_dump app > /var/backups/app-$(date +" and feeds the text after the % to its standard input, each further % a newline; imported the same way (a literal % is written \\% in a crontab)',
      },
    ]);
  });

  it('says a line of another user will run as the current user, naming both', async () => {
    const { result } = await importText(
      '# Purge sessions\n09,39 * * * * www-data [ -x /usr/lib/php/sessionclean ] && /usr/lib/php/sessionclean\n',
      '/etc/cron.d/php',
    );
    expect(result.losses).toEqual([
      {
        file: '/etc/cron.d/php',
        line: 2,
        reason: 'ran as user www-data; it will run as ana, the user Cronbar runs as, not as www-data',
      },
    ]);
  });
});
