/**
 * A schedule as the five classic cron fields, for crontab(5) (Vixie/cronie) and Kubernetes (robfig/cron's standard
 * parser): minute hour day-of-month month day-of-week; no seconds, no year, no `L W #`.
 *
 * Day-of-month and day-of-week: Vixie ORs them when neither field *starts with* `*`; croner (Cronbar) ORs them when
 * neither field *is* `*`. So `*\/2` in a day field reads differently; we never write a day field starting with `*`
 * unless it is exactly `*` (`1-31/2` instead), and both readings agree.
 */
import type { JobSpec } from '../../../../shared/config/schema';
import { formatDuration } from '../../../../shared/config/duration';
import { type CronFields, CronReadError, readCron } from './cron-fields';
import type { JobLosses } from './losses';

export class FiveFieldRefusal extends Error {}

/** Vixie's DST rule (cron(8)): a job is "wildcard" when its minute or hour field starts with `*`, else a fixed time. */
export function vixieFixedTime(five: string): boolean {
  const [minute = '', hour = ''] = five.split(' ');
  return !minute.startsWith('*') && !hour.startsWith('*');
}

/** The five fields of a cron schedule; throws FiveFieldRefusal for what they cannot say. */
export function fiveFields(fields: CronFields, target: string): string {
  if (fields.seconds.length !== 1 || fields.seconds[0] !== 0) throw new FiveFieldRefusal(`${target} has no seconds field`);
  if (fields.years) throw new FiveFieldRefusal(`${target} has no year field`);
  const dom = fields.monthDays;
  if (dom?.last || dom?.lastWeekday) throw new FiveFieldRefusal(`${target} has no \`L\` (last day of the month)`);
  if (dom && dom.nearest.length > 0) throw new FiveFieldRefusal(`${target} has no \`W\` (nearest weekday)`);
  if (fields.weekdays?.some((term) => term.nth !== 'every')) throw new FiveFieldRefusal(`${target} has no \`#\` or \`L\` in day-of-week (nth or last weekday)`);
  if (fields.dayLogic === 'and' && dom && fields.weekdays) throw new FiveFieldRefusal(`${target} ORs a restricted day-of-month with a restricted day-of-week; the \`+\` (AND) has no form there`);
  const weekdays = fields.weekdays ? [...new Set(fields.weekdays.map((term) => term.day))].sort((a, b) => a - b) : null;
  return [
    text(fields.minutes, 0, 59, true, false),
    text(fields.hours, 0, 23, true, false),
    dom ? text(dom.values, 1, 31, false) : '*',
    text(fields.months, 1, 12, true),
    weekdays ? text(weekdays, 0, 6, false) : '*',
  ].join(' ');
}

/**
 * `*`, `*\/15`, `1-31/2`, `1-5`, `1,15` — `*` only where `star` allows it (never in a restricted day field), and a
 * stepped range only where `rangeSteps` does: in minute and hour, Vixie calls a job a fixed time (for DST) unless a
 * field starts with `*`, croner unless a field holds `*` or `/`; a list keeps the two readings of the written line
 * alike.
 */
export function text(values: number[], min: number, max: number, star: boolean, rangeSteps = true): string {
  if (star && values.length === max - min + 1) return '*';
  if (values.length >= 3) {
    const step = values[1]! - values[0]!;
    const first = values[0]!;
    const last = values[values.length - 1]!;
    if (step > 1 && values.every((v, i) => i === 0 || v - values[i - 1]! === step) && last + step > max) {
      if (star && first === min) return `*/${step}`;
      if (rangeSteps) return `${first}-${max}/${step}`;
    }
  }
  const parts: string[] = [];
  for (let i = 0; i < values.length; ) {
    let j = i;
    while (j + 1 < values.length && values[j + 1] === values[j]! + 1) j++;
    if (j - i >= 2) parts.push(`${values[i]}-${values[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(values[k]));
    i = j + 1;
  }
  return parts.join(',');
}

/**
 * The five fields for a job's schedule, or null (refused). `every` maps only onto the clock (`*\/5` minutes is every
 * five minutes from the hour, not from when Cronbar started the job's series), which is said.
 */
export function scheduleAsFiveFields(job: JobSpec, target: string, losses: JobLosses): string | null {
  const schedule = job.schedule;
  if (schedule.kind === 'at') {
    losses.refuse(`a one-off at: ${schedule.at} has no ${target} form`);
    return null;
  }
  if (schedule.kind === 'every') {
    const every = everyOnTheClock(schedule.everyMs);
    if (!every) {
      losses.refuse(`every ${formatDuration(schedule.everyMs)} does not divide an hour or a day into whole minutes or hours, which is all ${target} can repeat`);
      return null;
    }
    losses.warn(`every ${formatDuration(schedule.everyMs)} becomes "${every}": on the clock's multiples, not counted from when Cronbar started the series`);
    return every;
  }
  try {
    return fiveFields(readCron(schedule.expr), target);
  } catch (error) {
    if (error instanceof FiveFieldRefusal || error instanceof CronReadError) {
      losses.refuse(`cron ${JSON.stringify(schedule.expr)}: ${error.message}`);
      return null;
    }
    throw error;
  }
}

function everyOnTheClock(everyMs: number): string | null {
  const minutes = everyMs / 60_000;
  if (!Number.isInteger(minutes)) return null;
  if (minutes < 60) return 60 % minutes === 0 ? (minutes === 1 ? '* * * * *' : `*/${minutes} * * * *`) : null;
  const hours = minutes / 60;
  if (!Number.isInteger(hours)) return null;
  if (hours < 24) return 24 % hours === 0 ? (hours === 1 ? '0 * * * *' : `0 */${hours} * * *`) : null;
  return hours === 24 ? '0 0 * * *' : null;
}
