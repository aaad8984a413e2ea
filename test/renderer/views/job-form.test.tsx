// @vitest-environment jsdom
import '../setup';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { createFakeApi, fail, ok, sampleJob } from '../fake-api';
import { renderApp } from '../render-app';

async function openNewJobForm(handlers: Parameters<typeof createFakeApi>[1] = {}) {
  const fake = createFakeApi({ jobs: [sampleJob()] }, handlers);
  const view = renderApp(fake);
  await screen.findByText('Back up home');
  await userEvent.click(screen.getByRole('button', { name: '+ New job' }));
  await screen.findByRole('form', { name: 'New job' });
  return { fake, ...view };
}

describe('job form', () => {
  test('an invalid cron shows its error next to the field and nothing is saved', async () => {
    const { fake } = await openNewJobForm();
    await userEvent.type(screen.getByLabelText('Id'), 'nightly');
    const schedule = screen.getByLabelText('Schedule');
    await userEvent.clear(schedule);
    await userEvent.type(schedule, '0 25 * * *');
    expect(await screen.findByText(/25/, { selector: '#job-schedule-error' })).toBeInTheDocument();
    expect(schedule).toHaveAttribute('aria-invalid', 'true');
    await userEvent.click(screen.getByRole('button', { name: 'Add job' }));
    expect(screen.getByText('Fix the marked fields; nothing was saved.')).toBeInTheDocument();
    expect(fake.calls.saveJob).not.toHaveBeenCalled();
  });

  test('an id already in use is refused before saving', async () => {
    const { fake } = await openNewJobForm();
    await userEvent.type(screen.getByLabelText('Id'), 'backup-home');
    await userEvent.click(screen.getByRole('button', { name: 'Add job' }));
    expect(screen.getByText('another job already uses the id "backup-home"')).toBeInTheDocument();
    expect(fake.calls.saveJob).not.toHaveBeenCalled();
  });

  test('a valid job shows its schedule in words and next fires, then saves only what was set', async () => {
    const { fake } = await openNewJobForm();
    await userEvent.type(screen.getByLabelText('Id'), 'nightly');
    const schedule = screen.getByLabelText('Schedule');
    await userEvent.clear(schedule);
    await userEvent.type(schedule, '15 4 * * *');
    expect(await screen.findByText('At 04:15')).toBeInTheDocument();
    expect(fake.calls.previewSchedule).toHaveBeenLastCalledWith({ cron: '15 4 * * *', count: 5 });
    await userEvent.click(screen.getByRole('button', { name: 'Add job' }));
    await waitFor(() => expect(fake.calls.saveJob).toHaveBeenCalledTimes(1));
    expect(fake.calls.saveJob).toHaveBeenCalledWith({
      job: { id: 'nightly', cron: '15 4 * * *', command: 'echo "hello from cronbar"' },
    });
  });

  test('templates fill the form with their policies, and save once the marked values are filled in', async () => {
    const { fake } = await openNewJobForm();
    await userEvent.click(screen.getByRole('button', { name: 'git pull of a repository' }));
    expect(screen.getByLabelText('Id')).toHaveValue('git-pull');
    const command = screen.getByLabelText('Command');
    expect(command).toHaveValue('git\n-C\n«~/src/my-repo»\npull\n--ff-only');
    expect(screen.getByLabelText('Stop a run after')).toHaveValue('2m');
    await userEvent.clear(command);
    await userEvent.type(command, 'git{Enter}-C{Enter}~/notes{Enter}pull{Enter}--ff-only');
    await userEvent.click(screen.getByRole('button', { name: 'Add job' }));
    await waitFor(() => expect(fake.calls.saveJob).toHaveBeenCalled());
    expect(fake.calls.saveJob.mock.calls[0]![0]).toEqual({
      job: {
        id: 'git-pull',
        name: 'Pull a repository',
        every: '15m',
        command: ['git', '-C', '~/notes', 'pull', '--ff-only'],
        timeout: '2m',
        overlap: 'skip',
        catchUp: 'skip',
        env: { GIT_TERMINAL_PROMPT: '0' },
        expect: { succeededWithin: '2h' },
        notify: { alertAfter: 3 },
      },
    });
  });

  test('a schedule the core rejects after the form accepted it is said, not left blank', async () => {
    await openNewJobForm({
      previewSchedule: () => ok({ fires: [], description: '', error: 'February 30 never comes', timezone: 'UTC' }),
    });
    const schedule = screen.getByLabelText('Schedule');
    await userEvent.clear(schedule);
    await userEvent.type(schedule, '0 3 * * *');
    expect(await screen.findByText('Schedule problem: February 30 never comes')).toBeInTheDocument();
  });

  test('editing a job whose file changed on disk meanwhile is refused, and reloading shows the disk version', async () => {
    const job = sampleJob();
    let disk = { cron: '0 2 * * *', command: 'restic backup ~/', version: 'v1' };
    const fake = createFakeApi(
      { jobs: [job] },
      {
        readConfig: () => ok({ path: '/data/jobs.yaml', text: 'jobs: []\n', version: disk.version }),
        getJob: () => ok({ job, source: { id: job.id, cron: disk.cron, command: disk.command }, nextFires: [] }),
        saveJob: () =>
          fail('jobs.yaml changed on disk since it was opened; reload it and apply your change again', 'conflict'),
      },
    );
    const { store } = renderApp(fake);
    await screen.findByText('Back up home');
    act(() => store.getState().navigate({ name: 'editor', mode: 'form', jobId: job.id }));
    const schedule = await screen.findByLabelText('Schedule');
    expect(schedule).toHaveValue('0 2 * * *');
    await userEvent.clear(schedule);
    await userEvent.type(schedule, '0 4 * * *');
    disk = { cron: '0 3 * * *', command: 'restic backup ~/ --tag nightly', version: 'v2' };
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(fake.calls.saveJob).toHaveBeenCalledTimes(1));
    expect(fake.calls.saveJob.mock.calls[0]![0]).toMatchObject({ replaceId: 'backup-home', baseVersion: 'v1' });
    expect(await screen.findByText(/changed on disk since it was opened/)).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Reload the job from disk (drops your edits)' }));
    await waitFor(() => expect(screen.getByLabelText('Schedule')).toHaveValue('0 3 * * *'));
    expect(screen.getByLabelText('Command')).toHaveValue('restic backup ~/ --tag nightly');
    expect(screen.queryByText(/changed on disk since it was opened/)).not.toBeInTheDocument();
  });

  test('Cancel on an untouched form leaves at once; with edits it asks in the window, and Keep editing keeps them', async () => {
    const { store } = await openNewJobForm();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(store.getState().view).toEqual({ name: 'jobs' });

    await userEvent.click(screen.getByRole('button', { name: '+ New job' }));
    await userEvent.type(await screen.findByLabelText('Id'), 'nightly');
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Discard your changes?' });
    expect(dialog).toHaveAccessibleDescription('This new job is not saved. Leaving drops it.');
    // The safe answer has focus, so a stray Enter keeps the edits.
    expect(within(dialog).getByRole('button', { name: 'Keep editing' })).toHaveFocus();
    expect(store.getState().view).toEqual({ name: 'editor', mode: 'form' });

    await userEvent.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Id')).toHaveValue('nightly');

    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await userEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Discard changes' }));
    expect(store.getState().view).toEqual({ name: 'jobs' });
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  test('Esc asks the same question when the form has edits; Esc again answers Keep editing', async () => {
    const { store } = await openNewJobForm();
    await userEvent.type(screen.getByLabelText('Name'), 'Nightly report');
    // The first Esc leaves the field (as everywhere in the window), the second asks to leave the form.
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    await userEvent.keyboard('{Escape}');
    expect(screen.getByRole('alertdialog', { name: 'Discard your changes?' })).toBeInTheDocument();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(store.getState().view).toEqual({ name: 'editor', mode: 'form' });
    expect(screen.getByLabelText('Name')).toHaveValue('Nightly report');

    await userEvent.keyboard('{Escape}');
    await userEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Discard changes' }));
    expect(store.getState().view).toEqual({ name: 'jobs' });
  });

  test('an edit of an existing job asks before leaving, but not after it was saved', async () => {
    const fake = createFakeApi({ jobs: [sampleJob()] });
    const { store } = renderApp(fake);
    await screen.findByText('Back up home');
    act(() => store.getState().navigate({ name: 'editor', mode: 'form', jobId: 'backup-home' }));
    const schedule = await screen.findByLabelText('Schedule');
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(store.getState().view).toEqual({ name: 'jobs' });

    act(() => store.getState().navigate({ name: 'editor', mode: 'form', jobId: 'backup-home' }));
    await userEvent.clear(await screen.findByLabelText('Schedule'));
    await userEvent.type(screen.getByLabelText('Schedule'), '0 4 * * *');
    await userEvent.click(screen.getByRole('button', { name: 'Jobs' }));
    expect(screen.getByRole('alertdialog')).toHaveAccessibleDescription(
      'Your edits to backup-home are not saved. Leaving drops them.',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Keep editing' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(store.getState().view).toEqual({ name: 'job', jobId: 'backup-home' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(schedule).not.toBeInTheDocument();
  });
});
