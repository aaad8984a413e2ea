// @vitest-environment jsdom
import '../setup';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import type { HttpApiState } from '../../../shared/model';
import { createFakeApi, makeStatus, ok } from '../fake-api';
import { renderApp } from '../render-app';

function apiWith(initial: Partial<HttpApiState> = {}) {
  let state: HttpApiState = {
    enabled: false,
    port: 7370,
    url: null,
    servedBy: null,
    error: null,
    tokenPath: '/home/admin/.config/Cronbar/api-token',
    ...initial,
  };
  return createFakeApi(
    { status: makeStatus({ dataDir: '/home/admin/.config/Cronbar' }) },
    {
      readConfig: () => ok({ path: '/home/admin/.config/Cronbar/jobs.yaml', text: 'jobs: []\n', version: 'v1' }),
      getAppSettings: () => ok({ launchAtLogin: false, platform: 'linux', version: '0.1.0' }),
      getHttpApi: () => ok(state),
      setHttpApi: ((input: { enabled: boolean; port: number }) => {
        state = { ...state, ...input, url: input.enabled ? `http://127.0.0.1:${input.port}` : null };
        return ok(state);
      }) as never,
    },
  );
}

async function openSettings(fake: ReturnType<typeof apiWith>) {
  renderApp(fake);
  await userEvent.click(await screen.findByRole('button', { name: 'Settings' }));
  return screen.findByRole('switch', { name: 'Serve the local HTTP API and /metrics' });
}

describe('the Local HTTP API setting', () => {
  test('turns the API on at the chosen port through window.api and says where it is served', async () => {
    const fake = apiWith();
    const toggle = await openSettings(fake);
    expect(screen.getByText('Off')).toBeInTheDocument();
    expect(screen.getByText('/home/admin/.config/Cronbar/api-token')).toBeInTheDocument();
    const port = screen.getByRole('spinbutton', { name: 'Port' });
    await userEvent.clear(port);
    await userEvent.type(port, '7444');
    await userEvent.click(toggle);
    expect(fake.calls.setHttpApi).toHaveBeenCalledWith({ enabled: true, port: 7444 });
    expect(await screen.findByText('Serving at http://127.0.0.1:7444')).toBeInTheDocument();
    // A new port while on is applied with its own button.
    await userEvent.clear(port);
    await userEvent.type(port, '7555');
    await userEvent.click(screen.getByRole('button', { name: 'Use port 7555' }));
    expect(fake.calls.setHttpApi).toHaveBeenLastCalledWith({ enabled: true, port: 7555 });
  });

  test('refuses a port that is not one next to its field and sends nothing', async () => {
    const fake = apiWith();
    const toggle = await openSettings(fake);
    const port = screen.getByRole('spinbutton', { name: 'Port' });
    await userEvent.clear(port);
    await userEvent.type(port, '70000');
    expect(port).toHaveAccessibleDescription('a port number between 1 and 65535');
    expect(toggle).toBeDisabled();
    expect(fake.calls.setHttpApi).not.toHaveBeenCalled();
  });

  test('names the daemon that serves the API when the app does not schedule, and shows a serving error', async () => {
    await openSettings(
      apiWith({
        enabled: true,
        servedBy: 'the daemon (pid 42) at http://127.0.0.1:7370',
        error: 'port 7370 is in use by another program; pick another',
      }),
    );
    expect(
      screen.getByText('Served by the daemon (pid 42) at http://127.0.0.1:7370, which schedules this data folder'),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('port 7370 is in use');
  });
});
