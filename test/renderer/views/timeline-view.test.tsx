// @vitest-environment jsdom
import '../setup';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { findGaps } from '../../../renderer/views/timeline-model';
import { createFakeApi, fail, makeJob, makeRun, ok } from '../fake-api';
import { renderApp } from '../render-app';

const HOUR = 3_600_000;

/** What the core's fireDensity answers for these fires (jobId, name, at), in the window's quarter-hour buckets. */
function densityOf(
  input: { from: number; to: number; bucketMs: number },
  fires: Array<{ jobId: string; name: string; at: number }>,
) {
  const jobs = new Map<string, { jobId: string; name: string; tags: string[]; total: number; buckets: number[] }>();
  for (const fire of fires) {
    if (fire.at < input.from || fire.at >= input.to) continue;
    const job = jobs.get(fire.jobId) ?? { jobId: fire.jobId, name: fire.name, tags: [], total: 0, buckets: [] };
    jobs.set(fire.jobId, job);
    const index = Math.floor((fire.at - input.from) / input.bucketMs);
    if (job.buckets[job.buckets.length - 2] === index) job.buckets[job.buckets.length - 1]!++;
    else job.buckets.push(index, 1);
    job.total++;
  }
  const list = [...jobs.values()];
  return ok({ ...input, total: list.reduce((sum, job) => sum + job.total, 0), jobs: list });
}

