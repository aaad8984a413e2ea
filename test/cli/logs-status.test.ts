/** logs, status and run's retries, spawned as a user would, with a daemon beside them and without. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../shared/model';
import { Daemon, LiveCli, cronbar, tempHome } from './cli-helpers';

const processes: LiveCli[] = [];
afterEach(async () => {
  for (const cli of processes.splice(0)) await cli.stop('SIGKILL');
});

function writeJobs(home: string, yaml: string): void {
  fs.writeFileSync(path.join(home, 'jobs.yaml'), yaml);
}

async function json<T>(home: string, args: string[], code = 0): Promise<T> {
  const result = await cronbar([...args, '--json'], { home });
  expect(result.code, result.stderr).toBe(code);
  return JSON.parse(result.stdout) as T;
}

const RED = String.raw`printf "\033[31mred\033[0m line %s\n"`;

describe('logs', () => {
  it("prints a run's kept output by run id or by job, without the colours when piped", async () => {
    const home = tempHome();
    writeJobs(home, `jobs:\n  - id: colours\n    cron: "0 0 1 1 *"\n    command: '${RED} 1; ${RED} 2; exit 4'\n`);
    expect((await cronbar(['run', 'colours'], { home })).code).toBe(4);
    const [run] = await json<RunRecord[]>(home, ['history', 'colours']);
    const byId = await cronbar(['logs', String(run!.id)], { home });
    expect(byId.code).toBe(0);
    expect(byId.stdout).toBe('red line 1\nred line 2\n');
    expect(byId.stderr).toMatch(new RegExp(`run ${run!.id} colours \\(manual\\) failed, exit 4`));
    const byJob = await cronbar(['logs', 'colours', '--last'], { home });
    expect(byJob.stdout).toBe(byId.stdout);
    // --json keeps the bytes as they were, colours included.
    const asJson = await json<{ run: RunRecord; output: { text: string; totalBytes: number } }>(home, [
      'logs',
      'colours',
    ]);
    expect(asJson.output.text).toBe('\u001b[31mred\u001b[0m line 1\n\u001b[31mred\u001b[0m line 2\n');
    expect(asJson.run.id).toBe(run!.id);
  });

  it('exits 3 for a run or job that does not exist', async () => {
    const home = tempHome();
    writeJobs(home, 'jobs:\n  - id: never\n    cron: "0 0 1 1 *"\n    command: "true"\n');
    const noRun = await cronbar(['logs', '4242'], { home });
    expect([noRun.code, noRun.stderr.trim()]).toEqual([3, 'cronbar: no run 4242']);
    const noJob = await cronbar(['logs', 'ghost'], { home });
    expect([noJob.code, noJob.stderr.trim()]).toEqual([3, 'cronbar: no job with id "ghost"']);
    const notYet = await cronbar(['logs', 'never'], { home });
    expect([notYet.code, notYet.stderr.trim()]).toEqual([3, 'cronbar: never has not run yet']);
  });

  it("--follow tails a run a daemon executes until it ends, and exits with the run's status", async () => {
    const home = tempHome();
    const go = path.join(home, 'go');
    // The job prints one line, waits for the test's go, prints another and fails.
    writeJobs(
      home,
      `jobs:\n  - id: chatty\n    every: 1h\n    command: 'echo first; while [ ! -e ${go} ]; do sleep 0.05; done; echo second; exit 5'\n  - id: other\n    every: 1h\n    command: "true"\n`,
    );
    const daemon = processes[processes.push(new Daemon(home)) - 1]!;
    await daemon.waitFor(/scheduling 2 jobs/);
    writeJobs(
      home,
      `jobs:\n  - id: chatty\n    every: 1s\n    overlap: skip\n    command: 'echo first; while [ ! -e ${go} ]; do sleep 0.05; done; echo second; exit 5'\n`,
    );
    const runId = Number((await daemon.waitFor(/run (\d+) chatty started/, 5000))[1]);
    const follow = new LiveCli(['logs', String(runId), '--follow'], { home });
    processes.push(follow);
    await follow.waitFor(new RegExp(`following run ${runId} chatty .* in process ${daemon.pid}`));
    fs.writeFileSync(go, '');
    const exit = await follow.exited;
    expect(exit.code, follow.log).toBe(1);
    // What the run printed before the follow began comes first, then the rest as it came.
    expect(follow.log).toMatch(/first\n[\s\S]*second\n/);
    expect(follow.log).toMatch(new RegExp(`run ${runId} chatty \\(schedule\\) failed, exit 5`));
  });

  it('--follow of a run a `cronbar run` executes (no daemon) exits 0 when it succeeds', async () => {
    const home = tempHome();
    const go = path.join(home, 'go');
    writeJobs(
      home,
      `jobs:\n  - id: slow\n    cron: "0 0 1 1 *"\n    command: 'echo "waiting"; while [ ! -e ${go} ]; do sleep 0.05; done; echo done here'\n`,
    );
    const run = new LiveCli(['run', 'slow'], { home });
    processes.push(run);
    await run.waitFor(/waiting/);
    const [live] = await json<RunRecord[]>(home, ['history', 'slow']);
    const follow = new LiveCli(['logs', 'slow', '--last', '-f'], { home });
    processes.push(follow);
    await follow.waitFor(/following run/);
    fs.writeFileSync(go, '');
    expect((await follow.exited).code, follow.log).toBe(0);
    expect(follow.log).toMatch(/waiting\n[\s\S]*done here/);
    expect(follow.log).toMatch(new RegExp(`run ${live!.id} slow \\(manual\\) succeeded`));
  });
});

describe('status', () => {
  it('says the scheduler is down, what fails, what is next and the jobs file error; then names the daemon', async () => {
    const home = tempHome();
    writeJobs(
      home,
      'jobs:\n  - id: bad\n    cron: "0 0 1 1 *"\n    command: "exit 1"\n  - id: soon\n    every: 1h\n    command: "true"\n',
    );
    expect((await cronbar(['run', 'bad'], { home })).code).toBe(1);
    const down = await json<{
      scheduler: { running: boolean };
      failing: Array<{ id: string; failureStreak: number }>;
      next: Array<{ jobId: string }>;
      configErrors: string[];
    }>(home, ['status'], 3);
    expect(down.scheduler.running).toBe(false);
    expect(down.failing.map((job) => [job.id, job.failureStreak])).toEqual([['bad', 1]]);
    expect(down.next.map((fire) => fire.jobId)).toContain('soon');
    expect(down.configErrors).toEqual([]);
    const text = await cronbar(['status'], { home });
    expect(text.stdout).toMatch(/^scheduler {2}down: no daemon or app schedules/);
    expect(text.stdout).toMatch(/failing {4}bad \(1 failed in a row, last: run \d+ failed/);

    writeJobs(
      home,
      'jobs:\n  - id: bad\n    cron: "0 0 1 1 *"\n    command: "exit 1"\n  - id: soon\n    every: 1h\n    command: "true"\n    timeout: soon\n',
    );
    const broken = await cronbar(['status'], { home });
    expect(broken.stdout).toContain('1 problem, the last good jobs keep running');
    expect(broken.stdout).toMatch(/\n {2}jobs\.yaml:8:\d+ jobs\[1\]\.timeout: /);

    writeJobs(home, 'jobs:\n  - id: soon\n    every: 1h\n    command: "true"\n');
    const daemon = new Daemon(home);
    processes.push(daemon);
    await daemon.waitFor(/scheduling/);
    const up = await json<{
      scheduler: { running: boolean; pid: number; kind: string; since: string };
      next: Array<{ jobId: string }>;
      configErrors: string[];
    }>(home, ['status']);
    expect(up.scheduler).toMatchObject({ running: true, pid: daemon.pid, kind: 'daemon' });
    expect(Date.now() - Date.parse(up.scheduler.since)).toBeLessThan(60_000);
    expect(up.next.map((fire) => fire.jobId)).toEqual(['soon', 'soon', 'soon', 'soon', 'soon']);
    expect(up.configErrors).toEqual([]);
  });
});

describe('run retries', () => {
  it("retries a failed run by the job's policy as a retry chain; --no-retry runs once", async () => {
    const home = tempHome();
    writeJobs(
      home,
      'jobs:\n  - id: flaky\n    cron: "0 0 1 1 *"\n    command: echo "attempt $CRONBAR_ATTEMPT"; test "$CRONBAR_ATTEMPT" -ge 3\n    retry: { attempts: 4, delay: 1s, backoff: 1 }\n',
    );
    const retried = await cronbar(['run', 'flaky'], { home });
    expect(retried.code, retried.stderr).toBe(0);
    expect(retried.stdout).toBe('attempt 1\nattempt 2\nattempt 3\n');
    expect(retried.stderr).toContain('retry 1 of 4 in 1 s');
    const runs = (await json<RunRecord[]>(home, ['history', 'flaky'])).reverse();
    expect(runs.map((run) => [run.trigger, run.attempt, run.status, run.retryOf])).toEqual([
      ['manual', 1, 'failed', null],
      ['retry', 2, 'failed', runs[0]!.id],
      ['retry', 3, 'succeeded', runs[0]!.id],
    ]);
    expect(runs[1]!.startedAt! - runs[0]!.finishedAt!).toBeGreaterThanOrEqual(1000);

    const once = await cronbar(['run', 'flaky', '--no-retry'], { home });
    expect([once.code, once.stdout]).toEqual([1, 'attempt 1\n']);
  });
});
