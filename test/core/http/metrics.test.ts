/** `/metrics` as Prometheus scrapes it: names, labels and values after real runs, pauses and outside runs. */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RunTally, type TallySource } from '../../../electron/core/http/metrics/run-tally';
import { openStore } from '../../../electron/core/store/open-store';
import type { RunRecord } from '../../../shared/model';
import { type Harness, startHarness, until } from './api-harness';

const JOBS = `jobs:
  - id: good
    cron: "0 0 1 1 *"
    command: "true"
  - id: bad
    cron: "0 0 1 1 *"
    command: "exit 3"
  - id: off
    enabled: false
    cron: "0 0 1 1 *"
    command: "true"
`;

let api: Harness | null = null;
afterEach(async () => {
  await api?.close();
  api = null;
});

/** One sample's value, or null when the series is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | null {
  const labelText = Object.entries(labels)
    .map(([key, value]) => `${key}="${value}"`)
    .join(',');
  const line = text
    .split('\n')
    .find((candidate) => candidate.startsWith(labelText ? `${name}{${labelText}} ` : `${name} `));
  return line === undefined ? null : Number(line.slice(line.lastIndexOf(' ') + 1));
}

async function scrape(harness: Harness): Promise<string> {
  const response = await harness.request({ path: '/metrics' });
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text;
}

async function runAndWait(harness: Harness, id: string): Promise<RunRecord> {
  const { runId } = await harness.service.runNow({ id, force: false });
  return until(
    async () => {
      const run = await harness.service.getRun({ runId: runId! });
      return run.status === 'running' || run.status === 'queued' ? null : run;
    },
    10_000,
    `${id} to finish`,
  );
}

describe('/metrics', () => {
  it('reports per job the last status, end, last success, next fire and run counts, and the scheduler state', async () => {
    api = await startHarness(JOBS);
    const good = await runAndWait(api, 'good');
    await runAndWait(api, 'good');
    const bad = await runAndWait(api, 'bad');
    const text = await scrape(api);

    expect(sample(text, 'cronbar_scheduler_up')).toBe(1);
    expect(sample(text, 'cronbar_scheduler_paused')).toBe(0);
    expect(sample(text, 'cronbar_jobs', { state: 'enabled' })).toBe(2);
    expect(sample(text, 'cronbar_jobs', { state: 'disabled' })).toBe(1);
    expect(sample(text, 'cronbar_job_runs_total', { job_id: 'good', status: 'succeeded' })).toBe(2);
    expect(sample(text, 'cronbar_job_runs_total', { job_id: 'bad', status: 'failed' })).toBe(1);
    expect(sample(text, 'cronbar_job_last_run_status', { job_id: 'bad', status: 'failed' })).toBe(1);
    expect(sample(text, 'cronbar_job_last_run_status', { job_id: 'good', status: 'succeeded' })).toBe(1);
    expect(sample(text, 'cronbar_job_last_run_end_timestamp_seconds', { job_id: 'bad' })).toBe(bad.finishedAt! / 1000);
    expect(sample(text, 'cronbar_job_last_success_timestamp_seconds', { job_id: 'bad' })).toBeNull();
    expect(sample(text, 'cronbar_job_last_success_timestamp_seconds', { job_id: 'good' })).toBeGreaterThanOrEqual(
      good.finishedAt! / 1000,
    );
    const { nextFires } = await api.service.getJob({ id: 'good', fireCount: 1 });
    expect(sample(text, 'cronbar_job_next_fire_timestamp_seconds', { job_id: 'good' })).toBe(nextFires[0]! / 1000);
    expect(sample(text, 'cronbar_job_next_fire_timestamp_seconds', { job_id: 'off' })).toBeNull();
    expect(sample(text, 'cronbar_run_duration_seconds_count')).toBe(3);
    expect(sample(text, 'cronbar_run_duration_seconds_bucket', { le: '+Inf' })).toBe(3);
    expect(text).toMatch(/^# TYPE cronbar_job_runs_total counter$/m);
    expect(text).toMatch(/^# TYPE cronbar_run_duration_seconds histogram$/m);

    // The last status follows the latest run, and the old status series goes.
    await api.service.writeConfig({
      text: JOBS.replace('exit 3', 'true'),
      baseVersion: (await api.service.readConfig({})).version,
    });
    await runAndWait(api, 'bad');
    const after = await scrape(api);
    expect(sample(after, 'cronbar_job_last_run_status', { job_id: 'bad', status: 'succeeded' })).toBe(1);
    expect(sample(after, 'cronbar_job_last_run_status', { job_id: 'bad', status: 'failed' })).toBeNull();
    expect(sample(after, 'cronbar_job_runs_total', { job_id: 'bad', status: 'failed' })).toBe(1);
  });

  it('shows pause-all and the running gauge, and drops the next fire while paused', async () => {
    api = await startHarness('jobs:\n  - id: slow\n    cron: "0 0 1 1 *"\n    command: "sleep 30"\n');
    await api.service.pauseAll({ until: null });
    await api.service.runNow({ id: 'slow', force: true });
    const text = await scrape(api);
    expect(sample(text, 'cronbar_scheduler_paused')).toBe(1);
    expect(sample(text, 'cronbar_runs_running')).toBe(1);
    expect(sample(text, 'cronbar_job_next_fire_timestamp_seconds', { job_id: 'slow' })).toBeNull();
    await api.service.resumeAll({});
    expect(sample(await scrape(api), 'cronbar_job_next_fire_timestamp_seconds', { job_id: 'slow' })).not.toBeNull();
  });

  it('counts runs another process wrote to the shared DB (a cronbar run beside the daemon)', async () => {
    api = await startHarness(JOBS);
    await scrape(api);
    const other = openStore(path.join(api.dir, 'cronbar.db'));
    const now = Date.now();
    other.insertRun({
      jobId: 'good',
      trigger: 'manual',
      status: 'failed',
      scheduledFor: null,
      createdAt: now,
      startedAt: now,
      finishedAt: now + 1500,
      ownerPid: 1,
    });
    other.close();
    const text = await scrape(api);
    expect(sample(text, 'cronbar_job_runs_total', { job_id: 'good', status: 'failed' })).toBe(1);
    expect(sample(text, 'cronbar_job_last_run_duration_seconds', { job_id: 'good' })).toBe(1.5);
  });

  it('drops the series of a job that leaves the jobs file', async () => {
    api = await startHarness(JOBS);
    await runAndWait(api, 'bad');
    expect(sample(await scrape(api), 'cronbar_job_runs_total', { job_id: 'bad', status: 'failed' })).toBe(1);
    await api.service.deleteJob({ id: 'bad' });
    const text = await scrape(api);
    expect(text).not.toContain('job_id="bad"');
  });
});

describe('/metrics for expectations and check-ins', () => {
  const WATCHED = `checks:
  - id: nas-backup
    every: 1d
  - id: ci.nightly
    cron: "30 3 * * *"
jobs:
  - id: late
    cron: "0 0 1 1 *"
    command: "true"
    expect: { succeededWithin: 1s }
  - id: kept
    cron: "0 0 1 1 *"
    command: "true"
    expect: { succeededWithin: 1h }
  - id: plain
    cron: "0 0 1 1 *"
    command: "true"
`;

  it('reports cronbar_job_overdue for jobs with expect: (1 once the deadline passes, 0 again after a success)', async () => {
    api = await startHarness(WATCHED);
    const first = await scrape(api);
    expect(sample(first, 'cronbar_job_overdue', { job_id: 'kept' })).toBe(0);
    expect(sample(first, 'cronbar_job_overdue', { job_id: 'plain' })).toBeNull();
    expect(first).toMatch(/^# TYPE cronbar_job_overdue gauge$/m);
    // Never succeeded: overdue 1 s after the expectation was first seen, without any run or scrape in between.
    const overdue = await until(
      async () => {
        const text = await scrape(api!);
        return sample(text, 'cronbar_job_overdue', { job_id: 'late' }) === 1 ? text : null;
      },
      10_000,
      'late to be overdue',
    );
    expect(sample(overdue, 'cronbar_job_overdue', { job_id: 'kept' })).toBe(0);
    const view = (await api.service.listJobs({})).find((job) => job.id === 'late')!;
    expect(view.overdue?.reason).toMatch(/no success yet/);
    await runAndWait(api, 'late');
    expect(sample(await scrape(api), 'cronbar_job_overdue', { job_id: 'late' })).toBe(0);
  });

  it('reports each check’s state and last ping after real pings over HTTP', async () => {
    api = await startHarness(WATCHED);
    const before = await scrape(api);
    expect(sample(before, 'cronbar_check_state', { check_id: 'nas-backup', state: 'new' })).toBe(1);
    expect(sample(before, 'cronbar_check_last_ping_timestamp_seconds', { check_id: 'nas-backup' })).toBeNull();

    const ok = await api.request({ method: 'POST', path: '/ping/nas-backup', body: 'fine' });
    const { ping } = (ok.json() as { value: { ping: { at: number } } }).value;
    await api.request({ method: 'POST', path: '/ping/ci.nightly/fail' });
    const text = await scrape(api);
    expect(sample(text, 'cronbar_check_state', { check_id: 'nas-backup', state: 'up' })).toBe(1);
    expect(sample(text, 'cronbar_check_state', { check_id: 'nas-backup', state: 'new' })).toBeNull();
    expect(sample(text, 'cronbar_check_last_ping_timestamp_seconds', { check_id: 'nas-backup' })).toBe(ping.at / 1000);
    expect(sample(text, 'cronbar_check_state', { check_id: 'ci.nightly', state: 'down' })).toBe(1);
    expect(text).toMatch(/^# TYPE cronbar_check_state gauge$/m);

    // A check that leaves the jobs file leaves the metrics.
    await api.service.writeConfig({
      text: WATCHED.replace('  - id: ci.nightly\n    cron: "30 3 * * *"\n', ''),
      baseVersion: (await api.service.readConfig({})).version,
    });
    const after = await scrape(api);
    expect(after).not.toContain('check_id="ci.nightly"');
    expect(sample(after, 'cronbar_check_state', { check_id: 'nas-backup', state: 'up' })).toBe(1);
  });
});

describe('the run tally', () => {
  /** A history the test writes into, newest first like the store's. */
  function fakeHistory() {
    const rows = new Map<number, RunRecord>();
    const source: TallySource = {
      history: async ({ limit, before }) => {
        const runs = [...rows.values()]
          .filter((run) => before === undefined || run.id < before)
          .sort((a, b) => b.id - a.id)
          .slice(0, limit);
        return { runs, nextBefore: runs.length === limit ? runs[runs.length - 1]!.id : null };
      },
      getRun: async ({ runId }) => {
        const run = rows.get(runId);
        if (!run) throw new Error('no run');
        return run;
      },
    };
    const put = (id: number, status: RunRecord['status']) =>
      rows.set(id, {
        id,
        jobId: 'j',
        trigger: 'manual',
        status,
        scheduledFor: null,
        createdAt: id,
        startedAt: id,
        finishedAt: status === 'running' ? null : id + 1000,
        reason: null,
        exitCode: null,
        signal: null,
        outputBytes: 0,
        attempt: 1,
        retryOf: null,
        pid: null,
      });
    return { source, put };
  }

  it('counts each run once, when it ends, even when a lower id appears after a higher one', async () => {
    const { source, put } = fakeHistory();
    const counted: Array<[number, string]> = [];
    const tally = new RunTally(source, { onFinal: (run) => counted.push([run.id, run.status]) });
    put(1, 'succeeded');
    put(2, 'running');
    await tally.sync();
    expect(counted).toEqual([[1, 'succeeded']]);
    put(4, 'failed'); // id 3 was taken but its row is not written yet
    await tally.sync();
    put(3, 'succeeded');
    put(2, 'timed-out');
    await tally.sync();
    await tally.sync();
    expect(counted).toEqual([
      [1, 'succeeded'],
      [4, 'failed'],
      [2, 'timed-out'],
      [3, 'succeeded'],
    ]);
  });

  it('pages through a long history on the first read', async () => {
    const { source, put } = fakeHistory();
    for (let id = 1; id <= 2500; id++) put(id, 'succeeded');
    let count = 0;
    await new RunTally(source, { onFinal: () => count++ }).sync();
    expect(count).toBe(2500);
  });
});

