// @vitest-environment jsdom
import '../setup';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import type { ChannelView } from '../../../shared/deliveries';
import { channelFromDraft, channelProblems, EMPTY_CHANNEL } from '../../../renderer/views/channel-form-model';
import { createFakeApi, fail, ok } from '../fake-api';
import { renderApp } from '../render-app';

function apiWith(initial: ChannelView[]) {
  let channels = [...initial];
  return createFakeApi(
    {},
    {
      readConfig: () => ok({ path: '/home/admin/jobs.yaml', text: 'jobs: []\n', version: 'v1' }),
      getAppSettings: () => ok({ launchAtLogin: false, platform: 'linux', version: '0.1.0' }),
      listChannels: () => ok(channels),
      testChannel: ((input: { name: string }) =>
        input.name === 'phone'
          ? ok({
              channel: 'phone',
              kind: 'ntfy',
              target: 'ntfy.example.org:443',
              ok: false,
              reason: 'HTTP 401 Unauthorized: unauthorized',
              ms: 40,
            })
          : ok({
              channel: input.name,
              kind: 'email',
              target: 'smtp.example.org:587',
              ok: true,
              reason: null,
              ms: 120,
            })) as never,
      saveChannel: ((input: { name: string; channel: Record<string, unknown> }) => {
        if (input.name === 'taken')
          return fail('jobs.yaml not saved: 1 problem, first: jobs.yaml:3:5 …', 'invalid-config');
        channels = [...channels, { name: input.name, kind: Object.keys(input.channel)[0]!, to: 'URL in ~/.slack' }];
        return ok({ version: 'v2' });
      }) as never,
      deleteChannel: ((input: { name: string }) => {
        channels = channels.filter((channel) => channel.name !== input.name);
        return ok({ version: 'v3' });
      }) as never,
    },
  );
}

async function openSettings(fake: ReturnType<typeof apiWith>) {
  renderApp(fake);
  await userEvent.click(await screen.findByRole('button', { name: 'Settings' }));
  return screen.findByRole('heading', { name: 'Notification channels' });
}

describe('Settings: notification channels', () => {
  test('lists the channels, tests one and says exactly what failed, removes one', async () => {
    const fake = apiWith([
      { name: 'ops-mail', kind: 'email', to: 'admin@example.org' },
      { name: 'phone', kind: 'ntfy', to: 'ntfy.example.org:443' },
    ]);
    await openSettings(fake);
    const list = await screen.findByRole('list', { name: 'Channels' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      expect.stringContaining('ops-mail email admin@example.org'),
      expect.stringContaining('phone ntfy ntfy.example.org:443'),
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Test phone' }));
    expect(await screen.findByRole('status', { name: 'Channel test' })).toHaveTextContent(
      'phone (ntfy via ntfy.example.org:443): HTTP 401 Unauthorized: unauthorized',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Remove phone' }));
    expect(fake.calls.deleteChannel).toHaveBeenCalledWith({ name: 'phone' });
    await screen.findByRole('button', { name: 'Test ops-mail' });
    expect(screen.queryByRole('button', { name: 'Test phone' })).toBeNull();
  });

  test('adds a Slack channel whose URL is read from a file, through the jobs-file edit', async () => {
    const fake = apiWith([]);
    await openSettings(fake);
    await userEvent.click(screen.getByRole('button', { name: 'Add a channel…' }));
    const form = screen.getByRole('form', { name: 'New channel' });
    await userEvent.type(within(form).getByLabelText('Name'), 'team');
    await userEvent.selectOptions(within(form).getByLabelText('Kind'), 'slack');
    expect(within(form).getByRole('button', { name: 'Add channel' })).toBeDisabled();
    await userEvent.type(within(form).getByLabelText('File holding the URL'), '~/.slack');
    await userEvent.click(within(form).getByRole('button', { name: 'Add channel' }));
    expect(fake.calls.saveChannel).toHaveBeenCalledWith({ name: 'team', channel: { slack: { urlFile: '~/.slack' } } });
    expect(await screen.findByRole('button', { name: 'Test team' })).toBeInTheDocument();
  });
});

describe('the channel form model', () => {
  test('asks each kind for what it needs, secrets only as files', () => {
    expect(channelProblems({ ...EMPTY_CHANNEL, name: 'ops', kind: 'email' })).toEqual({
      to: 'an address to mail',
      smtpHost: 'the mail server',
    });
    expect(
      channelFromDraft({
        ...EMPTY_CHANNEL,
        name: 'ops',
        to: 'a@example.org, b@example.org',
        smtpHost: 'smtp.example.org',
        smtpPort: '587',
        smtpUser: 'cronbar',
        passwordFile: '~/.smtp',
      }),
    ).toEqual({
      email: {
        to: ['a@example.org', 'b@example.org'],
        smtp: { host: 'smtp.example.org', port: 587, user: 'cronbar', passwordFile: '~/.smtp' },
      },
    });
    expect(channelProblems({ ...EMPTY_CHANNEL, name: 'g', kind: 'gotify', url: 'https://push.example.org' })).toEqual({
      tokenFile: 'the file holding the app token',
    });
  });
});
