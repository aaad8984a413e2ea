// @vitest-environment jsdom
import '../setup';
import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { findGaps } from '../../../renderer/views/timeline-model';
import { createFakeApi, fail, makeRun, ok } from '../fake-api';
import { renderApp } from '../render-app';

const HOUR = 3_600_000;

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
        upcoming: () => ok([{ jobId: 'backup-home', name: 'Back up home', at: now + 3 * HOUR }]),
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
    expect(container.querySelectorAll('path.fire')).toHaveLength(1);

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
    const fake = createFakeApi({}, { history: () => ok({ runs, nextBefore: null }), upcoming: () => ok(fires) });
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
    expect(document.activeElement).toHaveAccessibleName(expect.stringMatching(/^Back up home · next fire \d{4}-/));
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement).toHaveAccessibleName(expect.stringMatching(/^Prune snapshots · next fire /));
    expect(screen.getByText(/^Prune snapshots · next fire /, { selector: '.timeline-hover' })).toBeInTheDocument();
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
      await screen.findByText('Nothing ran in the past 24 hours and nothing is due in the next 24.'),
    ).toBeInTheDocument();
  });
});
