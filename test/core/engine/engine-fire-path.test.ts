/**
 * The firing path: runs start before their rows are written (in the same turn), with ids handed out ahead. What a
 * user sees must not change: the run id in the job's environment is its history row, a row the store refused is
 * written later rather than lost, a crash is caught up by policy, and ids never collide with `cronbar run`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/core/engine/engine';
import type { JobStateRow, NewRun } from '../../../electron/core/ports';
import { openStore } from '../../../electron/core/store/open-store';
import type { RunRecord } from '../../../shared/model';
import { FakeClock, flush } from '../../helpers/fake-clock';
import { MemoryStore } from '../../helpers/memory-store';
import { FakeRunner, job } from './fake-runner';
import { makeHarness } from './harness';

/** A memory store whose row writes fail while `failing` is set (a full disk, a locked file). */
class RefusingStore extends MemoryStore {
  failing = false;

  override insertRuns(runs: NewRun[]): RunRecord[] {
    if (this.failing) throw new Error('disk I/O error');
    return super.insertRuns(runs);
  }

  override saveJobState(row: JobStateRow): void {
    if (this.failing) throw new Error('disk I/O error');
    super.saveJobState(row);
  }

  override lastRunId(): number {
    if (this.failing) throw new Error('disk I/O error');
    return super.lastRunId();
  }

