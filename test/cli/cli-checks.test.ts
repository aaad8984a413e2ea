/** `cronbar ping`, `cronbar exec` and `cronbar list` with checks and an overdue job, spawned as a user would. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckView, JobView } from '../../shared/model';
import { Daemon, cronbar, tempHome } from './cli-helpers';

const daemons: Daemon[] = [];
afterEach(async () => {
  for (const daemon of daemons.splice(0)) await daemon.stop('SIGKILL');
});

const JOBS = `jobs:
  - id: backup
    cron: "0 0 1 1 *"
    command: "exit 1"
    expect: { succeededWithin: 1s }
checks:
  - id: nas-backup
    name: NAS backup
    every: 1d
    grace: 2h
  - id: ci-nightly
    cron: "30 3 * * *"
    timezone: Europe/Berlin
`;

function home(): string {
  const dir = tempHome();
  fs.writeFileSync(path.join(dir, 'jobs.yaml'), JOBS);
  return dir;
}

type Listed = Array<JobView | CheckView>;

describe('cronbar ping, exec and list with checks', () => {
  it('ping records success, start, fail and exit codes; list shows each check’s state and marks them as running elsewhere', async () => {
    const dir = home();
    const ok = await cronbar(['ping', 'nas-backup', '--message', 'all good'], { home: dir });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^nas-backup: success recorded; up; next ping expected by \d{4}-\d\d-\d\d/);
    const failed = await cronbar(['ping', 'ci-nightly', '--exit', '3'], { home: dir });
    expect(failed.stdout).toMatch(/^ci-nightly: exit 3 recorded; down \(failed \(exit 3\) at /);

    const listed = await cronbar(['list'], { home: dir });
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/Checks \(these jobs run elsewhere and ping Cronbar\):/);
    expect(listed.stdout).toMatch(/^nas-backup\s+UP\s.*success (?:\d+ s ago|now)/m);
    expect(listed.stdout).toMatch(/^ci-nightly\s+DOWN: failed \(exit 3\).*exit 3 (?:\d+ s ago|now)/m);

    const json = JSON.parse((await cronbar(['list', '--json'], { home: dir })).stdout) as Listed;
    const checks = json.filter((entry): entry is CheckView => 'runsElsewhere' in entry);
    expect(checks.map((check) => [check.id, check.state, check.lastPing?.message ?? null])).toEqual([
      ['nas-backup', 'up', 'all good'],
      ['ci-nightly', 'down', null],
    ]);
  });

  it('ping refuses an unknown check with a did-you-mean, and two kinds at once as a usage error', async () => {
    const dir = home();
    const unknown = await cronbar(['ping', 'nas-bakup'], { home: dir });
    // Exit 3: not found, as for every command (docs/cli.md, Exit codes).
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toMatch(/no check with id "nas-bakup"; did you mean "nas-backup"\?/);
    const both = await cronbar(['ping', 'nas-backup', '--start', '--fail'], { home: dir });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/give one of --start, --fail, --exit; got --start and --fail/);
    const badExit = await cronbar(['ping', 'nas-backup', '--exit', '256'], { home: dir });
    expect(badExit.code).toBe(2);
  });

  it('exec sends start, streams the command’s output, sends fail with its exit code, and exits with it', async () => {
    const dir = home();
    const result = await cronbar(['exec', 'nas-backup', '--', 'sh', '-c', 'echo copying; exit 4'], { home: dir });
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('copying\n');
    const json = JSON.parse((await cronbar(['list', '--json'], { home: dir })).stdout) as Listed;
    const check = json.find((entry): entry is CheckView => entry.id === 'nas-backup')!;
    expect(check).toMatchObject({ state: 'down', lastPing: { kind: 'fail', exitCode: 4, outputBytes: 8 } });
    expect(check.lastPing?.message).toMatch(/^exit 4 after \d/);

    const good = await cronbar(['exec', 'nas-backup', '--', 'echo done'], { home: dir });
    expect(good.code).toBe(0);
    const after = JSON.parse((await cronbar(['list', '--json'], { home: dir })).stdout) as Listed;
    expect(after.find((entry): entry is CheckView => entry.id === 'nas-backup')).toMatchObject({
      state: 'up',
      lastPing: { kind: 'success', exitCode: 0 },
    });
  });

  it('exec hands a piped stdin to the command, as the command alone would read it', async () => {
    const dir = home();
    const piped = await cronbar(['exec', 'nas-backup', '--', 'sh', '-c', 'wc -l; cat'], {
      home: dir,
      input: 'one\ntwo\n',
    });
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.stdout.trim().split('\n')[0]!.trim()).toBe('2');
    // Without a pipe (stdin is /dev/null here) the command reads nothing and ends.
    const none = await cronbar(['exec', 'nas-backup', '--', 'sh', '-c', 'wc -c'], { home: dir });
    expect(none.stdout.trim()).toBe('0');
  });

  it('exec still runs the command when its check is unknown (a monitor must not stop the job), and says the ping was lost', async () => {
    const dir = home();
    const result = await cronbar(['exec', 'nas-bakup', '--', 'sh', '-c', 'echo still ran; exit 0'], { home: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('still ran\n');
    expect(result.stderr).toMatch(
      /^cronbar: ping for nas-bakup not recorded: no check with id "nas-bakup"; did you mean "nas-backup"\?$/m,
    );
  });

  it('ping still works while the jobs file is broken, from the last good file the scheduler kept', async () => {
    const dir = home();
    const daemon = new Daemon(dir);
    daemons.push(daemon);
    await daemon.waitFor(/scheduling \d+ jobs/);
    expect(await daemon.stop('SIGTERM')).toBe(0);
    fs.writeFileSync(path.join(dir, 'jobs.yaml'), `${JOBS}  - id: [broken\n`);
    const result = await cronbar(['ping', 'nas-backup'], { home: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^nas-backup: success recorded; up/);
  });

  it('list names an overdue job and why', async () => {
    const dir = home();
    await cronbar(['run', 'backup'], { home: dir });
    // The expectation counts from the first time it was seen (the run above); 1s later it is overdue.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const listed = await cronbar(['list'], { home: dir });
    // Wrapped to the terminal's width: read it as one line.
    expect(listed.stdout.replace(/\n {2}/g, ' ')).toMatch(
      /^OVERDUE backup: no success yet \(expected within 1s\); since then: 1 failed; last success never$/m,
    );
  });

  it('a running daemon hears about a ping from `cronbar ping` within a moment, without polling', async () => {
    const dir = home();
    const daemon = new Daemon(dir);
    daemons.push(daemon);
    await daemon.waitFor(/scheduling \d+ jobs/);
    const started = Date.now();
    await cronbar(['ping', 'nas-backup', '--fail'], { home: dir });
    await daemon.waitFor(/check nas-backup new -> down: failed \(fail ping\)/, 5_000);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
