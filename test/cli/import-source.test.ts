/**
 * `cronbar import` must not make jobs run twice: it says what still runs them, comments out exactly the imported lines
 * of the user's crontab on request (backup first, through `crontab -l` / `crontab -`), and importing again adds
 * nothing. The user's crontab is a fake `crontab` program on PATH that keeps its table in a file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cronbar, tempHome } from './cli-helpers';

const CRONTAB = [
  'MAILTO=""',
  '# Nightly backup',
  '0 2 * * * /usr/local/bin/backup.sh --full',
  '# old, off',
  '#30 4 * * * /usr/local/bin/cleanup',
  '@reboot /usr/local/bin/on-boot',
  '*/15 * * * *   /usr/local/bin/check-queue',
  '',
].join('\n');

function setUp(jobsYaml = 'jobs: []\n') {
  const home = tempHome();
  const config = path.join(home, 'jobs.yaml');
  fs.writeFileSync(config, jobsYaml);
  const bin = path.join(home, 'bin');
  fs.mkdirSync(bin);
  const table = path.join(home, 'crontab-table');
  fs.writeFileSync(table, CRONTAB);
  // crontab(1) as far as Cronbar uses it: -l prints the table (or fails when there is none), - installs stdin.
  fs.writeFileSync(
    path.join(bin, 'crontab'),
    [
      '#!/bin/sh',
      'case "$1" in',
      '  -l) [ -f "$FAKE_CRONTAB" ] || { echo "no crontab for $(id -un)" >&2; exit 1; }; cat "$FAKE_CRONTAB" ;;',
      '  -) cat > "$FAKE_CRONTAB.new" && mv "$FAKE_CRONTAB.new" "$FAKE_CRONTAB" ;;',
      '  *) echo "usage: crontab [-l | -]" >&2; exit 2 ;;',
      'esac',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  const env = { PATH: `${bin}:${process.env.PATH}`, FAKE_CRONTAB: table };
  const run = (args: string[]) => cronbar(['import', 'crontab', ...args], { home, env });
  return { home, config, table, run };
}

describe('cronbar import without double runs', () => {
  it('says cron still runs the jobs, then --disable-source comments out exactly those lines after a backup', async () => {
    const { home, config, table, run } = setUp();
    const first = await run([]);
    expect(first.code, first.stderr).toBe(0);
    // The commented-out line comes in disabled: it runs nowhere, so it is not among the lines cron still runs.
    expect(first.stdout).toContain('added 3 jobs');
    expect(first.stdout).toContain('cron still runs these 2 jobs: each runs twice until its line is commented out.\n');
    expect(first.stdout).toContain('  cronbar import crontab --disable-source\n');
    // Told, not done: the crontab is as it was.
    expect(fs.readFileSync(table, 'utf8')).toBe(CRONTAB);
    const afterFirst = fs.readFileSync(config, 'utf8');

    const second = await run(['--disable-source']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain('crontab -l:3: same schedule and command as backup in the jobs file');
    expect(second.stdout).toContain('nothing new: all 3 jobs are in');
    expect(second.stdout).toMatch(/commented out 2 lines in your crontab \(lines 3, 7\); cron no longer runs them/);
    expect(fs.readFileSync(config, 'utf8')).toBe(afterFirst);

    const today = new Date();
    const date = [today.getFullYear(), today.getMonth() + 1, today.getDate()]
      .map((part) => String(part).padStart(2, '0'))
      .join('-');
    const lines = CRONTAB.split('\n');
    lines[2] = `# moved to Cronbar ${date} (job backup): 0 2 * * * /usr/local/bin/backup.sh --full`;
    lines[6] = `# moved to Cronbar ${date} (job check-queue): */15 * * * *   /usr/local/bin/check-queue`;
    expect(fs.readFileSync(table, 'utf8')).toBe(lines.join('\n'));
    const backups = fs.readdirSync(path.join(home, 'backups')).filter((name) => name.startsWith('crontab-'));
    expect(backups).toHaveLength(1);
    expect(fs.readFileSync(path.join(home, 'backups', backups[0]!), 'utf8')).toBe(CRONTAB);
    expect(fs.statSync(path.join(home, 'backups', backups[0]!)).mode & 0o777).toBe(0o600);

    // A third time: the moved lines are recognised, nothing is added, and nothing is said to run twice.
    const third = await run([]);
    expect(third.code, third.stderr).toBe(0);
    expect(third.stderr).toContain('crontab -l:3: commented out by an earlier import; runs in Cronbar as backup');
    expect(third.stdout).toContain('nothing new');
    expect(third.stdout).not.toContain('still runs');
    expect(fs.readFileSync(config, 'utf8')).toBe(afterFirst);
  });

  it('flags a line the jobs file already has (written by hand) and does not add it', async () => {
    const yaml =
      'jobs:\n  - id: nightly\n    cron: "0 2 * * *"\n    command: /usr/local/bin/backup.sh   --full\n    shell: /bin/bash\n';
    const { config, run } = setUp(yaml);
    const result = await run(['--json']);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as {
      added: string[];
      alreadyInCronbar: Array<{ line: number; existingId: string; reason: string }>;
      sourceStillRuns: { crontabLines: Array<{ text: string; jobId: string }> };
    };
    expect(json.added).toEqual(['cleanup', 'check-queue']);
    expect(json.alreadyInCronbar).toEqual([
      {
        file: 'crontab -l',
        line: 3,
        existingId: 'nightly',
        reason: 'same schedule and command as nightly in the jobs file; not added again',
      },
    ]);
    // Both lines still run in cron: the one just imported and the one the file had.
    expect(json.sourceStillRuns.crontabLines).toEqual([
      { text: '*/15 * * * *   /usr/local/bin/check-queue', jobId: 'check-queue' },
      { text: '0 2 * * * /usr/local/bin/backup.sh --full', jobId: 'nightly' },
    ]);
    expect(fs.readFileSync(config, 'utf8')).not.toContain('id: backup');
  });

  it("--cronbar-defaults leaves out cron's overlap, catch-up and timeout; the preview shows which are carried", async () => {
    const { run } = setUp();
    const cron = await run(['--dry-run', '--json']);
    const defaults = await run(['--dry-run', '--json', '--cronbar-defaults']);
    type Preview = { yaml: string; jobs: Array<{ policies: Record<string, unknown> }> };
    const carried = JSON.parse(cron.stdout) as Preview;
    const taken = JSON.parse(defaults.stdout) as Preview;
    expect(carried.yaml).toContain('    overlap: parallel\n    catchUp: skip\n    timeout: 0s\n');
    expect(carried.jobs[0]!.policies).toEqual({
      overlap: 'parallel',
      catchUp: 'skip',
      timeoutMs: 0,
      fromSource: ['overlap', 'catchUp', 'timeout'],
    });
    expect(taken.yaml).not.toMatch(/overlap|catchUp|timeout/);
    // Cronbar's defaults: no overlap, catch up once, a one-hour timeout.
    expect(taken.jobs[0]!.policies).toEqual({ overlap: 'skip', catchUp: 'once', timeoutMs: 3_600_000, fromSource: [] });
  });

  it('prints the systemd commands that stop the timers; --disable-source is for crontabs only', async () => {
    const { home, run } = setUp();
    const units = path.join(home, 'units');
    fs.mkdirSync(units);
    fs.writeFileSync(path.join(units, 'report.timer'), '[Timer]\nOnCalendar=daily\nPersistent=true\n');
    fs.writeFileSync(path.join(units, 'report.service'), '[Service]\nExecStart=/usr/bin/report\n');
    const result = await cronbar(['import', 'systemd', units], { home });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('To stop it:\n  systemctl --user disable --now report.timer\n');
    const refused = await cronbar(['import', 'systemd', units, '--disable-source'], { home });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--disable-source comments out lines of your crontab');
    // A FILE that is not the user's crontab: lines the table does not hold are named and left alone.
    const other = path.join(home, 'other-crontab');
    fs.writeFileSync(other, '5 5 * * * /opt/elsewhere\n');
    const elsewhere = await run([other, '--disable-source']);
    expect(elsewhere.code, elsewhere.stderr).toBe(0);
    expect(elsewhere.stdout).toContain('not in your crontab, left alone (1):\n  5 5 * * * /opt/elsewhere\n');
  });
});
