/**
 * The editor's live preview: the schedule in words and its next fires, or the error an admin would get on save. The
 * fires come from the engine's own calculator (schedule-calculator.ts), so the preview shows what will run, DST
 * rules included: croner's defaults would show a `30 2,14 * * *` job twice in a fall-back night that runs it once.
 */
import { describeSchedule } from '../../../shared/config/describe-schedule';
import { cronError } from '../../../shared/config/cron';
import { parseDuration } from '../../../shared/config/duration';
import { isValidTimezone, parseLocalDateTime, systemTimezone } from '../../../shared/config/zones-and-times';
import { ScheduleCalculator } from '../engine/schedule-calculator';
import { atToEpoch } from '../engine/zoned-time';

const calculator = new ScheduleCalculator();
/** The last instant a Date can hold (ECMA-262 TimeClip); fires after it are no dates at all. */
const LAST_DATE_MS = 8.64e15;

export function previewSchedule(
  input: { cron?: string; every?: string; at?: string; timezone?: string; count: number; from?: number },
  now: number,
): { fires: number[]; description: string; error: string | null; timezone: string } {
  const timezone = input.timezone ?? systemTimezone();
  const none = (error: string) => ({ fires: [], description: '', error, timezone });
  if (!isValidTimezone(timezone)) return none(`${JSON.stringify(timezone)} is not an IANA time zone`);
  const from = input.from ?? now;
  if (input.cron !== undefined) {
    const problem = cronError(input.cron, timezone);
    if (problem) return none(problem);
    // Fires strictly after `from`, as the engine schedules from now.
    const fires = calculator.nextFires(
      { schedule: { kind: 'cron', expr: input.cron }, timezone, anchorAt: null },
      input.count,
      from + 1,
    );
    return { fires, description: describeSchedule({ kind: 'cron', expr: input.cron }), error: null, timezone };
  }
  if (input.every !== undefined) {
    const everyMs = parseDuration(input.every);
    if (everyMs === null || everyMs < 1000)
      return none(`${JSON.stringify(input.every)} is not an interval of at least 1s (30s, 15m, 2h, 1d)`);
    const fires: number[] = [];
    for (let fire = from + everyMs; fires.length < input.count && fire <= LAST_DATE_MS; fire += everyMs)
      fires.push(fire);
    return {
      fires,
      description: describeSchedule({ kind: 'every', everyMs, text: input.every }),
      error: null,
      timezone,
    };
  }
  if (input.at !== undefined) {
    if (!parseLocalDateTime(input.at))
      return none(`${JSON.stringify(input.at)} is not a date and time such as 2027-01-01T09:00`);
    const at = atToEpoch(input.at, timezone);
    const future = at !== null && at > from;
    return {
      fires: future ? [at] : [],
      description: describeSchedule({ kind: 'at', at: input.at }),
      error: future ? null : 'that time is in the past',
      timezone,
    };
  }
  return none('give a schedule: cron, every or at');
}
