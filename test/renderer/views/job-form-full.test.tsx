// @vitest-environment jsdom
import '../setup';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { createFakeApi, ok, sampleJob } from '../fake-api';
import { renderApp } from '../render-app';

/** A job with every setting the jobs file has, as written in the file. */
const FULL_JOB = {
  id: 'nightly-backup',
  name: 'Nightly backup',
  description: 'restic to the NAS',
  tags: ['backup', 'nas'],
  enabled: false,
  cron: '0 2 * * *',
  timezone: 'America/New_York',
  jitter: '5m',
  catchUp: { policy: 'all', window: '12h', max: 3 },
  after: [{ job: 'mount-nas', on: 'failure', delay: '2m' }, { job: 'build' }],
  command: 'restic backup ~/',
  retry: { attempts: 3, delay: '1m', backoff: 2, maxDelay: '30m' },
  timeout: '2h',
  overlap: 'queue',
  cwd: '~/data',
  shell: '/bin/bash',
  env: { RESTIC_REPOSITORY: '/mnt/nas/restic', LEVEL: '3' },
  path: ['/opt/restic/bin', '~/bin'],
  envFile: '~/.config/restic.env',
  notify: { failure: true, success: false, alertAfter: 2, channels: ['ops-mail'] },
  expect: { succeededWithin: '26h' },
  warnAfter: '90m',
};

const FILE_TEXT = `notifications:
  ops-mail:
    email: { to: ops@example.org, smtp: { host: mail.example.org } }
  phone:
    ntfy: { urlEnv: NTFY_URL }
jobs:
  - { id: mount-nas, every: 1h, command: mount /mnt/nas }
  - { id: build, every: 1h, command: make }
  - { id: nightly-backup, cron: "0 2 * * *", command: restic backup ~/ }
`;

async function openFullJob(saveJob?: NonNullable<Parameters<typeof createFakeApi>[1]>['saveJob']) {
  const jobs = [sampleJob({ id: 'nightly-backup' }), sampleJob({ id: 'mount-nas' }), sampleJob({ id: 'build' })];
  const fake = createFakeApi(
    { jobs },
    {
      readConfig: () => ok({ path: '/data/jobs.yaml', text: FILE_TEXT, version: 'v1' }),
      getJob: () => ok({ job: jobs[0]!, source: FULL_JOB, nextFires: [] }),
      ...(saveJob ? { saveJob } : {}),
    },
  );
  const { store } = renderApp(fake);
  await screen.findAllByText('Back up home');
  act(() => store.getState().navigate({ name: 'editor', mode: 'form', jobId: 'nightly-backup' }));
  await screen.findByRole('form', { name: 'Edit job nightly-backup' });
  return fake;
}

const field = (label: string) => screen.getByLabelText(label);

