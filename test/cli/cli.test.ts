import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isPidAlive, isProcessGroupAlive, killProcessGroup } from '../../electron/core/runner/process-group';
import type { RunRecord } from '../../shared/model';
import { BIN, Daemon, LiveCli, cronbar, tempHome } from './cli-helpers';

const daemons: LiveCli[] = [];
/** Job process groups a test started: killed afterwards whatever happened. */
const groups: number[] = [];
afterEach(async () => {
  for (const daemon of daemons.splice(0)) await daemon.stop('SIGKILL');
  for (const group of groups.splice(0)) killProcessGroup(group, 'SIGKILL');
});

/** A `cronbar` process left running, killed after the test; CRONBAR_HOME points elsewhere so --data-dir must work. */
function live(args: string[]): LiveCli {
  const cli = new LiveCli(args, { home: tempHome() });
  daemons.push(cli);
  return cli;
}

async function historyOf(dataDir: string, jobId: string): Promise<RunRecord[]> {
  const result = await cronbar(['history', jobId, '--json', '--data-dir', dataDir], { home: dataDir });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as RunRecord[];
}

async function until(condition: () => boolean, timeoutMs: number, failure: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(failure);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function writeJobs(home: string, yaml: string): string {
  const file = path.join(home, 'jobs.yaml');
  fs.writeFileSync(file, yaml);
  return file;
}

describe('cronbar CLI', () => {
  it('prints usage and exits 2 on a usage error', async () => {
    const home = tempHome();
    const noCommand = await cronbar([], { home });
    expect(noCommand.code).toBe(2);
    expect(noCommand.stderr).toMatch(/no command given[\s\S]*Usage: cronbar/);
    // A typo gets one line and a hint, not the whole help.
    const unknown = await cronbar(['frobnicate'], { home });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    const badCount = await cronbar(['next', 'x', '--count', 'many'], { home });
    expect(badCount.code).toBe(2);
    expect(badCount.stderr).toContain('--count takes a whole number');
  });

  it('creates the commented default jobs file on first start and lists its two built-in jobs', async () => {
    const home = tempHome();
    const result = await cronbar(['list', '--json'], { home });
    expect(result.code).toBe(0);
    const jobs = JSON.parse(result.stdout) as Array<{
      id: string;
      actionKind: string;
      enabled: boolean;
      nextFireAt: number | null;
    }>;
    expect(jobs.map((job) => job.actionKind)).toEqual(['builtin', 'builtin']);
    expect(jobs.every((job) => job.enabled && job.nextFireAt !== null && job.nextFireAt > Date.now())).toBe(true);
    const text = fs.readFileSync(path.join(home, 'jobs.yaml'), 'utf8');
    expect(text).toMatch(/^#/m);
    expect(text).toContain('backup-database');
    expect(text).toContain('prune-history');
  });

  it('validate accepts a good file and reports every problem of a broken one as file:line:col, exit 1', async () => {
    const home = tempHome();
    writeJobs(home, 'jobs:\n  - id: ok\n    every: 15m\n    command: "true"\n');
    const good = await cronbar(['validate'], { home });
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('OK, 1 job');

    const file = writeJobs(
      home,
      'jobs:\n  - id: a\n    cron: "0 25 * * *"\n    command: "true"\n  - id: b\n    every: 15m\n    comand: "true"\n',
    );
    const before = fs.readFileSync(file, 'utf8');
    const bad = await cronbar(['validate'], { home });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/jobs\.yaml:3:11 jobs\[0\]\.cron: "0 25 \* \* \*": .*hour/);
    expect(bad.stderr).toMatch(/jobs\.yaml:7:\d+ jobs\[1\].*"comand".*did you mean "command"/);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  it("ends quietly when its reader goes away (`cronbar next … | head -1`), with the command's own exit code", async () => {
    const home = tempHome();
    writeJobs(home, 'jobs:\n  - id: nightly\n    cron: "30 2 * * *"\n    command: "true"\n');
    // 5 000 lines overflow the pipe, so writes after the reader closed it fail with EPIPE.
    const child = spawn(process.execPath, [BIN, 'next', 'nightly', '--count', '5000'], {
      env: { ...process.env, CRONBAR_HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    // Only the note that nothing schedules the job: no EPIPE noise.
    expect(stderr).toBe('cronbar: no scheduler runs these jobs (start one: cronbar daemon, or the app)\n');
    expect(code).toBe(0);
  });

  it('next lists fire times of a job; an unknown job exits 3 (not found)', async () => {
    const home = tempHome();
    writeJobs(home, 'jobs:\n  - id: nightly\n    cron: "30 2 * * *"\n    timezone: UTC\n    command: "true"\n');
    const result = await cronbar(['next', 'nightly', '--count', '3', '--json'], { home });
    expect(result.code).toBe(0);
    const { fires } = JSON.parse(result.stdout) as { fires: string[] };
    expect(fires).toHaveLength(3);
    for (const fire of fires) expect(fire).toMatch(/T02:30:00\.000Z$/);
    expect(new Date(fires[1]!).getTime() - new Date(fires[0]!).getTime()).toBe(86_400_000);
    const missing = await cronbar(['next', 'nope'], { home });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('no job with id "nope"');
  });

  it('run streams the output, records the run and exits with its status', async () => {
    const home = tempHome();
    writeJobs(
      home,
      [
        'jobs:',
        '  - id: hello',
        '    cron: "0 0 1 1 *"',
        '    command: echo "hello from $CRONBAR_JOB_ID"',
        '  - id: broken',
        '    cron: "0 0 1 1 *"',
        '    command: echo "about to fail"; exit 3',
        '',
      ].join('\n'),
    );
    const ok = await cronbar(['run', 'hello'], { home });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('hello from hello');
    expect(ok.stderr).toMatch(/run \d+ hello succeeded \(exit 0\)/);

    const failed = await cronbar(['run', 'broken'], { home });
    // The job's own exit code, as a shell would give it.
    expect(failed.code).toBe(3);
    expect(failed.stdout).toContain('about to fail');
    expect(failed.stderr).toMatch(/broken failed \(exit 3\)/);

    const history = await cronbar(['history', '--json'], { home });
    const runs = JSON.parse(history.stdout) as Array<{
      jobId: string;
      status: string;
      exitCode: number;
      trigger: string;
    }>;
    expect(runs.map((run) => [run.jobId, run.status, run.exitCode, run.trigger])).toEqual([
      ['broken', 'failed', 3, 'manual'],
      ['hello', 'succeeded', 0, 'manual'],
    ]);
    const table = await cronbar(['history', 'broken'], { home });
    expect(table.stdout).toMatch(/broken\s+manual\s+failed/);
  });

  it('history still shows the runs of a job removed from the file; an id never seen exits 3 (not found)', async () => {
    const home = tempHome();
    writeJobs(home, 'jobs:\n  - id: old\n    cron: "0 0 1 1 *"\n    command: echo bye\n');
    expect((await cronbar(['run', 'old'], { home })).code).toBe(0);
    writeJobs(home, 'jobs:\n  - id: new\n    cron: "0 0 1 1 *"\n    command: echo hi\n');
    const removed = await cronbar(['history', 'old'], { home });
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toMatch(/old\s+manual\s+succeeded/);
    expect(removed.stderr).toContain('old is no longer in the jobs file');
    const never = await cronbar(['history', 'never'], { home });
    expect(never.code).toBe(3);
    expect(never.stderr).toContain('no job with id "never"');
  });

  it('daemon runs jobs on schedule, refuses a second scheduler, and stops cleanly on SIGTERM', async () => {
    const home = tempHome();
    writeJobs(home, 'jobs:\n  - id: tick\n    every: 1s\n    command: echo tick\n');
    const daemon = new Daemon(home);
    daemons.push(daemon);
    await daemon.waitFor(/run \d+ tick succeeded/);

    const second = await cronbar(['daemon'], { home });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(new RegExp(`pid ${daemon.child.pid}`));

    // Read-only commands keep working beside the daemon.
    const history = await cronbar(['history', 'tick', '--json'], { home });
    expect(history.code).toBe(0);
    expect((JSON.parse(history.stdout) as unknown[]).length).toBeGreaterThan(0);

    expect(await daemon.stop('SIGTERM')).toBe(0);
    expect(daemon.log).toMatch(/SIGTERM: stopping/);
  });

  it('a second SIGTERM stops the running jobs now instead of waiting out the grace', async () => {
    const dataDir = tempHome();
    writeJobs(dataDir, 'jobs:\n  - id: slow\n    every: 1s\n    command: sleep 30\n');
    const daemon = live(['daemon', '--grace', '1m', '--data-dir', dataDir]);
    const runId = Number((await daemon.waitFor(/run (\d+) slow started/))[1]);
    daemon.child.kill('SIGTERM');
    await daemon.waitFor(/running jobs get 60 s to finish/);
    daemon.child.kill('SIGTERM');
    const exit = await Promise.race([
      daemon.exited,
      new Promise((resolve) => setTimeout(() => resolve('still running 10 s after the second SIGTERM'), 10_000)),
    ]);
    expect(exit, daemon.log).toEqual({ code: 0, signal: null });
    expect((await historyOf(dataDir, 'slow')).find((row) => row.id === runId)?.status).toBe('interrupted');
  });

  it('a broken hot edit is rejected with its place while the last good jobs keep running', async () => {
    const home = tempHome();
    const file = writeJobs(home, 'jobs:\n  - id: tick\n    every: 1s\n    command: echo tick\n');
    const daemon = new Daemon(home);
    daemons.push(daemon);
    await daemon.waitFor(/run \d+ tick succeeded/);
    fs.writeFileSync(file, 'jobs:\n  - id: tick\n    every: 1s\n    command: echo tick\n    timeout: soon\n');
    await daemon.waitFor(/jobs\.yaml:5:\d+ jobs\[0\]\.timeout/);
    const runsBefore = (daemon.log.match(/tick succeeded/g) ?? []).length;
    await daemon.waitFor(new RegExp(`(?:[\\s\\S]*tick succeeded){${runsBefore + 2}}`));
    fs.writeFileSync(file, 'jobs:\n  - id: tock\n    every: 1s\n    command: echo tock\n');
    await daemon.waitFor(/run \d+ tock succeeded/);
  });

  it('after a `cronbar run` is killed mid-job, the next daemon start marks the run interrupted and kills the orphaned job', async () => {
    const dataDir = tempHome();
    writeJobs(
      dataDir,
      'jobs:\n  - id: slow\n    cron: "0 0 1 1 *"\n    command: sleep 300 & echo "sleeper $!"; wait\n',
    );
    const run = live(['run', 'slow', '--data-dir', dataDir]);
    // The output reaches us only after the run's row holds its process group: the crash comes after that write.
    const sleeperPid = Number((await run.waitFor(/sleeper (\d+)/))[1]);
    const before = await historyOf(dataDir, 'slow');
    expect(
      before.map((row) => row.status),
      'the run before the crash',
    ).toEqual(['running']);
    const jobGroup = before[0]!.pid!;
    groups.push(jobGroup);

    await run.stop('SIGKILL');
    expect(isPidAlive(sleeperPid), 'the job outlives the killed `cronbar run`').toBe(true);

    const daemon = live(['daemon', '--data-dir', dataDir]);
    await daemon.waitFor(/scheduling/);
    expect(daemon.log).toContain(`killed process group ${jobGroup} left running by run ${before[0]!.id}`);
    const after = await historyOf(dataDir, 'slow');
    expect(
      after.map((row) => [row.status, row.reason]),
      'history after the restart',
    ).toEqual([['interrupted', 'Cronbar stopped while this ran']]);
    expect(after[0]!.finishedAt).not.toBeNull();
    // SIGKILL is delivered asynchronously; zombies waiting for their reaper count as gone.
    await until(
      () => !isProcessGroupAlive(jobGroup),
      5_000,
      `process group ${jobGroup} (sleep ${sleeperPid}) still alive after the daemon start`,
    );
    expect(await daemon.stop('SIGTERM')).toBe(0);
  });

  it('where no daemon ever starts, the next `cronbar run` cleans up after one that was killed mid-job', async () => {
    const dataDir = tempHome();
    writeJobs(
      dataDir,
      'jobs:\n  - id: slow\n    cron: "0 0 1 1 *"\n    command: sleep 300 & echo "sleeper $!"; wait\n  - id: quick\n    cron: "0 0 1 1 *"\n    command: echo quick\n',
    );
    const killed = live(['run', 'slow', '--data-dir', dataDir]);
    await killed.waitFor(/sleeper \d+/);
    const [crashed] = await historyOf(dataDir, 'slow');
    groups.push(crashed!.pid!);
    await killed.stop('SIGKILL');
    expect(isProcessGroupAlive(crashed!.pid!), 'the orphaned job before the next run').toBe(true);

    const next = await cronbar(['run', 'quick', '--data-dir', dataDir], { home: dataDir });
    expect(next.code, next.stderr).toBe(0);
    expect((await historyOf(dataDir, 'slow')).map((row) => [row.id, row.status, row.reason])).toEqual([
      [crashed!.id, 'interrupted', 'Cronbar stopped while this ran'],
    ]);
    await until(
      () => !isProcessGroupAlive(crashed!.pid!),
      5_000,
      `process group ${crashed!.pid} still alive after the next cronbar run`,
    );
  });

  it('a daemon starting beside a live `cronbar run` leaves that run alone, and it ends succeeded', async () => {
    const dataDir = tempHome();
    const go = path.join(dataDir, 'go');
    writeJobs(
      dataDir,
      `jobs:\n  - id: beside\n    cron: "0 0 1 1 *"\n    command: echo "waiting in $$"; while [ ! -e ${go} ]; do sleep 0.05; done; echo finished\n`,
    );
    const run = live(['run', 'beside', '--data-dir', dataDir]);
    const jobGroup = Number((await run.waitFor(/waiting in (\d+)/))[1]);
    groups.push(jobGroup);

    const daemon = live(['daemon', '--data-dir', dataDir]);
    await daemon.waitFor(/scheduling/);
    expect(daemon.log).not.toContain('killed process group');
    expect(daemon.log).toMatch(new RegExp(`left run \\d+ \\(beside\\) running: process ${run.pid} is running it`));
    expect(
      (await historyOf(dataDir, 'beside')).map((row) => row.status),
      'the run once the daemon has started',
    ).toEqual(['running']);
    expect(isProcessGroupAlive(jobGroup), 'the job once the daemon has started').toBe(true);

    fs.writeFileSync(go, '');
    const exit = await Promise.race([
      run.exited,
      new Promise((resolve) => setTimeout(() => resolve('still running after 10 s'), 10_000)),
    ]);
    expect(exit, run.log).toEqual({ code: 0, signal: null });
    expect(run.log).toContain('finished');
    expect((await historyOf(dataDir, 'beside')).map((row) => row.status)).toEqual(['succeeded']);
    expect(await daemon.stop('SIGTERM')).toBe(0);
  });

  it('a daemon does not start a second copy of a job that a `cronbar run` beside it asked it to run', async () => {
    const dataDir = tempHome();
    // The daemon's runs end at once; the run by hand (no scheduled time) lasts 3 s, across three of the daemon's fires.
    // `cronbar run` beside a daemon hands the run to it (run-through-scheduler.ts), so its own overlap check applies.
    writeJobs(
      dataDir,
      `jobs:\n  - id: tick\n    every: 1s\n    command: 'if [ -z "$CRONBAR_SCHEDULED_AT" ]; then sleep 3; fi; echo done'\n`,
    );
    const daemon = live(['daemon', '--data-dir', dataDir]);
    await daemon.waitFor(/run \d+ tick succeeded/);
    // `cronbar run` itself refuses while the daemon's run is live: in the rare case it hits one, it is tried again.
    let run = live(['run', 'tick', '--data-dir', dataDir]);
    for (let attempt = 1; attempt < 5; attempt++) {
      if ((await run.exited).code === 0 || !run.log.includes('already running')) break;
      run = live(['run', 'tick', '--data-dir', dataDir]);
    }
    expect((await run.exited).code, run.log).toBe(0);

    const result = await cronbar(['history', 'tick', '--limit', '200', '--json', '--data-dir', dataDir], {
      home: dataDir,
    });
    const history = JSON.parse(result.stdout) as RunRecord[];
    const byHand = history.find((row) => row.trigger === 'manual')!;
    expect(byHand.status).toBe('succeeded');
    const overlapping = history.filter(
      (row) =>
        row.trigger === 'schedule' &&
        row.startedAt !== null &&
        row.startedAt < byHand.finishedAt! &&
        (row.finishedAt ?? Infinity) > byHand.startedAt!,
    );
    expect(overlapping, 'scheduled runs overlapping the run by hand').toEqual([]);
    const skipped = history.filter(
      (row) => row.status === 'skipped' && row.reason === `overlap: still running (run ${byHand.id})`,
    );
    expect(run.log).toContain(`started by the daemon (pid ${daemon.pid}), in its environment`);
    expect(skipped.length, JSON.stringify(history, null, 1)).toBeGreaterThanOrEqual(2);
    expect(await daemon.stop('SIGTERM')).toBe(0);
  });
});
