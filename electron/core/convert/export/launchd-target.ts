/**
 * `cronbar export launchd`: one agent plist per job (launchd.plist(5),
 * https://keith.github.io/xcode-man-pages/launchd.plist.5.html), written by plist-xml.ts.
 * `StartCalendarInterval` takes dicts of Minute, Hour, Day, Weekday (0 and 7 are Sunday), Month — a missing key is a
 * wildcard, and there are no ranges, steps or lists — so a cron schedule becomes the product of its values, one dict
 * each. launchd's own mix of Day with Weekday in one dict is never relied on: the two sides of croner's OR are
 * separate dicts (several dicts are ORed).
 */
import type { JobSpec } from '../../../../shared/config/schema';
import { formatDuration } from '../../../../shared/config/duration';
import { type CronFields, CronReadError, readCron } from './cron-fields';
import { noScheduleReason } from './five-fields';
import type { ExportContext, ExportTarget } from './export-context';
import { invocationFor } from './invocation';
import type { JobLosses } from './losses';
import { PlistError, plistXml } from './plist-xml';
import { inactiveReason, overlapAsSkip, retriesDropped, secondsOf } from './run-policies';

export interface LaunchdPiece {
  label: string;
  text: string;
}

export type CalendarDict = Partial<Record<'Minute' | 'Hour' | 'Day' | 'Weekday' | 'Month', number>>;

/** More dicts than this is a schedule launchd should not be asked to hold (`* 9-17 * * 1-5` is 2 700). */
export const MAX_CALENDAR_DICTS = 5000;

export class LaunchdRefusal extends Error {}

/** The StartCalendarInterval dicts for a cron schedule; throws LaunchdRefusal for what they cannot say. */
export function calendarDicts(fields: CronFields): CalendarDict[] {
  if (fields.seconds.length !== 1 || fields.seconds[0] !== 0)
    throw new LaunchdRefusal('launchd has no seconds in StartCalendarInterval');
  if (fields.years) throw new LaunchdRefusal('launchd has no year in StartCalendarInterval');
  const dom = fields.monthDays;
  if (dom && (dom.last || dom.lastWeekday || dom.nearest.length > 0))
    throw new LaunchdRefusal('launchd has no last day (`L`) or nearest weekday (`W`)');
  if (fields.weekdays?.some((term) => term.nth !== 'every'))
    throw new LaunchdRefusal('launchd has no nth or last weekday (`#`, `5L`)');
  if (fields.dayLogic === 'and' && dom && fields.weekdays)
    throw new LaunchdRefusal('launchd cannot AND (`+`) a day-of-month with a day-of-week');
  const days: CalendarDict[] = [];
  if (!dom && !fields.weekdays) days.push({});
  if (dom) days.push(...dom.values.map((Day) => ({ Day })));
  if (fields.weekdays)
    days.push(...[...new Set(fields.weekdays.map((term) => term.day))].map((Weekday) => ({ Weekday })));
  const axis = (values: number[], full: number, key: 'Minute' | 'Hour' | 'Month'): CalendarDict[] =>
    values.length === full ? [{}] : values.map((v) => ({ [key]: v }));
  const minutes = axis(fields.minutes, 60, 'Minute');
  const hours = axis(fields.hours, 24, 'Hour');
  const months = axis(fields.months, 12, 'Month');
  const count = minutes.length * hours.length * months.length * days.length;
  if (count > MAX_CALENDAR_DICTS)
    throw new LaunchdRefusal(
      `needs ${count} StartCalendarInterval dicts (launchd has no ranges or steps); more than ${MAX_CALENDAR_DICTS} is refused`,
    );
  const dicts: CalendarDict[] = [];
  for (const month of months)
    for (const day of days)
      for (const hour of hours) for (const minute of minutes) dicts.push({ ...month, ...day, ...hour, ...minute });
  return dicts;
}

function convert(job: JobSpec, context: ExportContext, losses: JobLosses): LaunchdPiece | null {
  const run = invocationFor(job, context, losses);
  let timing: Record<string, unknown>;
  const schedule = job.schedule;
  if (schedule.kind === 'none') {
    losses.refuse(noScheduleReason(job, 'launchd'));
    return null;
  } else if (schedule.kind === 'at') {
    losses.refuse(`a one-off at: ${schedule.at} has no launchd form (a calendar dict repeats every year)`);
    return null;
  } else if (schedule.kind === 'every') {
    timing = { StartInterval: secondsOf(schedule.everyMs) };
    losses.warn(
      `every ${formatDuration(schedule.everyMs)}: launchd counts from when the agent is loaded, not from the series Cronbar keeps across restarts`,
    );
  } else {
    try {
      const dicts = calendarDicts(readCron(schedule.expr));
      timing = { StartCalendarInterval: dicts.length === 1 ? dicts[0] : dicts };
    } catch (error) {
      if (!(error instanceof LaunchdRefusal || error instanceof CronReadError)) throw error;
      losses.refuse(`cron ${JSON.stringify(schedule.expr)}: ${error.message}`);
      return null;
    }
    if (job.timezone !== context.localZone)
      losses.warn(`timezone ${job.timezone}: launchd schedules in the Mac's own zone (${context.localZone} here)`);
    // launchd.plist(5): a fire missed while asleep runs at wake, several coalesced into one; one missed while off does not.
    if (job.catchUp.policy === 'skip')
      losses.warn('catchUp skip: launchd runs a fire missed during sleep when the Mac wakes');
    else
      losses.warn(
        `catchUp ${job.catchUp.policy}: launchd runs the fires missed during sleep once at wake${job.catchUp.policy === 'all' ? ', not each' : ''}, whatever their age (Cronbar: within ${formatDuration(job.catchUp.windowMs)}), and none missed while the Mac was off`,
      );
  }
  if (!run) return null;
  overlapAsSkip(job, 'launchd', losses);
  if (job.jitterMs > 0) losses.warn(`jitter ${formatDuration(job.jitterMs)} is dropped: launchd has no random delay`);
  if (!run.viaCronbar) {
    if (job.timeoutMs > 0)
      losses.warn(
        `timeout ${formatDuration(job.timeoutMs)} is dropped: launchd does not stop a job that runs too long; use --exec cronbar to keep it`,
      );
    retriesDropped(job, 'launchd', losses);
  }
  const label = `org.cronbar.${job.id}`;
  const plist: Record<string, unknown> = {
    Label: label,
    ProgramArguments: run.argv,
    ...(run.cwd ? { WorkingDirectory: run.cwd } : {}),
    ...(Object.keys(run.env).length ? { EnvironmentVariables: run.env } : {}),
    ...timing,
    ...(inactiveReason(job, context.pausedIds) ? { Disabled: true } : {}),
  };
  try {
    return { label, text: plistXml(plist) };
  } catch (error) {
    if (!(error instanceof PlistError)) throw error;
    losses.refuse(error.message);
    return null;
  }
}

export const launchdTarget: ExportTarget<LaunchdPiece> = {
  name: 'launchd',
  defaultExec: 'cronbar',
  convert,
  assemble: (pieces) => pieces.map((piece) => ({ name: `${piece.label}.plist`, text: piece.text })),
};
