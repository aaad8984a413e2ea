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
      makeRun({ id: 5, status: 'failed', exitCode: 1, scheduledFor: now - 2 * HOUR, createdAt: now - 2 * HOUR, startedAt: now - 2 * HOUR, finishedAt: now - 2 * HOUR + 4000 }),
      // Due 10 h ago, decided 6 h ago when the machine woke: the 4 h between were asleep.
      makeRun({ id: 4, status: 'missed', scheduledFor: now - 10 * HOUR, createdAt: now - 6 * HOUR, startedAt: null, finishedAt: now - 6 * HOUR, exitCode: null, reason: 'missed while asleep' }),
    ];
    const fake = createFakeApi({}, { history: () => ok({ runs, nextBefore: null }), upcoming: () => ok([{ jobId: 'backup-home', name: 'Back up home', at: now + 3 * HOUR }]) });
    const { container, store } = renderApp(fake);
    await userEvent.click(await screen.findByRole('button', { name: 'Timeline' }));
    const chart = await screen.findByRole('img', { name: /^Timeline of 1 jobs/ });
    expect(chart).toHaveAccessibleName('Timeline of 1 jobs: 2 runs in the past 24 hours (1 failed), 1 fires in the next 24 hours, 1 gaps');
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
    const fake = createFakeApi({}, { history: () => (++attempts === 1 ? fail('database is locked') : ok({ runs: [], nextBefore: null })) });
    renderApp(fake);
    await userEvent.click(await screen.findByRole('button', { name: 'Timeline' }));
    expect(await screen.findByText('database is locked')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Nothing ran in the past 24 hours and nothing is due in the next 24.')).toBeInTheDocument();
  });
});
