/** `cronbar import` as a user runs it: the real CLI, a temp CRONBAR_HOME, files on disk. */
import fs from 'node:fs';
import path from 'node:path';
import { buildBinary } from 'plist';
import { describe, expect, it } from 'vitest';
import { cronbar, tempHome } from './cli-helpers';

const CRONTAB =
  '# Nightly backup\n0 2 * * * /usr/local/bin/backup.sh --full\n@reboot /usr/local/bin/on-boot\n0 0 1,15 * 5 echo payday\n';

function setUp() {
  const home = tempHome();
  const config = path.join(home, 'jobs.yaml');
  const before = '# mine\njobs:\n  - id: keep # a comment\n    every: 1h\n    command: "true"\n';
  fs.writeFileSync(config, before);
  const crontab = path.join(home, 'crontab.txt');
  fs.writeFileSync(crontab, CRONTAB);
  return { home, config, before, crontab };
}

describe('cronbar import', () => {
  it('--dry-run prints the jobs as YAML and every loss with file:line, and changes nothing', async () => {
    const { home, config, before, crontab } = setUp();
    const result = await cronbar(['import', 'crontab', crontab, '--dry-run'], { home });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('jobs:\n  - id: backup\n    description: Nightly backup\n    cron: "0 2 * * *"');
    expect(result.stdout).toContain('  - id: echo-payday\n');
    expect(result.stderr).toContain(`${crontab}:3: @reboot runs once at boot`);
    expect(fs.readFileSync(config, 'utf8')).toBe(before);
  });

  it('appends the jobs, prefixed, keeping the file as it was above them; the scheduler sees them', async () => {
    const { home, config, before, crontab } = setUp();
    const result = await cronbar(['import', 'crontab', crontab, '--prefix', 'old'], { home });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('added 2 jobs');
    const text = fs.readFileSync(config, 'utf8');
    expect(text.startsWith(before)).toBe(true);
    const next = await cronbar(['next', 'old-echo-payday', '--count', '3', '--json'], { home });
    expect(next.code, next.stderr).toBe(0);
    const fires = (JSON.parse(next.stdout) as { fires: string[] }).fires.map((at) => new Date(at));
    // The 1st, the 15th or a Friday (cron's OR), at midnight in the machine's zone.
    for (const at of fires) expect(at.getDate() === 1 || at.getDate() === 15 || at.getDay() === 5).toBe(true);
  });

  it('exits 1 and changes nothing when no line could be imported; reads - from stdin', async () => {
    const { home, config, before } = setUp();
    const only = path.join(home, 'reboot-only');
    fs.writeFileSync(only, '@reboot /usr/local/bin/on-boot\n');
    const result = await cronbar(['import', 'crontab', only], { home });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${only}:1: @reboot`);
    expect(result.stderr).toContain('nothing could be imported');
    expect(fs.readFileSync(config, 'utf8')).toBe(before);
  });

  it('imports a directory of systemd units, each timer with its service', async () => {
    const { home, config } = setUp();
    const units = path.join(home, 'units');
    fs.mkdirSync(units);
    fs.writeFileSync(path.join(units, 'report.timer'), '[Timer]\nOnCalendar=Mon..Fri 09:00\nPersistent=true\n');
    fs.writeFileSync(
      path.join(units, 'report.service'),
      '[Service]\nType=oneshot\nExecStart=/usr/bin/report --daily\nRuntimeMaxSec=10min\n',
    );
    const result = await cronbar(['import', 'systemd', units], { home });
    expect(result.code, result.stderr).toBe(0);
    expect(fs.readFileSync(config, 'utf8')).toContain(
      '  - id: report\n    command: [ /usr/bin/report, --daily ]\n    timeout: 10m\n    cron: "0 0 9 * * 1-5"\n    catchUp: once\n',
    );
  });

  it('imports a binary launchd plist, merging calendar entries that differ in one key', async () => {
    const { home, config } = setUp();
    const plist = path.join(home, 'com.me.sync.plist');
    fs.writeFileSync(
      plist,
      buildBinary({
        Label: 'com.me.sync',
        ProgramArguments: ['/usr/local/bin/sync', '--all'],
        StartCalendarInterval: [
          { Hour: 9, Minute: 0 },
          { Hour: 18, Minute: 0 },
        ],
        RunAtLoad: true,
      }),
    );
    const result = await cronbar(['import', 'launchd', plist], { home });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/com\.me\.sync\.plist \(as XML\):\d+: RunAtLoad: Cronbar has no start-up/);
    expect(fs.readFileSync(config, 'utf8')).toContain(
      '  - id: com.me.sync\n    name: com.me.sync\n    command: [ /usr/local/bin/sync, --all ]\n    timeout: 0s\n    cron: "0 9,18 * * *"\n',
    );
  });

  it('refuses an unknown format with its usage', async () => {
    const { home } = setUp();
    const result = await cronbar(['import', 'anacron'], { home });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cannot import "anacron": use crontab, systemd, launchd');
  });
});
