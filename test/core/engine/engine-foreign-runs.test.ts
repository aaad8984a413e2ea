/**
 * A `cronbar run` beside the daemon: two connections on one SQLite file. The daemon's overlap policy must count the
 * run the other process is executing, or a scheduled fire starts a second copy of the job.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/core/engine/engine';
import type { Store } from '../../../electron/core/ports';
import { openStore } from '../../../electron/core/store/open-store';
import type { JobSpec } from '../../../shared/config/schema';
import { FakeClock } from '../../helpers/fake-clock';
import { FakeRunner, job } from './fake-runner';

const dirs: string[] = [];
const cleanups: Array<() => void | Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A live process standing in for the `cronbar run` that owns a run. */
function otherProcess(): { pid: number; kill: () => Promise<void> } {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = async () => {
    child.kill('SIGKILL');
    await exited;
  };
  cleanups.push(kill);
  return { pid: child.pid!, kill };
}

/** The daemon: an engine on a fake clock, its own connection; a second connection plays `cronbar run`. */
function daemonAndCli(spec: JobSpec): {
  engine: Engine;
  clock: FakeClock;
  runner: FakeRunner;
  daemonStore: Store;
  cli: Store;
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-foreign-'));
  dirs.push(dir);
  const dbPath = path.join(dir, 'cronbar.db');
  const clock = new FakeClock('2026-01-01T00:00:00Z');
  const daemonStore = openStore(dbPath);
  const runner = new FakeRunner();
  runner.autoSucceed = true;
  const engine = new Engine({ store: daemonStore, runner, clock });
  engine.setJobs([spec]);
  engine.start();
  const cli = openStore(dbPath);
  cleanups.push(
    () => daemonStore.close(),
    () => cli.close(),
    () => engine.stop({ graceMs: 0 }),
  );
  return { engine, clock, runner, daemonStore, cli };
}

/** What `cronbar run` does: takes exactly one id, then writes its running row owned by its own pid. */
function cliStartsRun(cli: Store, jobId: string, ownerPid: number, id = cli.reserveRunIds(1)): number {
  const now = Date.now();
  cli.insertRun({
    id,
    jobId,
    trigger: 'manual',
    status: 'running',
    scheduledFor: null,
    createdAt: now,
    startedAt: now,
    ownerPid,
  });
  return id;
}

function scheduledRows(store: Store, jobId: string): Array<[string, string | null]> {
  return store
    .history({ jobId, limit: 100 })
    .runs.reverse()
    .filter((run) => run.trigger === 'schedule')
    .map((run) => [run.status, run.reason]);
}

describe.skipIf(process.platform === 'win32')('runs another Cronbar process is executing', () => {
  it.each([
    ['skip', ''],
    ['queue', " (queue cannot wait for another process's run)"],
    ['replace', " (replace cannot stop another process's run)"],
  ] as const)(
    'overlap %s: a fire while cronbar run executes the job is skipped, naming that run; the first fire after it ends runs',
    async (overlap, note) => {
      const { clock, runner, daemonStore, cli } = daemonAndCli(job({ id: 'j', cron: '* * * * *', overlap }));
      const other = otherProcess();
      const runId = cliStartsRun(cli, 'j', other.pid);

      await clock.advanceTo('2026-01-01T00:02:00Z');
      expect(runner.forJob('j')).toHaveLength(0);
      const reason = `overlap: run #${runId} started by another Cronbar process (pid ${other.pid}) is still running${note}`;
      expect(scheduledRows(daemonStore, 'j')).toEqual([
        ['skipped', reason],
        ['skipped', reason],
      ]);

      cli.updateRun(runId, { status: 'succeeded', exitCode: 0, finishedAt: Date.now() });
      await clock.advanceTo('2026-01-01T00:03:00Z');
      expect(runner.forJob('j')).toHaveLength(1);
      expect(scheduledRows(daemonStore, 'j').map(([status]) => status)).toEqual(['skipped', 'skipped', 'succeeded']);
      // The other process's run was neither waited for nor stopped.
      expect(daemonStore.getRun(runId)!.status).toBe('succeeded');
    },
  );

  it('overlap parallel runs beside the other process as usual', async () => {
    const { clock, runner, daemonStore, cli } = daemonAndCli(job({ id: 'j', cron: '* * * * *', overlap: 'parallel' }));
    cliStartsRun(cli, 'j', otherProcess().pid);
    await clock.advanceTo('2026-01-01T00:01:00Z');
    expect(runner.forJob('j')).toHaveLength(1);
    expect(scheduledRows(daemonStore, 'j')).toEqual([['succeeded', null]]);
  });

  it('a run whose process died without finishing its row no longer holds the job', async () => {
    const { clock, runner, daemonStore, cli } = daemonAndCli(job({ id: 'j', cron: '* * * * *' }));
    const other = otherProcess();
    cliStartsRun(cli, 'j', other.pid);
    await clock.advanceTo('2026-01-01T00:01:00Z');
    expect(runner.forJob('j')).toHaveLength(0);

    await other.kill();
    await clock.advanceTo('2026-01-01T00:02:00Z');
    expect(runner.forJob('j')).toHaveLength(1);
    expect(scheduledRows(daemonStore, 'j').map(([status]) => status)).toEqual(['skipped', 'succeeded']);
  });

  it('a run whose row is written just after the daemon saw its id taken is still seen at the next fire', async () => {
    const { clock, runner, daemonStore, cli } = daemonAndCli(job({ id: 'j', cron: '* * * * *' }));
    const other = otherProcess();
    const id = cli.reserveRunIds(1);
    // The daemon fires between the other process's id and its row: nothing to see yet.
    await clock.advanceTo('2026-01-01T00:01:00Z');
    expect(runner.forJob('j')).toHaveLength(1);

    cliStartsRun(cli, 'j', other.pid, id);
    await clock.advanceTo('2026-01-01T00:02:00Z');
    expect(runner.forJob('j')).toHaveLength(1);
    expect(scheduledRows(daemonStore, 'j').map(([status]) => status)).toEqual(['succeeded', 'skipped']);
  });

  it('a run the other process started before the daemon did holds the job from the first fire', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-foreign-'));
    dirs.push(dir);
    const dbPath = path.join(dir, 'cronbar.db');
    const cli = openStore(dbPath);
    cleanups.push(() => cli.close());
    const other = otherProcess();
    const runId = cliStartsRun(cli, 'j', other.pid);

    const clock = new FakeClock('2026-01-01T00:00:00Z');
    const daemonStore = openStore(dbPath);
    const runner = new FakeRunner();
    const engine = new Engine({ store: daemonStore, runner, clock });
    cleanups.push(
      () => daemonStore.close(),
      () => engine.stop({ graceMs: 0 }),
    );
    engine.setJobs([job({ id: 'j', cron: '* * * * *' })]);
    engine.start();
    await clock.advanceTo('2026-01-01T00:01:00Z');
    expect(runner.forJob('j')).toHaveLength(0);
    expect(scheduledRows(daemonStore, 'j')).toEqual([
      ['skipped', `overlap: run #${runId} started by another Cronbar process (pid ${other.pid}) is still running`],
    ]);
  });
});
