import { describe, expect, test } from 'vitest';
import { createAppStore, selectVisibleJobs } from '../../../renderer/store/app-store';
import { createFakeApi, fail, makeJob, makeRun, makeStatus, ok, sampleJob } from '../fake-api';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('app store', () => {
  test('load fills jobs and status; a failing listJobs is an error state with the API message', async () => {
    const good = createAppStore(createFakeApi({ jobs: [sampleJob()], status: makeStatus({ pausedAll: true }) }).api);
    await good.getState().load();
    expect(good.getState().jobsState).toBe('ready');
    expect(good.getState().jobs.map((job) => job.id)).toEqual(['backup-home']);
    expect(good.getState().status?.pausedAll).toBe(true);

    const bad = createAppStore(createFakeApi({}, { listJobs: () => fail('database is locked') }).api);
    await bad.getState().load();
    expect(bad.getState().jobsState).toBe('error');
    expect(bad.getState().jobsError?.message).toBe('database is locked');
  });

  test('run events mark the job running at once, then finished with its last run, and refresh from the API', async () => {
    const fake = createFakeApi({ jobs: [sampleJob()] });
    const store = createAppStore(fake.api);
    await store.getState().load();
    store.getState().connect();
    fake.calls.listJobs.mockClear();

    fake.emit('run:started', makeRun({ id: 9, status: 'running', finishedAt: null }));
    expect(store.getState().jobs[0]!.runningRunIds).toEqual([9]);
    const finished = makeRun({ id: 9, status: 'failed', exitCode: 2 });
    fake.emit('run:finished', finished);
    expect(store.getState().jobs[0]!.runningRunIds).toEqual([]);
    expect(store.getState().jobs[0]!.lastRun?.status).toBe('failed');
    await flush();
    // Two events while one refresh is in flight: one more refresh, not one per event.
    expect(fake.calls.listJobs.mock.calls.length).toBeLessThanOrEqual(2);
    expect(fake.calls.listJobs).toHaveBeenCalled();
  });

  test('a failed enable toggle puts the switch back and says why', async () => {
    const fake = createFakeApi(
      { jobs: [sampleJob({ enabled: true })] },
      { setJobEnabled: () => fail('jobs.yaml changed on disk', 'conflict') },
    );
    const store = createAppStore(fake.api);
    await store.getState().load();
    await store.getState().setEnabled('backup-home', false);
    expect(store.getState().jobs[0]!.enabled).toBe(true);
    expect(store.getState().notice).toEqual({
      kind: 'error',
      text: 'Could not disable the job: jobs.yaml changed on disk',
    });
  });

  test('Run now refused by the overlap policy is reported, not dropped', async () => {
    const fake = createFakeApi(
      {},
      { runNow: () => ok({ runId: null, queued: false, refused: 'already running (run 41)' }) },
    );
    const store = createAppStore(fake.api);
    await store.getState().runNow('backup-home');
    expect(fake.calls.runNow).toHaveBeenCalledWith({ id: 'backup-home' });
    expect(store.getState().notice?.text).toBe('Run now refused: already running (run 41)');
    expect(store.getState().starting).toEqual({});
  });

  test('search matches names and tags, sorting puts jobs without a next run last, j/k selection stays in range', async () => {
    const now = Date.now();
    const jobs = [
      makeJob({ id: 'a', name: 'Zeta sync', tags: ['sync'], nextFireAt: now + 5000 }),
      makeJob({ id: 'b', name: 'Alpha backup', tags: ['backup'], nextFireAt: null }),
      makeJob({ id: 'c', name: 'Mid report', tags: [], nextFireAt: now + 1000 }),
    ];
    const store = createAppStore(createFakeApi({ jobs }).api);
    await store.getState().load();
    expect(selectVisibleJobs(store.getState()).map((job) => job.id)).toEqual(['c', 'a', 'b']);
    store.getState().setSort('name');
    expect(selectVisibleJobs(store.getState()).map((job) => job.id)).toEqual(['b', 'c', 'a']);
    store.getState().setSearch('tag:backup');
    expect(selectVisibleJobs(store.getState()).map((job) => job.id)).toEqual(['b']);
    store.getState().setSearch('sync');
    expect(selectVisibleJobs(store.getState()).map((job) => job.id)).toEqual(['a']);

    store.getState().setSearch('');
    store.getState().moveSelection(1);
    store.getState().moveSelection(1);
    store.getState().moveSelection(1);
    store.getState().moveSelection(1);
    expect(store.getState().selectedJobId).toBe('a');
    store.getState().moveSelection(-1);
    expect(store.getState().selectedJobId).toBe('c');
  });

  test('Esc goes back along the trail; app:navigate opens what a notification pointed at', async () => {
    const fake = createFakeApi();
    const store = createAppStore(fake.api);
    store.getState().connect();
    store.getState().navigate({ name: 'job', jobId: 'backup-home' });
    store.getState().navigate({ name: 'editor', mode: 'form', jobId: 'backup-home' });
    store.getState().back();
    expect(store.getState().view).toEqual({ name: 'job', jobId: 'backup-home' });
    store.getState().back();
    expect(store.getState().view).toEqual({ name: 'jobs' });

    fake.emit('app:navigate', { view: 'run', jobId: 'backup-home', runId: 12 });
    expect(store.getState().view).toEqual({ name: 'job', jobId: 'backup-home', runId: 12 });
  });
});