  override reserveRunIds(count: number): number {
    if (this.failing) throw new Error('disk I/O error');
    return super.reserveRunIds(count);
  }
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDb(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-fire-'));
  dirs.push(dir);
  return path.join(dir, 'cronbar.db');
}

describe('run ids', () => {
  it("gives the action its history row's id, and the row exists, running with its pid, once the tick is over", async () => {
    const h = makeHarness([job({ id: 'a', cron: '0 * * * *' }), job({ id: 'b', cron: '0 * * * *' })]);
    h.runner.pid = 4321;
    const seen: Array<{ id: number; pid: number | null }> = [];
    h.engine.on('run:started', (run) => seen.push({ id: run.id, pid: run.pid }));
    await h.clock.advanceTo('2026-01-01T01:00:00Z');
    const ids = h.runner.actions.map((action) => action.context.runId);
    expect(new Set(ids).size).toBe(2);
    for (const action of h.runner.actions) {
      expect(h.store.getRun(action.context.runId)).toMatchObject({
        jobId: action.job.id,
        status: 'running',
        pid: 4321,
        scheduledFor: action.context.scheduledFor,
      });
    }
    expect(seen).toEqual(ids.map((id) => ({ id, pid: 4321 })));
  });

  it('the same on SQLite, across a restart: ids keep increasing and the history lists runs in the order they fired', async () => {
    const dbPath = tempDb();
    const clock = new FakeClock('2026-01-01T00:00:00Z');
    const specs = [job({ id: 'hourly', cron: '0 * * * *' })];
    for (const until of ['2026-01-01T01:00:00Z', '2026-01-01T02:00:00Z']) {
      const store = openStore(dbPath);
      const runner = new FakeRunner();
      runner.autoSucceed = true;
      const engine = new Engine({ store, runner, clock });
      engine.setJobs(specs);
      engine.start();
      await clock.advanceTo(until);
      await flush();
      expect(runner.actions.map((action) => store.getRun(action.context.runId)?.status)).toEqual(['succeeded']);
      await engine.stop({ graceMs: 0 });
      store.close();
    }
    const store = openStore(dbPath);
    const runs = store.history({ limit: 10 }).runs;
    expect(runs.map((run) => new Date(run.scheduledFor!).toISOString().slice(11, 16))).toEqual(['02:00', '01:00']);
    expect(runs[0]!.id).toBeGreaterThan(runs[1]!.id);
    store.close();
  });

  it('never collides with runs another connection inserts meanwhile (cronbar run beside the daemon), and keeps their order', async () => {
    const dbPath = tempDb();
    const clock = new FakeClock('2026-01-01T00:00:00Z');
    const daemonStore = openStore(dbPath);
    const cliStore = openStore(dbPath);
    const runner = new FakeRunner();
    runner.autoSucceed = true;
    const daemon = new Engine({ store: daemonStore, runner, clock, concurrency: 100 });
    daemon.setJobs(Array.from({ length: 20 }, (_, i) => job({ id: `job-${i}`, cron: '* * * * *' })));
    daemon.start();
    // The CLI's own engine, not scheduling: a forced manual run, as `cronbar run` does.
    const cliRunner = new FakeRunner();
    const cli = new Engine({ store: cliStore, runner: cliRunner, clock });
    cli.setJobs([job({ id: 'job-0', cron: '* * * * *' })]);

    await clock.advanceTo('2026-01-01T00:01:00Z');
    const manual = cli.runNow('job-0', { force: true });
    const direct = cliStore.insertRun({
      jobId: 'job-1',
      trigger: 'manual',
      status: 'succeeded',
      scheduledFor: null,
      createdAt: clock.now(),
    });
    await clock.advanceTo('2026-01-01T00:02:00Z');
    await flush();

    const rows = daemonStore.history({ limit: 100 }).runs.reverse();
    expect(rows).toHaveLength(42);
    expect(new Set(rows.map((row) => row.id)).size).toBe(42);
    // Oldest first by id: the first tick's 20, the two manual runs, then the second tick's 20.
    expect(rows.map((row) => row.trigger)).toEqual([
      ...Array(20).fill('schedule'),
      'manual',
      'manual',
      ...Array(20).fill('schedule'),
    ]);
    expect(rows[20]!.id).toBe(manual.runId);
    expect(rows[21]!.id).toBe(direct.id);
    expect(cliRunner.actions[0]!.context.runId).toBe(manual.runId);
    await daemon.stop({ graceMs: 0 });
    daemonStore.close();
    cliStore.close();
  });
});

describe('a store that refuses the rows', () => {
  it('the run still starts; its row is written with the next batch, finished, and the fire is not lost', async () => {
    const store = new RefusingStore();
    const h = makeHarness([job({ id: 'j', cron: '*/10 * * * *' })], { store });
    store.failing = true;
    await h.clock.advanceTo('2026-01-01T00:10:00Z');
    expect(h.runner.actions).toHaveLength(1);
    expect(h.runs()).toEqual([]);
    expect(h.logs.some((line) => line.includes('could not record 1 run rows yet'))).toBe(true);
    h.runner.actions[0]!.succeed();
    await flush();
    expect(h.runs()).toEqual([]);

    store.failing = false;
    await h.clock.advanceTo('2026-01-01T00:20:00Z');
    h.runner.actions[1]!.succeed();
    await flush();
    expect(h.summary()).toEqual([
      { status: 'succeeded', trigger: 'schedule', for: '2026-01-01T00:10:00.000Z', reason: null },
      { status: 'succeeded', trigger: 'schedule', for: '2026-01-01T00:20:00.000Z', reason: null },
    ]);
    expect(h.runs().map((run) => run.id)).toEqual(h.runner.actions.map((action) => action.context.runId));
    expect(store.getJobState('j')?.lastFireAt).toBe(Date.parse('2026-01-01T00:20:00Z'));
  });

  it('when it never recovers before a crash, the restart treats the unrecorded fire as missed, by policy; nothing is left running', async () => {
    const store = new RefusingStore();
    // First seen at 00:30; then, in a later session, the fire at 01:00 starts but its row (and the job's state)
    // never reach the disk, and Cronbar dies.
    makeHarness([job({ id: 'j', cron: '0 * * * *' })], { store, clock: new FakeClock('2026-01-01T00:30:00Z') });
    const crashed = makeHarness([job({ id: 'j', cron: '0 * * * *' })], {
      store,
      clock: new FakeClock('2026-01-01T00:59:00Z'),
    });
    store.failing = true;
    crashed.clock.advance(60_000);
    expect(crashed.runner.actions).toHaveLength(1);
    store.failing = false;

    const restarted = makeHarness([job({ id: 'j', cron: '0 * * * *' })], {
      store,
      clock: new FakeClock('2026-01-01T02:30:00Z'),
    });
    expect(restarted.summary()).toEqual([
      {
        status: 'running',
        trigger: 'catch-up',
        for: '2026-01-01T02:00:00.000Z',
        reason: 'catch-up for 2 fires (runs once, for the latest)',
      },
    ]);
    expect(store.liveRuns().map((run) => run.id)).toEqual([restarted.runner.actions[0]!.context.runId]);
  });
});

describe('a store that cannot even give run ids', () => {
  it('starts nothing, keeps scheduling, and records those fires as missed once the store is back', async () => {
    const store = new RefusingStore();
    // More jobs than the block reserved at start: the first tick must reserve, and the store refuses.
    const specs = Array.from({ length: 300 }, (_, i) => job({ id: `job-${i}`, cron: '* * * * *' }));
    const h = makeHarness(specs, { store, concurrency: 300 });
    store.failing = true;
    await h.clock.advanceTo('2026-01-01T00:01:00Z');
    expect(h.runner.actions).toHaveLength(0);
    expect(h.logs).toContain('could not start 300 scheduled fires: Error: disk I/O error');
    store.failing = false;
    await h.clock.advanceTo('2026-01-01T00:02:00Z');
    expect(h.runner.actions).toHaveLength(300);
    const rows = h.summary('job-7');
    expect(rows).toEqual([
      {
        status: 'missed',
        trigger: 'schedule',
        for: '2026-01-01T00:01:00.000Z',
        reason: 'not started: the database failed (disk I/O error)',
      },
      { status: 'running', trigger: 'schedule', for: '2026-01-01T00:02:00.000Z', reason: null },
    ]);
  });
});

describe('crash between ticks', () => {
  it('catches up exactly the fires after the last recorded one: none of them twice', async () => {
    const store = new MemoryStore();
    const spec = job({ id: 'j', cron: '*/10 * * * *', catchUp: { policy: 'all', max: 10 } });
    const first = makeHarness([spec], { store, clock: new FakeClock('2026-01-01T00:00:00Z') });
    first.runner.autoSucceed = true;
    await first.clock.advanceTo('2026-01-01T00:25:00Z');
    expect(first.runner.actions.map((action) => action.context.scheduledFor)).toEqual([
      Date.parse('2026-01-01T00:10:00Z'),
      Date.parse('2026-01-01T00:20:00Z'),
    ]);
    // Crash: no stop(); the old engine's timers die with its clock.
    const restarted = makeHarness([spec], { store, clock: new FakeClock('2026-01-01T00:55:00Z') });
    const fires = (runs: RunRecord[]) =>
      runs.map((run) => `${run.trigger} ${new Date(run.scheduledFor!).toISOString().slice(11, 16)}`);
    expect(fires(restarted.runs())).toEqual([
      'schedule 00:10',
      'schedule 00:20',
      'catch-up 00:30',
      'catch-up 00:40',
      'catch-up 00:50',
    ]);
    expect(
      restarted
        .runs()
        .slice(0, 2)
        .map((run) => run.status),
    ).toEqual(['succeeded', 'succeeded']);
  });
});
