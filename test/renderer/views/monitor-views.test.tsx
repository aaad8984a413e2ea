// @vitest-environment jsdom
import '../setup';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { createFakeApi, makeCheck, makeRun, ok, sampleJob } from '../fake-api';
import { renderApp } from '../render-app';

const HOUR = 3_600_000;
const overdueJob = () =>
  sampleJob({
    id: 'backup-home',
    name: 'Back up home',
    overdue: {
      since: Date.now() - HOUR,
      lastSuccessAt: Date.now() - 27 * HOUR,
      reason: 'no success within 26h; since then: 2 missed',
    },
    expectSucceededWithinMs: 26 * HOUR,
  });

describe('overdue jobs in the list', () => {
  test('an overdue job carries a badge with its reason, and the filter shows only overdue jobs', async () => {
    renderApp(createFakeApi({ jobs: [overdueJob(), sampleJob({ id: 'notes', name: 'Sync notes' })] }));
    const list = await screen.findByRole('table', { name: 'Jobs' });
    const rows = () =>
      within(list)
        .getAllByRole('row')
        .filter((row) => row.classList.contains('job-row'));
    const backup = rows().find((row) => row.dataset.jobId === 'backup-home');
    expect(within(backup!).getByText('overdue')).toHaveAttribute(
      'title',
      'no success within 26h; since then: 2 missed',
    );
    expect(rows()).toHaveLength(2);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Show' }), 'overdue (1)');
    expect(rows().map((row) => row.dataset.jobId)).toEqual(['backup-home']);
  });

  test('a job:overdue event marks the row at once', async () => {
    const fake = createFakeApi({ jobs: [sampleJob()] });
    renderApp(fake);
    const list = await screen.findByRole('table', { name: 'Jobs' });
    expect(within(list).queryByText('overdue')).toBeNull();
    act(() =>
      fake.emit('job:overdue', {
        jobId: 'backup-home',
        name: 'Back up home',
        overdue: { since: 1, lastSuccessAt: null, reason: 'no success yet' },
      }),
    );
    expect(within(list).getByText('overdue')).toBeInTheDocument();
  });
});

describe('checks (jobs that run elsewhere)', () => {
  test('checks are on their own tab, counted on it, with state, reason and last ping; check:changed updates them', async () => {
    const down = makeCheck({
      id: 'nas-backup',
      name: 'NAS backup',
      state: 'down',
      reason: 'started 02:00, never finished',
      lastPing: {
        id: 1,
        checkId: 'nas-backup',
        kind: 'start',
        at: Date.now() - 2 * HOUR,
        exitCode: null,
        message: null,
        source: 'cli',
        outputBytes: 0,
      },
    });
    const fake = createFakeApi({ jobs: [sampleJob()], checks: [down, makeCheck({ id: 'ci', name: 'CI nightly' })] });
    renderApp(fake);
    await screen.findByRole('table', { name: 'Jobs' });
    // Not in the jobs list: there they pushed the jobs off a small window.
    expect(screen.queryByText('NAS backup')).toBeNull();
    const tab = screen.getByRole('button', { name: /^Checks/ });
    expect(within(tab).getByLabelText('2 checks, 1 late or down')).toHaveTextContent('1/2');
    await userEvent.click(tab);
    const table = await screen.findByRole('table');
    const row = within(table).getByRole('row', { name: /NAS backup/ });
    expect(within(row).getByText('down')).toHaveClass('tone-fail');
    expect(within(row).getByText('started 02:00, never finished')).toBeInTheDocument();
    expect(within(row).getByText(/^start · /)).toBeInTheDocument();
    act(() => fake.emit('check:changed', { check: { ...down, state: 'up', reason: null }, previous: 'down' }));
    expect(within(within(table).getByRole('row', { name: /NAS backup/ })).getByText('up')).toHaveClass('tone-ok');
  });

  test('the Checks tab shows every check, or how to add one', async () => {
    renderApp(createFakeApi({ jobs: [sampleJob()] }));
    await userEvent.click(await screen.findByRole('button', { name: 'Checks' }));
    expect(screen.getByText('No checks yet')).toBeInTheDocument();
  });
});

describe('job detail: durations, slow runs, downtime', () => {
  test('draws the duration chart (failed runs marked, the median as a line) and marks a slow run in the history', async () => {
    const t0 = Date.now() - 10 * HOUR;
    const runs = [
      makeRun({ id: 1, startedAt: t0, finishedAt: t0 + 20_000 }),
      makeRun({ id: 2, startedAt: t0 + HOUR, finishedAt: t0 + HOUR + 22_000 }),
      makeRun({ id: 3, status: 'failed', exitCode: 1, startedAt: t0 + 2 * HOUR, finishedAt: t0 + 2 * HOUR + 5_000 }),
      makeRun({ id: 4, startedAt: t0 + 3 * HOUR, finishedAt: t0 + 3 * HOUR + 90_000 }),
    ];
    const missed = makeRun({
      id: 5,
      status: 'missed',
      trigger: 'schedule',
      scheduledFor: t0 + 4 * HOUR,
      startedAt: null,
      finishedAt: null,
      exitCode: null,
      reason: 'the machine was off',
    });
    const fake = createFakeApi(
      { jobs: [sampleJob()] },
      {
        durationStats: () =>
          ok({
            jobId: 'backup-home',
            medianMs: 22_000,
            p95Ms: 90_000,
            sampleSize: 3,
            runs: runs.map((run) => ({
              runId: run.id,
              startedAt: run.startedAt!,
              durationMs: run.finishedAt! - run.startedAt!,
              status: run.status,
              slow: run.id === 4,
            })),
          }),
        history: () => ok({ runs: [missed, ...[...runs].reverse()], nextBefore: null }),
        downtime: () =>
          ok([{ kind: 'suspend', from: t0 + 3.5 * HOUR, to: t0 + 5 * HOUR, reason: 'the machine was asleep' }]),
      },
    );
    renderApp(fake);
    await userEvent.click(await screen.findByRole('button', { name: 'Back up home' }));
    const chart = await screen.findByRole('img', {
      name: /^Durations of the last 4 runs: median 22.0 s, p95 1m 30s over 3 successful runs; 1 failed, 1 slow$/,
    });
    expect(chart.querySelectorAll('circle.point')).toHaveLength(4);
    expect(chart.querySelector('circle.failed')?.getAttribute('data-run-id')).toBe('3');
    expect(chart.querySelector('circle.slow')?.getAttribute('data-run-id')).toBe('4');
    expect(chart.querySelector('.median text')?.textContent).toBe('median 22.0 s');
    await waitFor(() => expect(document.querySelector('tr[data-run-id="4"] .slow-badge')).not.toBeNull());
    expect(document.querySelector('tr[data-run-id="2"] .slow-badge')).toBeNull();
    expect(document.querySelector('tr[data-story-of="5"] .story')?.textContent).toMatch(
      /^\d\d:\d\d — the machine was asleep \(\d\d:\d\d → \d\d:\d\d\); missed/,
    );
  });

  test('an overdue job says so, since when, why, and its last success', async () => {
    renderApp(createFakeApi({ jobs: [overdueJob()] }));
    await userEvent.click(await screen.findByRole('button', { name: 'Back up home' }));
    const banner = await screen.findByRole('status');
    expect(banner).toHaveTextContent(
      /Overdue since .*: no success within 26h; since then: 2 missed\. Last success: .* \(expected within 26h 00m\)\./,
    );
  });
});
