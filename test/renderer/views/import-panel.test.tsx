// @vitest-environment jsdom
import '../setup';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { createFakeApi, fail, ok, sampleJob } from '../fake-api';
import { renderApp } from '../render-app';

const CRONTAB = '# Nightly backup\n0 2 * * * /usr/local/bin/backup.sh\n@reboot /bin/on-boot\n';
const PREVIEW = {
  jobs: [
    {
      id: 'backup',
      source: {
        id: 'backup',
        description: 'Nightly backup',
        cron: '0 2 * * *',
        command: '/usr/local/bin/backup.sh',
        shell: '/bin/sh',
      },
      file: 'pasted crontab',
      line: 2,
      description: 'At 02:00',
      timezone: 'UTC',
      nextFires: [Date.UTC(2030, 0, 1, 2, 0), Date.UTC(2030, 0, 2, 2, 0)],
      policies: { overlap: 'parallel', catchUp: 'skip', timeoutMs: 0, fromSource: ['overlap' as const] },
    },
  ],
  losses: [{ file: 'pasted crontab', line: 3, reason: '@reboot runs once at boot; not imported' }],
  alreadyInCronbar: [],
  sourceStillRuns: { crontabLines: [{ text: '0 2 * * * /usr/local/bin/backup.sh', jobId: 'backup' }], commands: [] },
  yaml: 'jobs:\n  - id: backup\n',
};

async function openImport(handlers: Parameters<typeof createFakeApi>[1] = {}) {
  const fake = createFakeApi(
    { jobs: [sampleJob()] },
    {
      previewImport: () => ok(PREVIEW),
      importJobs: () =>
        ok({
          version: 'v2',
          ids: ['backup'],
          losses: PREVIEW.losses,
          alreadyInCronbar: [],
          sourceStillRuns: PREVIEW.sourceStillRuns,
        }),
      disableCrontabLines: () =>
        ok({
          backupPath: '/data/backups/crontab-20300101-020000.txt',
          commented: [{ line: 3, text: '0 2 * * * /usr/local/bin/backup.sh', jobId: 'backup' }],
          notFound: [],
        }),
      ...handlers,
    },
  );
  renderApp(fake);
  await screen.findByText('Back up home');
  await userEvent.click(screen.getByRole('button', { name: /^Editor$/ }));
  // The editor is loaded lazily (its own chunk): give the first load time.
  await userEvent.click(await screen.findByRole('button', { name: 'Import…' }, { timeout: 10_000 }));
  await screen.findByRole('heading', { name: 'Import jobs' });
  return fake;
}

describe('Import… in the editor', () => {
  test('a pasted crontab is previewed with schedules, next fires and what is not carried over, then added', async () => {
    const fake = await openImport();
    expect(screen.getByRole('button', { name: 'Preview' })).toBeDisabled();
    await userEvent.type(screen.getByLabelText('Crontab to import'), CRONTAB);
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    const list = await screen.findByRole('list', { name: 'Jobs to import' });
    expect(fake.calls.previewImport).toHaveBeenCalledWith({
      format: 'crontab',
      files: [{ name: 'pasted crontab', text: CRONTAB }],
    });
    expect(within(list).getByText('backup')).toBeInTheDocument();
    expect(within(list).getByText(/At 02:00/)).toBeInTheDocument();
    expect(within(list).getByText('2030-01-01 02:00:00')).toBeInTheDocument();
    expect(
      within(screen.getByRole('list', { name: 'Not carried over' })).getByText(/@reboot runs once at boot/),
    ).toBeInTheDocument();
    expect(screen.getByText('pasted crontab:3')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Add 1 job' }));
    expect(await screen.findByText('Added 1 job: backup')).toHaveAttribute('role', 'status');
    expect(fake.calls.importJobs).toHaveBeenCalledWith({
      format: 'crontab',
      files: [{ name: 'pasted crontab', text: CRONTAB }],
      baseVersion: 'v1',
    });
    await waitFor(() => expect(fake.calls.listJobs.mock.calls.length).toBeGreaterThan(1));

    // cron still runs the line: the window says so and comments out exactly that line on request.
    const still = screen.getByRole('list', { name: 'Crontab lines still running' });
    expect(still).toHaveTextContent('0 2 * * * /usr/local/bin/backup.sh → backup');
    await userEvent.click(screen.getByRole('button', { name: 'Comment out this line in my crontab' }));
    expect(fake.calls.disableCrontabLines).toHaveBeenCalledWith({ lines: PREVIEW.sourceStillRuns.crontabLines });
    expect(await screen.findByText(/Commented out 1 line in your crontab \(line 3\)/)).toHaveTextContent(
      '/data/backups/crontab-20300101-020000.txt',
    );
  });

  test("the carried-over policies are shown, and Cronbar's defaults can be taken instead", async () => {
    const fake = await openImport();
    await userEvent.type(screen.getByLabelText('Crontab to import'), CRONTAB);
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    const list = await screen.findByRole('list', { name: 'Jobs to import' });
    expect(
      within(list).getByText(/runs may overlap \(from the source\) · nothing missed is caught up · no timeout/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText(/Use Cronbar's defaults/));
    await waitFor(() =>
      expect(fake.calls.previewImport).toHaveBeenLastCalledWith({
        format: 'crontab',
        files: [{ name: 'pasted crontab', text: CRONTAB }],
        policies: 'cronbar',
      }),
    );
  });

  test('a source whose every job is in Cronbar already adds nothing and says so', async () => {
    await openImport({
      previewImport: () =>
        ok({
          ...PREVIEW,
          jobs: [],
          alreadyInCronbar: [
            { file: 'pasted crontab', line: 2, existingId: 'backup', reason: 'same schedule and command as backup' },
          ],
        }),
    });
    await userEvent.type(screen.getByLabelText('Crontab to import'), CRONTAB);
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    await screen.findByRole('heading', { name: 'Nothing new: every job is in Cronbar already' });
    expect(screen.getByRole('list', { name: 'Already in Cronbar' })).toHaveTextContent(
      'pasted crontab:2 same schedule and command as backup',
    );
    expect(screen.queryByRole('button', { name: /^Add/ })).toBeDisabled();
    // The line still runs in cron: the way out is offered at once.
    screen.getByRole('button', { name: 'Comment out this line in my crontab' });
  });

  test('picked files are read in the window and sent with their names; the format and system field go along', async () => {
    const fake = await openImport();
    const file = new File(['17 * * * * root run-parts /etc/cron.hourly\n'], 'cron-hourly', { type: 'text/plain' });
    await userEvent.click(screen.getByLabelText(/System crontab/));
    await userEvent.upload(screen.getByLabelText('Pick files to import'), file);
    await screen.findByText(/cron-hourly/);
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    await screen.findByRole('list', { name: 'Jobs to import' });
    expect(fake.calls.previewImport).toHaveBeenCalledWith({
      format: 'crontab',
      files: [{ name: 'cron-hourly', text: '17 * * * * root run-parts /etc/cron.hourly\n' }],
      systemCrontab: true,
    });
  });

  test('a refused import says why and adds nothing', async () => {
    const fake = await openImport({
      importJobs: () => fail('jobs.yaml changed on disk since it was opened; reload it and try again', 'conflict'),
    });
    await userEvent.type(screen.getByLabelText('Crontab to import'), CRONTAB);
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Add 1 job' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('changed on disk');
    expect(screen.queryByText(/Added 1 job/)).not.toBeInTheDocument();
    expect(fake.calls.importJobs).toHaveBeenCalledTimes(1);
  });
});
