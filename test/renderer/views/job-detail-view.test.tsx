// @vitest-environment jsdom
import '../setup';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { JobView, RunRecord } from '../../../shared/model';
import { createFakeApi, fail, makeRun, ok, sampleJob } from '../fake-api';
import { renderApp } from '../render-app';

// Europe/Berlin springs forward on Sunday 2026-03-29.
const BERLIN_FIRES = [Date.UTC(2026, 2, 28, 1, 0), Date.UTC(2026, 2, 29, 1, 0), Date.UTC(2026, 2, 30, 0, 0)];

function detailApi(job: JobView, runs: RunRecord[], nextFires = BERLIN_FIRES) {
  return createFakeApi(
    { jobs: [job] },
    {
      getJob: () => ok({ job, source: { id: job.id, cron: job.schedule.text, command: job.actionSummary }, nextFires }),
      history: () => ok({ runs, nextBefore: null }),
      runOutput: ((input: { runId: number }) =>
        ok({ runId: input.runId, text: `output of ${input.runId}\n`, totalBytes: 14, truncated: false })) as never,
    },
  );
}

async function openDetail(fake: ReturnType<typeof createFakeApi>, name = 'Back up home') {
  renderApp(fake);
  await userEvent.click(await screen.findByRole('button', { name }));
  return screen.findByRole('heading', { level: 1, name });
}

describe('job detail view', () => {
  // The viewer sits in New York, the job runs on Berlin time: both columns show.
  beforeAll(() => void vi.stubEnv('TZ', 'America/New_York'));
  afterAll(() => void vi.unstubAllEnvs());

  test('the next runs are listed in the job zone and locally, with the DST change day marked', async () => {
    const job = sampleJob({
      timezone: 'Europe/Berlin',
      schedule: { kind: 'cron', text: '0 3 * * *', description: 'At 03:00' },
    });
    await openDetail(detailApi(job, []));
    const table = screen.getByRole('table', { name: 'Next runs' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toEqual(['In Europe/Berlin', 'Local (America/New_York)', 'Notes']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).queryByText('DST change') !== null)).toEqual([false, true, false]);
    expect(rows[1]).toHaveTextContent('2026-03-29 03:00:00 GMT+2');
    expect(rows[1]).toHaveTextContent('2026-03-28 21:00:00');
  });

  test('history shows lateness, the exit code and why a run was skipped; selecting a run shows its log', async () => {
    const at = Date.UTC(2026, 0, 5, 2, 0);
    const runs = [
      makeRun({
        id: 3,
        status: 'skipped',
        scheduledFor: at + 86_400_000,
        createdAt: at + 86_400_000,
        startedAt: null,
        finishedAt: null,
        exitCode: null,
        reason: 'still running (overlap: skip)',
      }),
      makeRun({
        id: 2,
        status: 'failed',
        scheduledFor: at,
        startedAt: at + 95_000,
        finishedAt: at + 97_000,
        exitCode: 3,
      }),
    ];
    await openDetail(detailApi(sampleJob(), runs));
    const history = await screen.findByRole('table', { name: 'Run history, newest first' });
    // Each run is a line of facts and a line, the full table wide, saying what happened in words.
    const [skipped, skippedStory, failed, failedStory] = within(history).getAllByRole('row').slice(1);
    expect(skipped).toHaveTextContent('skipped');
    expect(skippedStory).toHaveTextContent(/^\d\d:\d\d; skipped: still running \(overlap: skip\)$/);
    expect(failed).toHaveTextContent('+1m 35s late');
    expect(within(failed!).getByText('failed')).toHaveTextContent('failed· exit 3');
    expect(failedStory).toHaveTextContent(/^\d\d:\d\d; started 1m 35s late, at \d\d:\d\d; failed: exit 3$/);
    // The newest run's log opens by itself; another is one click away.
    expect(await screen.findByLabelText('Output of run 3')).toBeInTheDocument();
    await userEvent.click(within(history).getByRole('button', { name: 'Show the log of run 2' }));
    expect(await screen.findByLabelText('Output of run 2')).toHaveTextContent('output of 2');
  });

  test('a job that cannot be read is an error with a retry, not an empty page', async () => {
    let attempts = 0;
    const job = sampleJob();
    const fake = createFakeApi(
      { jobs: [job] },
      {
        getJob: () =>
          ++attempts === 1 ? fail('database is locked') : ok({ job, source: { id: job.id }, nextFires: [] }),
      },
    );
    renderApp(fake);
    await userEvent.click(await screen.findByRole('button', { name: 'Back up home' }));
    expect(await screen.findByText('database is locked')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Back up home' })).toBeInTheDocument();
    expect(screen.getByText('No upcoming runs (disabled, paused, or a one-off in the past).')).toBeInTheDocument();
  });
});
