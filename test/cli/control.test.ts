/**
 * pause, resume, enable, disable, cancel, logs and status, spawned as a user would, with a daemon running beside
 * them and without one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { killProcessGroup } from '../../electron/core/runner/process-group';
import type { JobView, RunRecord } from '../../shared/model';
import { Daemon, LiveCli, cronbar, tempHome } from './cli-helpers';

const processes: LiveCli[] = [];
const groups: number[] = [];
afterEach(async () => {
  for (const cli of processes.splice(0)) await cli.stop('SIGKILL');
  for (const group of groups.splice(0)) killProcessGroup(group, 'SIGKILL');
});

function track<T extends LiveCli>(cli: T): T {
  processes.push(cli);
  return cli;
}

function writeJobs(home: string, yaml: string): string {
  const file = path.join(home, 'jobs.yaml');
  fs.writeFileSync(file, yaml);
  return file;
}

async function json<T>(home: string, args: string[]): Promise<T> {
  const result = await cronbar([...args, '--json'], { home });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as T;
}

const jobOf = async (home: string, id: string) => (await json<JobView[]>(home, ['list'])).find((job) => job.id === id)!;

describe('pause and resume', () => {
  it('without a scheduler: stored for the next start, which starts paused and records the skipped fires', async () => {
    const home = tempHome();
    writeJobs(home, 'jobs:\n  - id: tick\n    every: 1s\n    command: echo tick\n');
    const paused = await cronbar(['pause', 'tick', '--for', '2h'], { home });
    expect(paused.code, paused.stderr).toBe(0);
    expect(paused.stdout).toMatch(
      /^paused tick until .*; no scheduler is running; takes effect when the scheduler starts/,
    );
    const job = await jobOf(home, 'tick');
    expect(job.paused).toBe(true);
    expect(job.pausedUntil! - Date.now()).toBeGreaterThan(7_100_000);

    const daemon = track(new Daemon(home));
    await daemon.waitFor(/scheduling 1 jobs/);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(daemon.log).not.toMatch(/tick started/);

    const resumed = await cronbar(['resume', 'tick'], { home });
    expect(resumed.stdout).toBe(`resumed tick; the running daemon (pid ${daemon.pid}) applied it\n`);
    await daemon.waitFor(/run \d+ tick started/, 3000);
    const history = await json<RunRecord[]>(home, ['history', 'tick', '--limit', '100']);
    expect(history.some((run) => run.status === 'skipped' && run.reason === 'paused')).toBe(true);
  });

  it('with a daemon: pause --all takes effect within a second, status shows it, resume --all ends it', async () => {
    const home = tempHome();
    writeJobs(home, 'jobs:\n  - id: tick\n    every: 1s\n    command: echo tick\n');
    const daemon = track(new Daemon(home));
    await daemon.waitFor(/run \d+ tick succeeded/);
    const result = await json<{ paused: string; applied: string; by: { pid: number; kind: string } }>(home, [
      'pause',
      '--all',
    ]);
    expect(result).toEqual({
      paused: 'all',
      until: null,
      applied: 'scheduler',
      by: { pid: daemon.pid, kind: 'daemon' },
    });
    // Applied before the reply came back: give a fire already under way a moment, then nothing more may start.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const startsThen = (daemon.log.match(/tick started/g) ?? []).length;
    const status = await json<{ pausedAll: boolean; scheduler: { running: boolean; pid: number } }>(home, ['status']);
    expect(status.pausedAll).toBe(true);
    expect(status.scheduler).toMatchObject({ running: true, pid: daemon.pid });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((daemon.log.match(/tick started/g) ?? []).length).toBe(startsThen);

    const resumed = await cronbar(['resume', '--all'], { home });
    expect(resumed.stdout).toContain(`the running daemon (pid ${daemon.pid}) applied it`);
    await daemon.waitFor(new RegExp(`(?:[\\s\\S]*tick started){${startsThen + 1}}`), 3000);
  });

  it('refuses an unknown job (exit 3), a job with --all and a past --until (exit 2)', async () => {
    const home = tempHome();
    writeJobs(home, 'jobs:\n  - id: tick\n    every: 1h\n    command: echo tick\n');
    expect((await cronbar(['pause', 'nope'], { home })).code).toBe(3);
    expect((await cronbar(['resume', 'nope'], { home })).code).toBe(3);
    const both = await cronbar(['pause', 'tick', '--all'], { home });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('not both');
    const past = await cronbar(['pause', 'tick', '--until', '2020-01-01T00:00'], { home });
    expect(past.code).toBe(2);
    expect(past.stderr).toContain('not in the future');
    expect((await jobOf(home, 'tick')).paused).toBe(false);
  });
});

describe('enable and disable', () => {
  it('write the jobs file keeping its comments; a running daemon reloads it', async () => {
    const home = tempHome();
    const file = writeJobs(
      home,
      '# my jobs\njobs:\n  - id: tick # every second\n    every: 1s\n    command: echo tick\n',
    );
    const offline = await cronbar(['disable', 'tick'], { home });
    expect(offline.stdout).toMatch(/^disabled tick; written to .*jobs\.yaml; takes effect when the scheduler starts/);
    expect(fs.readFileSync(file, 'utf8')).toBe(
      '# my jobs\njobs:\n  - id: tick # every second\n    enabled: false\n    every: 1s\n    command: echo tick\n',
    );

    const daemon = track(new Daemon(home));
    await daemon.waitFor(/scheduling 1 jobs/);
    const enabled = await cronbar(['enable', 'tick'], { home });
    expect(enabled.stdout).toContain(`enabled tick; the running daemon (pid ${daemon.pid}) reloads`);
    expect(fs.readFileSync(file, 'utf8')).toContain('# every second\n    enabled: true\n');
    await daemon.waitFor(/run \d+ tick succeeded/, 5000);
    expect((await cronbar(['enable', 'nope'], { home })).code).toBe(3);
  });
});

describe('cancel', () => {
  it('stops a run that a `cronbar run` executes: that process records it interrupted and exits 143 (SIGTERM)', async () => {
    const home = tempHome();
    writeJobs(home, 'jobs:\n  - id: slow\n    cron: "0 0 1 1 *"\n    command: echo "sleeping in $$"; sleep 60\n');
    const run = track(new LiveCli(['run', 'slow'], { home }));
    groups.push(Number((await run.waitFor(/sleeping in (\d+)/))[1]));
    const [live] = await json<RunRecord[]>(home, ['history', 'slow']);
    const cancel = await cronbar(['cancel', String(live!.id)], { home });
    expect(cancel.code, cancel.stderr).toBe(0);
    expect(cancel.stdout).toBe(
      `cancelling run ${live!.id} (slow); the cronbar run running it (pid ${run.pid}) is stopping it\n`,
    );
    // The job ended by SIGTERM: 128 + 15, as a shell reports it.
    expect((await run.exited).code).toBe(143);
    const [after] = await json<RunRecord[]>(home, ['history', 'slow']);
    expect([after!.status, after!.reason]).toEqual(['interrupted', 'cancelled by the user']);

    const again = await cronbar(['cancel', String(live!.id)], { home });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('is not running: it ended interrupted');
    expect((await cronbar(['cancel', '999999'], { home })).code).toBe(3);
    expect((await cronbar(['cancel', 'abc'], { home })).code).toBe(2);
  });

  it("stops a daemon's run through the daemon, which records it interrupted", async () => {
    const home = tempHome();
    writeJobs(
      home,
      'jobs:\n  - id: slow\n    every: 1h\n    command: sleep 60\n  - id: starter\n    every: 1s\n    command: "true"\n',
    );
    // The daemon's first fire of an `every: 1h` job is an hour away: start one through a job edit instead of waiting.
    const daemon = track(new Daemon(home));
    await daemon.waitFor(/scheduling 2 jobs/);
    writeJobs(home, 'jobs:\n  - id: slow\n    every: 1s\n    command: sleep 60\n');
    const runId = Number((await daemon.waitFor(/run (\d+) slow started/, 5000))[1]);
    const cancel = await cronbar(['cancel', String(runId), '--json'], { home });
    expect(cancel.code, cancel.stderr).toBe(0);
    expect(JSON.parse(cancel.stdout)).toMatchObject({
      runId,
      cancelled: true,
      applied: 'owner',
      by: { pid: daemon.pid, kind: 'daemon' },
    });
    await daemon.waitFor(new RegExp(`run ${runId} slow interrupted.*cancelled by the user`), 5000);
  });

  it("a daemon's second SIGTERM stops its own runs only, not a `cronbar run` beside it", async () => {
    const home = tempHome();
    const go = path.join(home, 'go');
    const beside = `  - id: beside\n    cron: "0 0 1 1 *"\n    command: 'echo waiting; while [ ! -e ${go} ]; do sleep 0.05; done; echo finished'\n`;
    writeJobs(home, `jobs:\n${beside}`);
    const run = track(new LiveCli(['run', 'beside'], { home }));
    await run.waitFor(/waiting/);
    // Then a daemon with a run of its own.
    writeJobs(home, `jobs:\n  - id: mine\n    every: 1s\n    command: sleep 60\n${beside}`);
    const daemon = track(new Daemon(home, ['--grace', '1m']));
    const mine = Number((await daemon.waitFor(/run (\d+) mine started/))[1]);
    daemon.child.kill('SIGTERM');
    await daemon.waitFor(/running jobs get 60 s/);
    daemon.child.kill('SIGTERM');
    expect((await daemon.exited).code, daemon.log).toBe(0);
    expect(daemon.log).toMatch(new RegExp(`run ${mine} mine interrupted`));
    fs.writeFileSync(go, '');
    expect((await run.exited).code, `${run.log}\n---\n${daemon.log}`).toBe(0);
    expect(run.log).toContain('finished');
  });
});