describe('timeline', () => {
  test('runs are bars by status, the next fires are marked, and a span the machine slept through is shaded', async () => {
    const now = Date.now();
    const runs = [
      makeRun({
        id: 5,
        status: 'failed',
        exitCode: 1,
        scheduledFor: now - 2 * HOUR,
        createdAt: now - 2 * HOUR,
        startedAt: now - 2 * HOUR,
        finishedAt: now - 2 * HOUR + 4000,
      }),
      // Due 10 h ago, decided 6 h ago when the machine woke: the 4 h between were asleep.
      makeRun({
        id: 4,
        status: 'missed',
        scheduledFor: now - 10 * HOUR,
        createdAt: now - 6 * HOUR,
        startedAt: null,
        finishedAt: now - 6 * HOUR,
        exitCode: null,
        reason: 'missed while asleep',
      }),
    ];
    const fake = createFakeApi(
      {},
      {
        history: () => ok({ runs, nextBefore: null }),
        fireDensity: (input: { from: number; to: number; bucketMs: number }) =>
          densityOf(input, [{ jobId: 'backup-home', name: 'Back up home', at: now + 3 * HOUR }]),
      },
    );
    const { container, store } = renderApp(fake);
    await userEvent.click(await screen.findByRole('button', { name: 'Timeline' }));
    const chart = await screen.findByRole('group', { name: /^Timeline of 1 jobs/ });
    expect(chart).toHaveAccessibleName(
      'Timeline of 1 jobs: 2 runs in the past 24 hours (1 failed), 1 fires in the next 24 hours, 1 gaps',
    );
    expect(container.querySelectorAll('rect.bar.status-failed')).toHaveLength(1);
    expect(container.querySelectorAll('rect.bar.status-missed')).toHaveLength(1);
    expect(container.querySelectorAll('path.fire-ticks')).toHaveLength(1);

    fireEvent.mouseEnter(container.querySelector('rect.gap')!);
    expect(screen.getByText(/^Not running or asleep: /)).toBeInTheDocument();
    fireEvent.mouseEnter(container.querySelector('rect.bar.status-missed')!);
    expect(screen.getByText(/run #4 missed .* missed while asleep$/)).toBeInTheDocument();

    fireEvent.click(container.querySelector('rect.bar.status-failed')!);
    expect(store.getState().view).toEqual({ name: 'job', jobId: 'backup-home', runId: 5 });
  });

  test('the keyboard reaches every run and fire: one tab stop, arrows move, focus shows the card, Enter opens the run', async () => {
    const now = Date.now();
    const runs = [
      makeRun({
        id: 7,
        status: 'timed-out',
        scheduledFor: now - 3 * HOUR,
        createdAt: now - 3 * HOUR,
        startedAt: now - 3 * HOUR,
        finishedAt: now - 3 * HOUR + 60_000,
        exitCode: null,
      }),
      makeRun({
        id: 8,
        status: 'succeeded',
        scheduledFor: now - HOUR,
        createdAt: now - HOUR,
        startedAt: now - HOUR,
        finishedAt: now - HOUR + 2000,
      }),
    ];
    const fires = [
      { jobId: 'backup-home', name: 'Back up home', at: now + 2 * HOUR },
      { jobId: 'prune', name: 'Prune snapshots', at: now + 5 * HOUR },
    ];
    const fake = createFakeApi(
      {},
      {
        history: () => ok({ runs, nextBefore: null }),
        fireDensity: (input: { from: number; to: number; bucketMs: number }) => densityOf(input, fires),
      },
    );
    const { store } = renderApp(fake);
    await userEvent.click(await screen.findByRole('button', { name: 'Timeline' }));
    const chart = await screen.findByRole('group', { name: /^Timeline of 2 jobs/ });
    expect(chart).toHaveAccessibleName(
      'Timeline of 2 jobs: 2 runs in the past 24 hours (0 failed, 1 timed out), 2 fires in the next 24 hours, 0 gaps',
    );

    // Tab lands once in the chart, on the first row's mark nearest to now: the last run before it.
    for (let step = 0; step < 20 && !chart.contains(document.activeElement); step++) await userEvent.tab();
    const landed = document.activeElement as Element;
    expect(landed).toHaveAttribute('role', 'button');
    expect(landed).toHaveAccessibleName(
      expect.stringMatching(/^Back up home · run #8 ok · \d{4}-\d\d-\d\d \d\d:\d\d:\d\d · 2\.0 s$/),
    );
    // The card a pointer gets on hover.
    expect(screen.getByText(landed.getAttribute('aria-label')!, { selector: '.timeline-hover' })).toBeInTheDocument();

    await userEvent.keyboard('{ArrowLeft}');
    expect(document.activeElement).toHaveAccessibleName(expect.stringMatching(/^Back up home · run #7 timed out · /));
    await userEvent.keyboard('{End}');
    expect(document.activeElement).toHaveAccessibleName(
      expect.stringMatching(/^Back up home · 1 upcoming fires · the first in the quarter hour from \d{4}-/),
    );
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement).toHaveAccessibleName(expect.stringMatching(/^Prune snapshots · 1 upcoming fires /));
    expect(
      screen.getByText(/^Prune snapshots · 1 upcoming fires /, { selector: '.timeline-hover' }),
    ).toBeInTheDocument();
    // Still one tab stop: Tab leaves the chart rather than walking its marks.
    expect(chart.querySelectorAll('[tabindex="0"]')).toHaveLength(1);

    await userEvent.keyboard('{ArrowUp}{Home}');
    expect(document.activeElement).toHaveAccessibleName(expect.stringMatching(/run #7 timed out/));
    await userEvent.keyboard('{Enter}');
    expect(store.getState().view).toEqual({ name: 'job', jobId: 'backup-home', runId: 7 });
  });

  test('gaps come from missed and catch-up runs decided late, merged when they overlap', () => {
    const late = (scheduledFor: number, createdAt: number, trigger: 'schedule' | 'catch-up' = 'schedule') =>
      makeRun({ status: trigger === 'catch-up' ? 'succeeded' : 'missed', trigger, scheduledFor, createdAt });
    expect(findGaps([late(0, 4 * HOUR), late(HOUR, 5 * HOUR, 'catch-up'), late(10 * HOUR, 11 * HOUR)])).toEqual([
      { start: 0, end: 5 * HOUR },
      { start: 10 * HOUR, end: 11 * HOUR },
    ]);
    // A run that was merely a few seconds late is not a gap.
    expect(findGaps([late(0, 5000)])).toEqual([]);
  });

  test('empty and error states', async () => {
    let attempts = 0;
    const fake = createFakeApi(
      {},
      {
        // The jobs list counts failures through history too; only the timeline's own call fails.
        history: (input: { statuses?: unknown }) =>
          input.statuses === undefined && ++attempts === 1
            ? fail('database is locked')
            : ok({ runs: [], nextBefore: null }),
      },
    );
    renderApp(fake);
    await userEvent.click(await screen.findByRole('button', { name: 'Timeline' }));
    expect(await screen.findByText('database is locked')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByText('Nothing ran in the past 24 hours and nothing is due in the next 24 hours.'),
    ).toBeInTheDocument();
  });

  test('the range picker asks the core for every fire of the week and scrolls; the tag filter keeps one tag', async () => {
    const now = Date.now();
    // A job every 5 minutes: 2 016 fires in a week, far past the old 500-fire list.
    const fires = Array.from({ length: 2016 }, (_, i) => ({
      jobId: 'sync',
      name: 'Sync mail',
      at: now + (i + 1) * 300_000,
    }));
    const runs = [
      makeRun({ id: 1, jobId: 'sync', status: 'succeeded', startedAt: now - HOUR, finishedAt: now - HOUR + 1000 }),
      makeRun({
        id: 2,
        jobId: 'backup-home',
        status: 'failed',
        exitCode: 1,
        startedAt: now - HOUR,
        finishedAt: now - HOUR + 1000,
      }),
    ];
    const fake = createFakeApi(
      {
        jobs: [
          makeJob({ id: 'sync', name: 'Sync mail', tags: ['mail'] }),
          makeJob({ id: 'backup-home', name: 'Back up home', tags: ['backup'] }),
        ],
      },
      {
        history: () => ok({ runs, nextBefore: null }),
        fireDensity: (input: { from: number; to: number; bucketMs: number; tag?: string }) =>
          densityOf(input, input.tag === 'backup' ? [] : fires),
      },
    );
    renderApp(fake);
    await userEvent.click(await screen.findByRole('button', { name: 'Timeline' }));
    await screen.findByRole('group', { name: /fires in the next 24 hours/ });
    expect(screen.getByRole('button', { name: '24 hours' })).toHaveAttribute('aria-pressed', 'true');

    await userEvent.click(screen.getByRole('button', { name: 'Week' }));
    const chart = await screen.findByRole('group', { name: /fires in the next week/ });
    expect(chart).toHaveAccessibleName(expect.stringContaining('2016 fires in the next week'));
    const asked = fake.calls.fireDensity.mock.calls.at(-1)![0] as { from: number; to: number; bucketMs: number };
    expect(asked.to - now).toBeGreaterThanOrEqual(7 * 24 * HOUR - 1000);
    expect(asked.bucketMs).toBe(15 * 60_000);
    // 20 px an hour over two weeks: the chart is wider than any window and scrolls in its region.
    expect(Number(chart.getAttribute('width'))).toBeGreaterThan(6000);
    expect(screen.getByRole('region', { name: /Timeline chart, week each side of now/ })).toContainElement(chart);
    expect(screen.getByRole('img', { name: /^Sync mail · 2016 upcoming fires/ })).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Tag' }), 'backup');
    const filtered = await screen.findByRole('group', {
      name: /^Timeline of 1 jobs: 1 runs in the past week \(1 failed\), 0 fires/,
    });
    expect(filtered).toBeInTheDocument();
    expect(fake.calls.fireDensity.mock.calls.at(-1)![0]).toMatchObject({ tag: 'backup' });
    expect(screen.queryByRole('img', { name: /^Sync mail/ })).not.toBeInTheDocument();
  });

  test('the heatmap is a table of days by hours, with results and upcoming load written in each cell', async () => {
    const now = Date.now();
    const runAt = now - 2 * HOUR;
    const runs = [
      makeRun({ id: 1, status: 'succeeded', startedAt: runAt, finishedAt: runAt + 1000 }),
      makeRun({ id: 2, status: 'succeeded', startedAt: runAt + 1000, finishedAt: runAt + 2000 }),
      makeRun({ id: 3, status: 'failed', exitCode: 1, startedAt: runAt + 2000, finishedAt: runAt + 3000 }),
    ];
    const dueAt = Math.floor((now + 5 * HOUR) / HOUR) * HOUR + 60_000;
    const fires = [1, 2, 3, 4].map((i) => ({ jobId: 'backup-home', name: 'Back up home', at: dueAt + i * 60_000 }));
    const fake = createFakeApi(
      {},
      {
        history: () => ok({ runs, nextBefore: null }),
        fireDensity: (input: { from: number; to: number; bucketMs: number }) => densityOf(input, fires),
      },
    );
    renderApp(fake);
    await userEvent.click(await screen.findByRole('button', { name: 'Timeline' }));
    const table = await screen.findByRole('table', { name: 'Runs and fires per day and hour' });
    const hourOf = (at: number) => String(new Date(at).getHours()).padStart(2, '0');
    const cellFor = (at: number) => {
      const day = new Date(at).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric' });
      const row = within(table)
        .getAllByRole('row')
        .find((candidate) => within(candidate).queryByRole('rowheader')?.textContent?.startsWith(day.replace(',', '')));
      const columns = within(table)
        .getAllByRole('columnheader')
        .map((header) => header.textContent);
      return within(row!).getAllByRole('cell')[columns.indexOf(hourOf(at)) - 1]!;
    };
    expect(cellFor(runAt)).toHaveTextContent('2 ok, 1 failed');
    expect(cellFor(dueAt)).toHaveTextContent('4 due');
    expect(within(table).getAllByRole('columnheader')).toHaveLength(25);
  });
});
