import { describe, expect, it } from 'vitest';
import { evaluateCheck, nextExpected } from '../../../electron/core/monitor/check-state';
import { makeCheck, makePing } from './monitor-fixtures';

const t = (iso: string) => Date.parse(iso);

describe('evaluateCheck', () => {
  const hourly = makeCheck({ every: '1h', grace: '10m' });

  it('is new until the first ping', () => {
    expect(evaluateCheck(hourly, { end: null, start: null }, t('2026-03-01T00:00:00Z'))).toMatchObject({
      state: 'new',
      changesAt: null,
    });
  });

  it('is up until the period ends, late inside the grace, and down exactly when the grace ends', () => {
    const pings = { end: makePing('success', '2026-03-01T00:00:00Z'), start: null };
    expect(evaluateCheck(hourly, pings, t('2026-03-01T00:59:59.999Z'))).toMatchObject({
      state: 'up',
      nextExpectedAt: t('2026-03-01T01:00:00Z'),
      changesAt: t('2026-03-01T01:00:00Z'),
    });
    expect(evaluateCheck(hourly, pings, t('2026-03-01T01:00:00Z'))).toMatchObject({
      state: 'late',
      changesAt: t('2026-03-01T01:10:00Z'),
    });
    expect(evaluateCheck(hourly, pings, t('2026-03-01T01:09:59.999Z')).state).toBe('late');
    const down = evaluateCheck(hourly, pings, t('2026-03-01T01:10:00Z'));
    expect(down).toMatchObject({ state: 'down', since: t('2026-03-01T01:10:00Z'), changesAt: null });
    expect(down.reason).toBe(
      'no ping since 2026-03-01T00:00:00Z; expected by 2026-03-01T01:00:00Z, grace ended 2026-03-01T01:10:00Z',
    );
  });

  it('is down at once on a fail ping or a non-zero exit, and up again on exit 0', () => {
    const at = '2026-03-01T00:00:00Z';
    expect(
      evaluateCheck(hourly, { end: makePing('fail', at, { message: 'disk full\nmore' }), start: null }, t(at)).reason,
    ).toBe('failed (fail ping) at 2026-03-01T00:00:00Z: disk full');
    expect(evaluateCheck(hourly, { end: makePing('exit', at, { exitCode: 3 }), start: null }, t(at))).toMatchObject({
      state: 'down',
      reason: 'failed (exit 3) at 2026-03-01T00:00:00Z',
    });
    expect(evaluateCheck(hourly, { end: makePing('exit', at, { exitCode: 0 }), start: null }, t(at)).state).toBe('up');
  });

  it('is down when a start gets no end within the grace ("started, never finished")', () => {
    const start = makePing('start', '2026-03-01T00:00:00Z');
    const pings = { end: null, start };
    expect(evaluateCheck(hourly, pings, t('2026-03-01T00:09:59Z'))).toMatchObject({
      state: 'up',
      startedAt: start.at,
      changesAt: t('2026-03-01T00:10:00Z'),
    });
    expect(evaluateCheck(hourly, pings, t('2026-03-01T00:10:00Z'))).toMatchObject({
      state: 'down',
      reason: 'started 2026-03-01T00:00:00Z, never finished',
    });
    // The end ping closes the start: up, counted from the end.
    const end = makePing('success', '2026-03-01T00:05:00Z');
    expect(evaluateCheck(hourly, { end, start }, t('2026-03-01T00:30:00Z'))).toMatchObject({
      state: 'up',
      startedAt: null,
      nextExpectedAt: t('2026-03-01T01:05:00Z'),
    });
  });

  it('expects a cron check’s ping at the schedule’s next fire after the last ping, in its zone', () => {
    const nightly = makeCheck({ cron: '30 3 * * *', timezone: 'Europe/Berlin', grace: '1h' });
    // 03:40 Berlin (02:40 UTC) on 1 March: the next expected is 03:30 Berlin the next day.
    const verdict = evaluateCheck(
      nightly,
      { end: makePing('success', '2026-03-01T02:40:00Z'), start: null },
      t('2026-03-01T12:00:00Z'),
    );
    expect(verdict).toMatchObject({ state: 'up', nextExpectedAt: t('2026-03-02T02:30:00Z') });
  });

  it('follows a DST change: a ping just before the spring-forward gap expects the next fire by local time', () => {
    const nightly = makeCheck({ cron: '30 3 * * *', timezone: 'Europe/Berlin' });
    // Berlin springs forward on 29 March 2026 at 02:00 → 03:00; 03:30 CEST that day is 01:30 UTC (not 02:30).
    expect(nextExpected(nightly, t('2026-03-28T23:00:00Z'))).toBe(t('2026-03-29T01:30:00Z'));
    // An every: check counts real time across the change.
    expect(nextExpected(makeCheck({ every: '1h' }), t('2026-03-29T00:30:00Z'))).toBe(t('2026-03-29T01:30:00Z'));
  });

  it('does not wait for a second 02:30 in the fall-back night: a fixed-time job runs once then, as cron runs it', () => {
    const twiceDaily = makeCheck({ cron: '30 2,14 * * *', timezone: 'Europe/Berlin' });
    // Berlin falls back on 25 October 2026 at 03:00 → 02:00; the first 02:30 is 00:30 UTC, the repeated one 01:30 UTC.
    expect(nextExpected(twiceDaily, t('2026-10-25T00:30:00Z'))).toBe(t('2026-10-25T13:30:00Z'));
  });
});
