// @vitest-environment jsdom
import '../setup';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { JobsFileSchema, normalizeJobsFile } from '../../../shared/config/schema';
import { type FakeApi, createFakeApi, fail, makeStatus, ok } from '../fake-api';
import { renderApp } from '../render-app';

const FILE = 'concurrency: 2\njobs:\n  - id: backup-home\n    cron: "0 2 * * *"\n    command: restic backup ~/\n';

function settingsApi(handlers: Parameters<typeof createFakeApi>[1] = {}, text = FILE) {
  return createFakeApi(
    { status: makeStatus({ concurrency: 2, dataDir: '/home/admin/.config/cronbar' }) },
    {
      readConfig: () => ok({ path: '/home/admin/.config/cronbar/jobs.yaml', text, version: 'v1' }),
      getAppSettings: () => ok({ launchAtLogin: false, platform: 'linux', version: '0.1.0' }),
      setLaunchAtLogin: (input: { enabled: boolean }) => ok({ launchAtLogin: input.enabled }),
      openDataFolder: () => ok({}),
      writeConfig: () => ok({ version: 'v2' }),
      ...handlers,
    },
  );
}

async function openSettings(fake: FakeApi) {
  renderApp(fake);
  await userEvent.click(await screen.findByRole('button', { name: 'Settings' }));
  return screen.findByRole('spinbutton', { name: 'Jobs running at once' });
}

describe('settings view', () => {
  test('shows the data folder with an open button, and launch at login switches through the app', async () => {
    const fake = settingsApi();
    await openSettings(fake);
    expect(screen.getByText('/home/admin/.config/cronbar')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Open data folder' }));
    expect(fake.calls.openDataFolder).toHaveBeenCalled();
    await userEvent.click(await screen.findByRole('switch', { name: 'Launch Cronbar at login' }));
    expect(fake.calls.setLaunchAtLogin).toHaveBeenCalledWith({ enabled: true });
  });

  test('"pause until the morning" ends at the time set here: the setting is stored and Pause all offers it', async () => {
    let morning = '08:00';
    const fake = settingsApi({
      getAppSettings: () => ok({ launchAtLogin: false, platform: 'linux', version: '0.1.0', pauseMorning: morning }),
      setPauseMorning: (input: { time: string }) => ((morning = input.time), ok({ pauseMorning: input.time })),
    });
    await openSettings(fake);
    const input = await screen.findByLabelText(/Pause until the morning.* ends at/);
    expect(input).toHaveValue('08:00');
    // jsdom's time input takes a whole value at once (as a browser's picker gives it).
    fireEvent.change(input, { target: { value: '06:45' } });
    await waitFor(() => expect(fake.calls.setPauseMorning).toHaveBeenLastCalledWith({ time: '06:45' }));
    await waitFor(() => expect(input).toHaveValue('06:45'));
    await userEvent.click(screen.getByRole('button', { name: /^Pause all/ }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByLabelText(/until (tomorrow )?06:45/)).toBeChecked();
  });

  test('says when the desktop probably shows no tray icon (stock GNOME), and says nothing otherwise', async () => {
    const warning = 'This GNOME desktop probably shows no tray icon: install and enable the AppIndicator extension.';
    await openSettings(
      settingsApi({
        getAppSettings: () => ok({ launchAtLogin: false, platform: 'linux', version: '0.1.0', trayWarning: warning }),
      }),
    );
    expect(await screen.findByRole('note')).toHaveTextContent(`No tray icon: ${warning}`);
  });

  test('no tray note where the tray works', async () => {
    await openSettings(settingsApi());
    await screen.findByRole('switch', { name: 'Launch Cronbar at login' });
    expect(screen.queryByRole('note')).toBeNull();
  });

  test('a file that does not set notifications shows what the scheduler will actually do', async () => {
    await openSettings(settingsApi());
    const core = normalizeJobsFile(JobsFileSchema.parse(parse(FILE)), 'UTC').jobs[0]!.notify;
    const policy = screen.getByRole('group', { name: 'Notify me when a job' });
    const checked = (name: string) => (within(policy).getByRole('checkbox', { name }) as HTMLInputElement).checked;
    expect({
      failure: checked('fails or times out'),
      success: checked('succeeds'),
      missed: checked('missed its time'),
    }).toEqual({ ...core });
  });

  test('a retention of 0 days is refused next to its field and nothing is written; a good one is saved into the file', async () => {
    const fake = settingsApi();
    await openSettings(fake);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Prune old runs daily' }));
    const keepDays = screen.getByRole('spinbutton', { name: 'Keep days' });
    await userEvent.clear(keepDays);
    await userEvent.type(keepDays, '0');
    expect(keepDays).toHaveAccessibleDescription('a whole number of days, at least 1');
    expect(screen.getByRole('button', { name: 'Save to jobs file' })).toBeDisabled();
    await userEvent.clear(keepDays);
    expect(keepDays).toHaveAttribute('aria-invalid', 'true');
    expect(fake.calls.writeConfig).not.toHaveBeenCalled();

    await userEvent.type(keepDays, '14');
    await userEvent.click(screen.getByRole('button', { name: 'Save to jobs file' }));
    expect(fake.calls.writeConfig).toHaveBeenCalledTimes(1);
    const written = fake.calls.writeConfig.mock.calls[0]![0] as { text: string; baseVersion: string };
    expect(written.baseVersion).toBe('v1');
    const job = (parse(written.text) as { jobs: Array<{ id: string; with?: { keepDays: number } }> }).jobs.find(
      (entry) => entry.id === 'prune-history',
    );
    expect(job?.with?.keepDays).toBe(14);
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
  });

  test('a refused save shows why, with the problem placed in the file', async () => {
    const issue = { file: 'jobs.yaml', line: 1, col: 14, path: 'concurrency', message: 'must be at most 64' };
    const fake = settingsApi({
      writeConfig: () => ({
        ok: false,
        error: { code: 'invalid-config', message: 'jobs.yaml not saved', issues: [issue] },
      }),
    });
    await openSettings(fake);
    await userEvent.click(screen.getByRole('button', { name: 'Save to jobs file' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Not saved');
    expect(alert).toHaveTextContent('jobs.yaml:1:14 concurrency: must be at most 64');
  });

  test('a jobs file that cannot be read is an error with a retry', async () => {
    let attempts = 0;
    const fake = settingsApi({
      readConfig: () =>
        ++attempts === 1 ? fail('EACCES: permission denied') : ok({ path: '/x/jobs.yaml', text: FILE, version: 'v1' }),
    });
    renderApp(fake);
    await userEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    expect(await screen.findByText('EACCES: permission denied')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('spinbutton', { name: 'Jobs running at once' })).toHaveValue(2);
  });
});