describe('the job form edits every setting of the jobs file', () => {
  test('a job with every field set shows each value, and an edit saves exactly the job as the file holds it', async () => {
    const fake = await openFullJob();
    expect(field('Id')).toHaveValue('nightly-backup');
    expect(field('Name')).toHaveValue('Nightly backup');
    expect(field('Description')).toHaveValue('restic to the NAS');
    expect(field('Tags')).toHaveValue('backup, nas');
    expect(field('Enabled')).not.toBeChecked();
    expect(field('Schedule')).toHaveValue('0 2 * * *');
    expect(field('Time zone')).toHaveValue('America/New_York');
    expect(field('Random delay up to')).toHaveValue('5m');
    expect(field('Fires missed while off')).toHaveValue('all');
    expect(field('Catch up fires within')).toHaveValue('12h');
    expect(field('Catch-up runs at most')).toHaveValue('3');
    const chains = screen.getByRole('group', { name: 'Runs after' });
    expect(within(chains).getByLabelText('Parent job 1')).toHaveValue('mount-nas');
    expect(
      within(chains)
        .getAllByLabelText('When its run ends')
        .map((select) => (select as HTMLSelectElement).value),
    ).toEqual(['failure', 'success']);
    expect(within(chains).getAllByLabelText('Then wait')[0]).toHaveValue('2m');
    expect(within(chains).getByLabelText('Parent job 2')).toHaveValue('build');
    expect(field('Command')).toHaveValue('restic backup ~/');
    expect(field('Retries')).toHaveValue('3');
    expect(field('First retry after')).toHaveValue('1m');
    expect(field('Each wait times')).toHaveValue('2');
    expect(field('Longest wait')).toHaveValue('30m');
    expect(field('Stop a run after')).toHaveValue('2h');
    expect(field('If still running')).toHaveValue('queue');
    expect(field('Working folder')).toHaveValue('~/data');
    expect(field('Shell')).toHaveValue('/bin/bash');
    expect(field('Variables')).toHaveValue('RESTIC_REPOSITORY=/mnt/nas/restic\nLEVEL=3');
    expect(field('Add to PATH')).toHaveValue('/opt/restic/bin\n~/bin');
    expect(field('Variables file')).toHaveValue('~/.config/restic.env');
    expect(field('A run fails')).toHaveValue('on');
    expect(field('A run succeeds')).toHaveValue('off');
    expect(field('A fire is missed')).toHaveValue('');
    expect(field('Say nothing until failed in a row')).toHaveValue('2');
    // The channels offered are the file's notifications: names.
    const channels = screen.getByRole('group', { name: 'Also send to' });
    expect(within(channels).getByLabelText('ops-mail')).toBeChecked();
    expect(within(channels).getByLabelText('phone')).not.toBeChecked();
    expect(field('Overdue without a success for')).toHaveValue('26h');
    expect(field('Slow after')).toHaveValue('90m');
    expect(screen.queryByText(/Also kept as written/)).not.toBeInTheDocument();

    await userEvent.clear(field('Stop a run after'));
    await userEvent.type(field('Stop a run after'), '3h');
    await userEvent.selectOptions(field('If still running'), 'skip');
    await userEvent.click(within(channels).getByLabelText('phone'));
    await userEvent.click(screen.getByRole('button', { name: 'Remove parent job 2' }));
    await userEvent.selectOptions(field('A run succeeds'), '');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(fake.calls.saveJob).toHaveBeenCalledTimes(1));
    expect(fake.calls.saveJob).toHaveBeenCalledWith({
      replaceId: 'nightly-backup',
      baseVersion: 'v1',
      job: {
        ...FULL_JOB,
        timeout: '3h',
        overlap: 'skip',
        // One link left: written as one entry, as an admin would.
        after: { job: 'mount-nas', on: 'failure', delay: '2m' },
        notify: { failure: true, alertAfter: 2, channels: ['ops-mail', 'phone'] },
      },
    });
  });

  test('a problem the save finds in the file shows beside the field it names', async () => {
    await openFullJob(() => ({
      ok: false,
      error: {
        code: 'invalid-config',
        message: 'jobs.yaml not saved: 1 problem',
        issues: [
          {
            file: 'jobs.yaml',
            line: 30,
            col: 9,
            path: 'jobs[2].retry.maxDelay',
            message: 'the longest wait is shorter than the first',
          },
          // Another job's problem at the same key is not this job's field.
          { file: 'jobs.yaml', line: 4, col: 9, path: 'jobs[0].timeout', message: 'mount-nas: a bad timeout' },
        ],
      },
    }));
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    const placed = await screen.findByText('the longest wait is shorter than the first', {
      selector: '#job-retryMaxDelay-error',
    });
    expect(placed).toBeInTheDocument();
    expect(field('Longest wait')).toHaveAttribute('aria-invalid', 'true');
    expect(field('Stop a run after')).not.toHaveAttribute('aria-invalid');
    // Editing again clears what the save said; the next save answers anew.
    await userEvent.type(field('Longest wait'), '0');
    expect(screen.queryByText('the longest wait is shorter than the first')).not.toBeInTheDocument();
  });

  test('a variables line without = is refused at the field instead of becoming an empty variable', async () => {
    const fake = await openFullJob();
    await userEvent.type(field('Variables'), '{Enter}RESTIC_CACHE');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(
      screen.getByText('"RESTIC_CACHE" has no =: write KEY=value, one per line', { selector: '#job-env-error' }),
    ).toBeInTheDocument();
    expect(fake.calls.saveJob).not.toHaveBeenCalled();
  });

  test('a job that only runs after another needs no schedule, and a wrong delay is placed at the chain', async () => {
    const fake = await openFullJob();
    await userEvent.selectOptions(field('Kind'), 'none');
    expect(screen.queryByLabelText('Schedule')).not.toBeInTheDocument();
    const wait = screen.getAllByLabelText('Then wait')[1]!;
    await userEvent.type(wait, 'soon');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText(/"soon" is not a duration/, { selector: '#job-after-error' })).toBeInTheDocument();
    expect(fake.calls.saveJob).not.toHaveBeenCalled();
    await userEvent.clear(wait);
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(fake.calls.saveJob).toHaveBeenCalledTimes(1));
    const saved = (fake.calls.saveJob.mock.calls[0]![0] as { job: Record<string, unknown> }).job;
    expect(saved).not.toHaveProperty('cron');
    expect(saved.after).toEqual([{ job: 'mount-nas', on: 'failure', delay: '2m' }, { job: 'build' }]);
  });

  test('placeholders say what an empty field means, never a value that could be mistaken for one', async () => {
    const fake = createFakeApi({ jobs: [sampleJob()] });
    renderApp(fake);
    await screen.findByText('Back up home');
    await userEvent.click(screen.getByRole('button', { name: '+ New job' }));
    await screen.findByRole('form', { name: 'New job' });
    const placeholders = [
      ...document.querySelectorAll<HTMLInputElement>('input[placeholder], textarea[placeholder]'),
    ].map((input) => input.placeholder);
    expect(field('Time zone')).toHaveAttribute('placeholder', 'system zone');
    expect(placeholders.length).toBeGreaterThan(10);
    // Nothing that parses as a duration, a number, a zone or a path.
    for (const text of placeholders)
      expect(text, text).not.toMatch(/^\s*(\d+\s*(ms|s|m|h|d)?|[A-Z][a-z]+\/[A-Za-z_]+|[~/].*)\s*$/);
    // No channels declared: the form says the desktop is the only place alerts go.
    expect(screen.getByText(/The desktop only/)).toBeInTheDocument();
  });

  test("an empty field says what the file's defaults give instead", async () => {
    const text = `defaults:
  timeout: 45m
  overlap: queue
  retry: { attempts: 2, delay: 5m }
  notify: { failure: false }
  expect: { succeededWithin: 26h }
jobs: []
`;
    const fake = createFakeApi(
      { jobs: [sampleJob()] },
      { readConfig: () => ok({ path: '/data/jobs.yaml', text, version: 'v1' }) },
    );
    renderApp(fake);
    await screen.findByText('Back up home');
    await userEvent.click(screen.getByRole('button', { name: '+ New job' }));
    await screen.findByRole('form', { name: 'New job' });
    await waitFor(() => expect(field('Stop a run after')).toHaveAccessibleDescription('for example 30m; empty: 45m'));
    expect(
      within(field('If still running')).getByRole('option', { name: 'as the defaults say (queue)' }),
    ).toBeInTheDocument();
    expect(field('Retries')).toHaveAccessibleDescription('empty: 2 retries, first after 5m');
    expect(
      within(field('A run fails')).getByRole('option', { name: 'as the defaults say (stay quiet)' }),
    ).toBeInTheDocument();
    expect(
      within(field('A run succeeds')).getByRole('option', { name: 'as the defaults say (stay quiet)' }),
    ).toBeInTheDocument();
    expect(field('Overdue without a success for')).toHaveAccessibleDescription(
      'for example 26h for a nightly job; empty: 1d2h',
    );
    expect(field('Slow after')).toHaveAccessibleDescription(
      'flags a run still going, before the timeout; empty: never flagged slow',
    );
  });
});
