// @vitest-environment jsdom
import '../setup';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { parseDuration as duration } from '../../../shared/config/duration';
import { JobsFileSchema } from '../../../shared/config/schema';
import { JOB_TEMPLATES } from '../../../renderer/views/editor/templates';
import { createFakeApi, sampleJob } from '../fake-api';
import { renderApp } from '../render-app';

const WANTED = ['restic', 'borg', 'rsync', 'git pull', 'Certificate renewal', 'Disk-space check'];

describe('job templates', () => {
  test('the templates an admin needs are offered, and the copy of the built-in database backup is gone', () => {
    const labels = JOB_TEMPLATES.map((template) => template.label);
    for (const wanted of WANTED)
      expect(
        labels.some((label) => label.includes(wanted)),
        wanted,
      ).toBe(true);
    expect(JOB_TEMPLATES.some((template) => 'builtin' in template.source)).toBe(false);
  });

  test.each(JOB_TEMPLATES.filter((template) => template.key !== 'shell'))(
    '$label is a valid job with a bounded run time, an overlap policy, and marks what must be filled in',
    (template) => {
      const parsed = JobsFileSchema.safeParse({ jobs: [template.source] });
      expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
      const source = template.source as { timeout?: string; overlap?: string; every?: string; cron?: string };
      expect(source.overlap).toBeDefined();
      // A timeout set on purpose (never "no timeout"), shorter than a day.
      expect(duration(source.timeout ?? '')).toBeGreaterThan(0);
      expect(duration(source.timeout!)).toBeLessThan(86_400_000);
      // A frequent job must finish before its next start.
      if (source.every) expect(duration(source.timeout!)).toBeLessThan(duration(source.every)!);
      // What is the admin's own (a repository, a folder, a site) is marked to fill in.
      expect(JSON.stringify(template.source)).toMatch(/«[^»]+»/);
    },
  );

  test('a template with a value left to fill in is not saved, and the field that holds it says so', async () => {
    const fake = createFakeApi({ jobs: [sampleJob()] });
    renderApp(fake);
    await screen.findByText('Back up home');
    await userEvent.click(screen.getByRole('button', { name: '+ New job' }));
    await userEvent.click(await screen.findByRole('button', { name: 'restic backup' }));
    expect(screen.getByText(/Replace each value marked «like this»/)).toBeInTheDocument();
    expect(screen.getByLabelText('Retries')).toHaveValue('2');
    expect(screen.getByLabelText('If still running')).toHaveValue('skip');
    await userEvent.click(screen.getByRole('button', { name: 'Add job' }));
    expect(
      screen.getByText('replace «sftp:user@host:/srv/restic-repo» with your own value', {
        selector: '#job-env-error',
      }),
    ).toBeInTheDocument();
    expect(fake.calls.saveJob).not.toHaveBeenCalled();

    const variables = screen.getByLabelText('Variables');
    await userEvent.clear(variables);
    // Pasted, as an admin brings a repository address: typing it key by key only slows the test.
    await userEvent.paste('RESTIC_REPOSITORY=/mnt/nas/restic\nRESTIC_PASSWORD_FILE=~/.restic-pass');
    await userEvent.click(screen.getByRole('button', { name: 'Add job' }));
    await waitFor(() => expect(fake.calls.saveJob).toHaveBeenCalledTimes(1));
    expect(fake.calls.saveJob.mock.calls[0]![0]).toMatchObject({
      job: {
        id: 'restic-backup',
        env: { RESTIC_REPOSITORY: '/mnt/nas/restic', RESTIC_PASSWORD_FILE: '~/.restic-pass' },
        timeout: '6h',
        overlap: 'skip',
        expect: { succeededWithin: '26h' },
      },
    });
  });
});
