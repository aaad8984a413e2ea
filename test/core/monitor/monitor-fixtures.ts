/** Checks, pings and a Monitor on a fake clock, so each test states only the times that matter. */
import { type CheckSpec, resolveCheck } from '../../../shared/config/check-schema';
import type { PingKind, PingRecord } from '../../../shared/model';
import { Monitor, type MonitorListener } from '../../../electron/core/monitor/monitor';
import type { LastPings } from '../../../electron/core/monitor/monitor-store';
import { FakeClock } from '../../helpers/fake-clock';

export function makeCheck(
  fields: Partial<{ id: string; every: string; cron: string; timezone: string; grace: string }> = {},
): CheckSpec {
  return resolveCheck(
    {
      id: fields.id ?? 'nas',
      ...(fields.cron ? { cron: fields.cron } : { every: fields.every ?? '1h' }),
      ...(fields.timezone ? { timezone: fields.timezone } : {}),
      ...(fields.grace ? { grace: fields.grace } : {}),
    },
    'UTC',
  );
}

let nextPingId = 1;
export function makePing(kind: PingKind, at: number | string, fields: Partial<PingRecord> = {}): PingRecord {
  return {
    id: nextPingId++,
    checkId: 'nas',
    kind,
    at: typeof at === 'string' ? Date.parse(at) : at,
    exitCode: kind === 'exit' ? 0 : null,
    message: null,
    source: 'cli',
    outputBytes: 0,
    ...fields,
  };
}

export type Event = string;

export function monitorHarness(
  start = '2026-03-01T00:00:00Z',
  seed: { pings?: Map<string, LastPings>; lastSuccess?: Record<string, number | null> } = {},
) {
  const clock = new FakeClock(start);
  const events: Event[] = [];
  const lastSuccess = { ...(seed.lastSuccess ?? {}) };
  const iso = (ms: number) => new Date(ms).toISOString();
  const listener: MonitorListener = {
    checkChanged: (id, verdict, previous) =>
      events.push(`${iso(clock.now())} check ${id} ${previous}->${verdict.state}`),
    overdueChanged: (id, overdue) => events.push(`${iso(clock.now())} job ${id} ${overdue ? 'overdue' : 'recovered'}`),
    runSlow: (runId, jobId) => events.push(`${iso(clock.now())} run ${runId} of ${jobId} slow`),
  };
  const monitor = new Monitor(
    clock,
    {
      lastPingsByCheck: () => seed.pings ?? new Map(),
      lastSuccessAt: (jobId) => lastSuccess[jobId] ?? null,
      expectationSince: (_jobId, now) => now,
    },
    listener,
  );
  return { clock, events, monitor, lastSuccess };
}
