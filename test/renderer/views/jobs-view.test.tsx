// @vitest-environment jsdom
import '../setup';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { createFakeApi, fail, makeJob, makeRun, makeStatus, sampleJob } from '../fake-api';
import { renderApp } from '../render-app';

/** The job rows of the jobs table (its first row is the column headers). */
const jobRows = async () =>
  within(await screen.findByRole('table', { name: 'Jobs' }))
    .getAllByRole('row')
    .filter((row) => row.classList.contains('job-row'));

describe('jobs view', () => {
  test('a row shows the schedule in words with the raw expression on hover, the next run and the last result', async () => {
    const lastRun = makeRun({ status: 'failed', exitCode: 2 });
    renderApp(
      createFakeApi({
        jobs: [sampleJob({ lastRun, recentStatuses: [{ runId: 1, status: 'failed', at: 1 }], failureStreak: 3 })],
      }),
    );
    const [row] = (await jobRows()) as [HTMLElement];
    expect(within(row).getByText('At 02:00').closest('[title]')).toHaveAttribute('title', '0 2 * * *');
    expect(within(row).getByText(/^in 59m|^in 1h/)).toBeInTheDocument();
    expect(within(row).getByText('failed')).toHaveClass('status-failed');
    expect(within(row).getByText('· exit 2')).toBeInTheDocument();
    expect(within(row).getByTitle('3 failures in a row')).toHaveTextContent('3×');
    expect(within(row).getByRole('img', { name: 'Last 1 runs: 1 failed' })).toBeInTheDocument();
  });

  test('a timed-out run is told apart from a failed one: its own word and colour in the badge and the run strip', async () => {
    const recentStatuses = [
      { runId: 1, status: 'failed' as const, at: 1 },
      { runId: 2, status: 'timed-out' as const, at: 2 },
    ];
    const lastRun = makeRun({ id: 2, status: 'timed-out', exitCode: null, startedAt: 0, finishedAt: 1_800_000 });
    renderApp(
      createFakeApi({
        jobs: [
          sampleJob({ lastRun, recentStatuses, failureStreak: 2 }),
          makeJob({ id: 'sync', name: 'Sync notes', lastRun: makeRun({ status: 'failed', exitCode: 1 }) }),
        ],
      }),
    );
    const [backup, sync] = await jobRows();
    const timedOutBadge = within(backup!).getByText('timed out');
    const failedBadge = within(sync!).getByText('failed');
    // The tone class is what styles.css colours (violet for timed out, red for failed, in both themes).
    expect(timedOutBadge).toHaveClass('badge', 'tone-timeout');
    expect(failedBadge).toHaveClass('badge', 'tone-fail');
    expect(within(backup!).getByRole('img', { name: 'Last 2 runs: 1 failed, 1 timed out' })).toBeInTheDocument();
    expect(within(backup!).getByTitle('#2 timed out')).toHaveClass('tone-timeout');
    expect(within(backup!).getByTitle('#1 failed')).toHaveClass('tone-fail');
  });

  test('Run now calls the API; a running job offers Stop, which cancels its run', async () => {
    const fake = createFakeApi({
      jobs: [sampleJob(), makeJob({ id: 'busy', name: 'Busy job', canRunNow: false, runningRunIds: [4] })],
    });
    renderApp(fake);
    await userEvent.click(await screen.findByRole('button', { name: 'Stop Busy job (run 4)' }));
    expect(fake.calls.cancelRun).toHaveBeenCalledWith({ runId: 4 });
    await userEvent.click(screen.getByRole('button', { name: 'Run Back up home now' }));
    expect(fake.calls.runNow).toHaveBeenCalledWith({ id: 'backup-home' });
  });

  test('search also matches the command and status words', async () => {
    renderApp(
      createFakeApi({
        jobs: [
          sampleJob(),
          makeJob({
            id: 'photos',
            name: 'Photos',
            actionSummary: 'rsync -a ~/Pictures nas:',
            lastRun: makeRun({ status: 'failed', exitCode: 1 }),
          }),
        ],
      }),
    );
    await screen.findByText('Photos');
    const search = screen.getByRole('searchbox', { name: /^Search jobs/ });
    await userEvent.type(search, 'rsync');
    expect((await jobRows()).map((row) => row.dataset.jobId)).toEqual(['photos']);
    await userEvent.clear(search);
    await userEvent.type(search, 'failed');
    expect((await jobRows()).map((row) => row.dataset.jobId)).toEqual(['photos']);
  });

  test('search narrows the list and says how many match', async () => {
    renderApp(createFakeApi({ jobs: [sampleJob(), makeJob({ id: 'sync', name: 'Sync notes', tags: ['git'] })] }));
    await screen.findByText('Sync notes');
    await userEvent.type(screen.getByRole('searchbox', { name: /^Search jobs/ }), 'git');
    expect(screen.queryByText('Back up home')).not.toBeInTheDocument();
    expect(screen.getByText('1 of 2 jobs')).toBeInTheDocument();
  });

  test('a banner shows while everything is paused, from the scheduler event', async () => {
    const fake = createFakeApi();
    renderApp(fake);
    await screen.findByText('Back up home');
    expect(screen.queryByText('Everything paused')).not.toBeInTheDocument();
    act(() => fake.emit('scheduler:changed', makeStatus({ pausedAll: true })));
    expect(screen.getByText('Everything paused')).toBeInTheDocument();
    expect(screen.getByText('until you resume', { exact: false })).toBeInTheDocument();
  });

  test('loading, empty and error states', async () => {
    renderApp(createFakeApi({ jobs: [] }));
    expect(await screen.findByRole('heading', { name: 'Welcome to Cronbar' })).toBeInTheDocument();
  });

  test('an API error is shown with its message and a retry', async () => {
    let attempts = 0;
    const fake = createFakeApi(
      {},
      { listJobs: () => (++attempts === 1 ? fail('cannot open cronbar.db') : { ok: true, value: [sampleJob()] }) },
    );
    renderApp(fake);
    expect(await screen.findByText('cannot open cronbar.db')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Back up home')).toBeInTheDocument();
  });

  test('keyboard: j moves the selection, Enter opens the job, Esc comes back, / focuses search', async () => {
    renderApp(
      createFakeApi({
        jobs: [sampleJob(), makeJob({ id: 'second', name: 'Second job', nextFireAt: Date.now() + 7_200_000 })],
      }),
    );
    await screen.findByText('Second job');
    fireEvent.keyDown(window, { key: 'j' });
    fireEvent.keyDown(window, { key: 'j' });
    expect(screen.getByText('Second job').closest('[role="row"]')).toHaveAttribute('aria-current', 'true');
    fireEvent.keyDown(window, { key: 'Enter' });
    expect(await screen.findByRole('heading', { name: 'Second job' })).toBeInTheDocument();
    fireEvent.keyDown(window, { key: 'Escape' });
    await screen.findByRole('table', { name: 'Jobs' });
    fireEvent.keyDown(window, { key: '/' });
    await waitFor(() => expect(screen.getByRole('searchbox')).toHaveFocus());
  });

  test('keyboard: r runs the selected job now, and does nothing for a job its overlap policy holds back', async () => {
    const fake = createFakeApi({
      jobs: [
        sampleJob(),
        makeJob({
          id: 'busy',
          name: 'Busy job',
          nextFireAt: Date.now() + 7_200_000,
          canRunNow: false,
          runningRunIds: [4],
        }),
      ],
    });
    renderApp(fake);
    await screen.findByText('Busy job');
    fireEvent.keyDown(window, { key: 'j' });
    fireEvent.keyDown(window, { key: 'r' });
    await waitFor(() => expect(fake.calls.runNow).toHaveBeenCalledWith({ id: 'backup-home' }));
    fireEvent.keyDown(window, { key: 'j' });
    fireEvent.keyDown(window, { key: 'r' });
    expect(fake.calls.runNow).toHaveBeenCalledTimes(1);
  });
});