describe('the per-job text families', () => {
  it('write exactly what prom-client writes for the same values: escaping, counters, odd values, removal and order', async () => {
    const { Counter, Gauge, Registry } = await import('prom-client');
    const { TextFamily } = await import('../../../electron/core/http/metrics/text-family');
    const { TextRegistry } = await import('../../../electron/core/http/metrics/text-registry');
    const plain = new Registry();
    const ours = new TextRegistry();
    new Counter({ name: 't_scheduler_total', help: 'c', registers: [plain] }).inc(2);
    new Counter({ name: 't_scheduler_total', help: 'c', registers: [ours] }).inc(2);
    const help = 'a "quoted" \\ help\nline';
    const gauge = new Gauge({ name: 't_job', help, labelNames: ['job_id', 'status'], registers: [plain] });
    const counter = new Counter({ name: 't_runs_total', help: 'runs', labelNames: ['job_id'], registers: [plain] });
    const textGauge = ours.add(new TextFamily('t_job', help, 'gauge', ['job_id', 'status']));
    const textCounter = ours.add(new TextFamily('t_runs_total', 'runs', 'counter', ['job_id']));
    const same = async () => expect((await ours.metricsText()).toString('utf8')).toBe(await plain.metrics());

    // Job ids and statuses as a user may write them: quotes, backslashes, newlines, non-ASCII.
    const odd = 'a"b\\c\nd é';
    const values: Array<[Record<string, string>, number]> = [
      [{ job_id: odd, status: 'failed' }, 1.5],
      [{ job_id: 'plain', status: 'ok' }, 1796162454.215],
      [{ job_id: 'nan', status: 'x' }, Number.NaN],
      [{ job_id: 'inf', status: 'x' }, Number.POSITIVE_INFINITY],
      [{ job_id: 'minus', status: 'x' }, Number.NEGATIVE_INFINITY],
      [{ job_id: 'big', status: 'x' }, 1e21],
      [{ job_id: 'zero', status: 'x' }, 0],
    ];
    for (const [labels, value] of values) {
      gauge.set(labels, value);
      textGauge.set(labels, value);
    }
    for (const id of ['plain', odd, 'plain']) {
      counter.inc({ job_id: id });
      textCounter.inc({ job_id: id });
    }
    counter.inc({ job_id: 'plain' }, 40);
    textCounter.inc({ job_id: 'plain' }, 40);
    await same();
    // A changed value keeps its place; a removed series that comes back goes last, in both.
    gauge.set({ job_id: 'plain', status: 'ok' }, 7);
    textGauge.set({ job_id: 'plain', status: 'ok' }, 7);
    gauge.remove({ job_id: odd, status: 'failed' });
    textGauge.remove({ job_id: odd, status: 'failed' });
    await same();
    gauge.set({ job_id: odd, status: 'failed' }, 2);
    textGauge.set({ job_id: odd, status: 'failed' }, 2);
    gauge.remove({ job_id: 'never', status: 'x' });
    textGauge.remove({ job_id: 'never', status: 'x' });
    await same();
    expect((await ours.metricsText()).toString('utf8')).toContain('t_job{job_id="a\\"b\\\\c\\nd é",status="failed"} 2');
  });

  it('stay equal to prom-client across hundreds of series when changes, removals and returns hit a few blocks', async () => {
    const { Gauge, Registry } = await import('prom-client');
    const { TextFamily } = await import('../../../electron/core/http/metrics/text-family');
    const { TextRegistry } = await import('../../../electron/core/http/metrics/text-registry');
    const plain = new Registry();
    const ours = new TextRegistry();
    const gauge = new Gauge({ name: 't_next', help: 'next', labelNames: ['job_id'], registers: [plain] });
    const family = ours.add(new TextFamily('t_next', 'next', 'gauge', ['job_id']));
    const both = {
      set: (id: string, value: number) => (gauge.set({ job_id: id }, value), family.set({ job_id: id }, value)),
      remove: (id: string) => (gauge.remove({ job_id: id }), family.remove({ job_id: id })),
    };
    const same = async () => expect((await ours.metricsText()).toString('utf8')).toBe(await plain.metrics());
    for (let index = 0; index < 300; index++) both.set(`job-${index}`, 1_796_000_000 + index);
    await same();
    // A value a digit longer in one block, a short one in another: the block's bytes grow and shrink in place.
    both.set('job-5', 1_796_000_000.125);
    both.set('job-200', 7);
    await same();
    // A whole block removed, one series of another, then some of them back (they go last, as in prom-client).
    for (let index = 32; index < 64; index++) both.remove(`job-${index}`);
    both.remove('job-299');
    await same();
    for (const index of [40, 299, 33]) both.set(`job-${index}`, index);
    await same();
    for (let index = 0; index < 300; index += 7) both.set(`job-${index}`, -index);
    await same();
  });
});
