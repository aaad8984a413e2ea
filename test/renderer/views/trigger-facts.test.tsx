// @vitest-environment jsdom
import '../setup';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { createFakeApi, sampleJob } from '../fake-api';
import { renderApp } from '../render-app';

const onWake = sampleJob({
  id: 'sync-mail',
  name: 'Sync mail',
  schedule: { kind: 'none', text: '', description: 'No schedule: runs after another job or on its events' },
  nextFireAt: null,
  triggers: [
    { event: 'resume', text: 'after the computer wakes from sleep, after 2m' },
    { event: 'network', text: 'when the network comes up' },
  ],
  conditions: 'only on AC power; otherwise skipped',
  keepAwake: true,
});
const nightly = sampleJob({
  id: 'backup',
  name: 'Back up home',
  schedule: { kind: 'cron', text: '0 2 * * *', description: 'At 02:00' },
  triggers: [{ event: 'start', text: 'when the scheduler starts' }],
});

function row(name: string): HTMLElement {
  return screen.getByRole('button', { name }).closest('[role="row"]') as HTMLElement;
}

describe('event triggers and conditions in the window', () => {
  test('the jobs table shows the events of a job with no schedule where the schedule would be', async () => {
    renderApp(createFakeApi({ jobs: [onWake, nightly] }));
    await screen.findByRole('button', { name: 'Sync mail' });
    const schedule = (name: string) => row(name).querySelector('.cell-schedule')!;
    expect(schedule('Sync mail')).toHaveTextContent(
      /^After the computer wakes from sleep, after 2m; when the network comes up$/,
    );
    // The column is narrow: the whole text is in its tooltip.
    expect(schedule('Sync mail')).toHaveAttribute(
      'title',
      'After the computer wakes from sleep, after 2m; when the network comes up',
    );
    // A job with a clock schedule keeps it there; its events are in its detail.
    expect(schedule('Back up home')).toHaveTextContent(/^At 02:00$/);
  });

  test('the job detail says what starts it, when only it may run, and that it keeps the computer awake', async () => {
    renderApp(createFakeApi({ jobs: [onWake, nightly] }));
    await userEvent.click(await screen.findByRole('button', { name: 'Sync mail' }));
    await screen.findByRole('heading', { level: 1, name: 'Sync mail' });
    expect(screen.getByText('Runs on').closest('div')).toHaveTextContent(
      'Runs onafter the computer wakes from sleep, after 2m; when the network comes up',
    );
    expect(screen.getByText('Only when').closest('div')).toHaveTextContent(
      'Only whenonly on AC power; otherwise skipped',
    );
    expect(screen.getByText('Keeps the computer awake while it runs')).toBeInTheDocument();
  });

  test('a job with no events, conditions or keepAwake shows none of these facts', async () => {
    renderApp(createFakeApi({ jobs: [sampleJob({ id: 'plain', name: 'Plain job' })] }));
    await userEvent.click(await screen.findByRole('button', { name: 'Plain job' }));
    await screen.findByRole('heading', { level: 1, name: 'Plain job' });
    expect(screen.queryByText('Runs on')).toBeNull();
    expect(screen.queryByText('Only when')).toBeNull();
    expect(screen.queryByText('Keeps the computer awake while it runs')).toBeNull();
  });
});
