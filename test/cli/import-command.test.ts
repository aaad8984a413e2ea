/** `cronbar import` as a user runs it: the real CLI, a temp CRONBAR_HOME, files on disk. */
import fs from 'node:fs';
import path from 'node:path';
import { buildBinary } from 'plist';
import { afterEach, describe, expect, it } from 'vitest';
import { rawRequest } from '../core/http/api-harness';
import { Daemon, cronbar, tempHome } from './cli-helpers';

const daemons: Daemon[] = [];
afterEach(async () => {
  for (const daemon of daemons.splice(0)) await daemon.stop('SIGKILL');
});

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
    // @reboot comes in as on: start, with a note that it runs when the scheduler starts, not only at boot.
    expect(result.stdout).toMatch(/ {2}- id: on-boot\n(?: {4}.*\n)* {4}on: start\n/);
    expect(result.stderr).toContain(`${crontab}:3: @reboot imported as on: start`);
    expect(fs.readFileSync(config, 'utf8')).toBe(before);
  });

  it('appends the jobs, prefixed, keeping the file as it was above them; the scheduler sees them', async () => {
    const { home, config, before, crontab } = setUp();
    const result = await cronbar(['import', 'crontab', crontab, '--prefix', 'old'], { home });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('added 3 jobs');
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
    fs.writeFileSync(only, '0 6 L * * /usr/local/bin/month-end\n');
    const result = await cronbar(['import', 'crontab', only], { home });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${only}:1: not imported: day of month "L"`);
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
    expect(result.stderr).toMatch(/com\.me\.sync\.plist \(as XML\):\d+: RunAtLoad imported as on: start/);
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

  it('the daemon previews a 30 000-line crontab over the API while its every-second job keeps firing on time', async () => {
    const home = tempHome();
    fs.writeFileSync(path.join(home, 'jobs.yaml'), 'jobs:\n  - id: tick\n    every: 1s\n    command: "true"\n');
    const daemon = new Daemon(home, ['--listen', '127.0.0.1:0']);
    daemons.push(daemon);
    const port = Number((await daemon.waitFor(/api: listening on http:\/\/127\.0\.0\.1:(\d+)/, 15_000))[1]);
    const token = (await cronbar(['api', 'token'], { home })).stdout.trim();
    const call = async (method: string, body: unknown) => {
      const response = await rawRequest(port, {
        method: 'POST',
        path: `/api/v1/${method}`,
        token,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return response.json() as { ok: boolean; value: never };
    };
    await daemon.waitFor(/run \d+ tick succeeded/);

    const lines = Array.from({ length: 30_000 }, (_, n) => `${n % 60} * * * * echo ${n}`);
    // Only what the daemon logs from here on: its own start on a loaded machine may stall a timer before the preview.
    const logBefore = daemon.log.length;
    const started = Date.now();
    const preview = await call('previewImport', { format: 'crontab', files: [{ name: 'c', text: lines.join('\n') }] });
    const ended = Date.now();
    expect(preview.ok).toBe(true);
    expect((preview.value as { jobs: unknown[] }).jobs).toHaveLength(30_000);

    const history = await call('history', { jobId: 'tick', since: started, limit: 1000 });
    const runs = (history.value as { runs: Array<{ scheduledFor: number; createdAt: number }> }).runs.filter(
      (run) => run.scheduledFor >= started && run.scheduledFor <= ended - 1000,
    );
    // Planned on the scheduler's thread, the preview stopped every fire for its whole length (20 s on a loaded
    // machine, then "a timer fired 20 s late"); on the worker each second's fire comes, within the usual slack.
    expect(runs.length).toBeGreaterThanOrEqual(Math.floor((ended - started) / 1000) - 2);
    const lateness = runs.map((run) => run.createdAt - run.scheduledFor);
    const seen = `fires late by ${JSON.stringify(lateness)} ms during a ${ended - started} ms preview; daemon log:\n${daemon.log}`;
    expect(runs.length, seen).toBeGreaterThanOrEqual(Math.floor((ended - started) / 1000) - 2);
    expect(Math.max(...lateness), seen).toBeLessThan(1500);
    expect(daemon.log.slice(logBefore)).not.toMatch(/timer fired \d+ s late/);
  }, 60_000);
});
