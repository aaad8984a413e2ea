// @vitest-environment jsdom
import '../setup';
import { render, screen } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import type { Delivery } from '../../../shared/deliveries';
import { createAppStore } from '../../../renderer/store/app-store';
import { StoreProvider } from '../../../renderer/store/store-context';
import { RunLog } from '../../../renderer/views/run-log';
import { createFakeApi, makeRun, ok } from '../fake-api';

const at = new Date(2026, 2, 1, 2, 1, 0).getTime();
const delivery = (overrides: Partial<Delivery>): Delivery => ({
  channel: 'ops-mail',
  kind: 'email',
  to: 'admin@example.org',
  event: 'failure',
  status: 'sent',
  attempts: 1,
  createdAt: at,
  lastTryAt: at,
  nextTryAt: null,
  reason: null,
  ...overrides,
});

function show(deliveries: Delivery[]) {
  const fake = createFakeApi({}, { runDeliveries: () => ok(deliveries) });
  render(
    <StoreProvider store={createAppStore(fake.api)}>
      <RunLog run={makeRun({ id: 42, status: 'failed', exitCode: 1 })} />
    </StoreProvider>,
  );
  return fake;
}

describe('run detail: notifications', () => {
  test('says where the run’s failure went and what failed', async () => {
    const fake = show([
      delivery({}),
      delivery({
        channel: 'phone',
        kind: 'ntfy',
        to: 'ntfy.example.org:443',
        status: 'failed',
        reason: 'HTTP 401 Unauthorized',
      }),
    ]);
    const line = await screen.findByLabelText('Notifications');
    expect(line).toHaveTextContent(
      'Notified: mailed admin@example.org at 2026-03-01 02:01:00; phone (ntfy) failed: HTTP 401 Unauthorized',
    );
    expect(line).toHaveClass('run-deliveries-problem');
    expect(fake.calls.runDeliveries).toHaveBeenCalledWith({ runId: 42 });
  });

  test('says nothing when no channel was told', async () => {
    show([]);
    await screen.findByText('This run printed nothing.');
    expect(screen.queryByLabelText('Notifications')).toBeNull();
  });
});
