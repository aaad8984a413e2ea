/**
 * A check's state from its newest pings and the time, as Healthchecks defines it: `new` until the first ping; `up`
 * until the next ping is due; `late` inside the grace after that; `down` after the grace, on a fail (or non-zero
 * exit) ping, or when a `start` got no end ping within the grace ("started, never finished"). Pure: the scheduler
 * asks it when a deadline passes, `cronbar list` asks it for now; both get the same answer.
 */
import type { CheckSpec } from '../../../shared/config/check-schema';
import type { CheckState, PingRecord } from '../../../shared/model';
import { ScheduleCalculator } from '../engine/schedule-calculator';
import type { LastPings } from './monitor-store';

export interface CheckVerdict {
  state: CheckState;
  /** Since when it is in this state. */
  since: number | null;
  reason: string | null;
  /** The next ping is expected by then (after it: late). */
  nextExpectedAt: number | null;
  /** A start ping without an end. */
  startedAt: number | null;
  /** The next instant the state changes by itself if no ping comes (null: never). */
  changesAt: number | null;
}

/**
 * A cron check expects its pings by the engine's own calendar (and its shared cache of parsed patterns): a fixed-time
 * job runs once in a fall-back night, as cron runs it, so a check of it must not wait for a second run that never comes.
 */
const calculator = new ScheduleCalculator();

/** The first time a ping is due after `after`: one period later, or the schedule's next fire. */
export function nextExpected(check: CheckSpec, after: number): number | null {
  if (check.schedule.kind === 'every') return after + check.schedule.everyMs;
  return calculator.nextAfter(
    { schedule: { kind: 'cron', expr: check.schedule.expr }, timezone: check.timezone, anchorAt: null },
    after,
  );
}

export const isFailure = (ping: PingRecord) => ping.kind === 'fail' || (ping.kind === 'exit' && ping.exitCode !== 0);

export function evaluateCheck(check: CheckSpec, pings: LastPings, now: number): CheckVerdict {
  const { end, start } = pings;
  const openStart = start && (!end || start.id > end.id) ? start : null;
  if (!end && !openStart)
    return { state: 'new', since: null, reason: null, nextExpectedAt: null, startedAt: null, changesAt: null };

  // A start with no end: down once the grace after it passes, whatever the schedule says.
  const startDeadline = openStart ? openStart.at + check.graceMs : null;
  if (startDeadline !== null && now >= startDeadline) {
    return {
      state: 'down',
      since: startDeadline,
      reason: `started ${stamp(openStart!.at)}, never finished`,
      nextExpectedAt: null,
      startedAt: openStart!.at,
      changesAt: null,
    };
  }
  if (end && isFailure(end)) {
    const detail = end.kind === 'exit' ? `exit ${end.exitCode}` : 'fail ping';
    return {
      state: 'down',
      since: end.at,
      reason: `failed (${detail}) at ${stamp(end.at)}${end.message ? `: ${firstLine(end.message)}` : ''}`,
      nextExpectedAt: null,
      startedAt: openStart?.at ?? null,
      changesAt: startDeadline,
    };
  }

  // The schedule counts from the newest ping of any kind: a start is a sign of life too.
  const last = openStart && (!end || openStart.at > end.at) ? openStart : end!;
  const due = nextExpected(check, last.at);
  const startedAt = openStart?.at ?? null;
  if (due === null)
    return { state: 'up', since: last.at, reason: null, nextExpectedAt: null, startedAt, changesAt: startDeadline };
  const downAt = due + check.graceMs;
  const earliest = (at: number) => (startDeadline !== null && startDeadline < at ? startDeadline : at);
  if (now < due)
    return { state: 'up', since: last.at, reason: null, nextExpectedAt: due, startedAt, changesAt: earliest(due) };
  if (now < downAt)
    return {
      state: 'late',
      since: due,
      reason: `no ping since ${stamp(last.at)}; expected by ${stamp(due)}`,
      nextExpectedAt: due,
      startedAt,
      changesAt: earliest(downAt),
    };
  return {
    state: 'down',
    since: downAt,
    reason: `no ping since ${stamp(last.at)}; expected by ${stamp(due)}, grace ended ${stamp(downAt)}`,
    nextExpectedAt: due,
    startedAt,
    changesAt: null,
  };
}

/** ISO in UTC: the reason text is stored and compared, so it must not depend on the viewer's zone. */
const stamp = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;
const firstLine = (text: string) => {
  const line = text.split('\n', 1)[0]!.trim();
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
};
