/**
 * A schedule as the five classic cron fields, for crontab(5) (Vixie/cronie) and Kubernetes (robfig/cron's standard
 * parser): minute hour day-of-month month day-of-week; no seconds, no year, no `L W #`.
 *
 * Day-of-month and day-of-week: Vixie ORs them when neither field *starts with* `*`; croner (Cronbar) ORs them when
 * neither field *is* `*`. So `*\/2` in a day field reads differently; we never write a day field starting with `*`
 * unless it is exactly `*` (`1-31/2` instead), and both readings agree. The one exception is croner's `+` (AND) for
 * crontab: Vixie ANDs the day fields exactly when one starts with `*`, so `*\/2 * +5` is written `*\/2 * 5` — possible
 * only when one side is a whole-range step (`*\/s`); robfig/cron (Kubernetes) clears its star flag on a step, so there
 * it stays refused.
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

/** `*\/s` when `values` are exactly the field's whole range from `min` in steps of s (Vixie's reading), else null. */
function wholeRangeStep(values: readonly number[], min: number, max: number): string | null {
  if (values.length < 2 || values[0] !== min) return null;
  const step = values[1]! - values[0]!;
  const expected: number[] = [];
  // Vixie's day-of-week range is 0-7, 7 being Sunday again: its steps from 0 never add a day past Saturday but 7.
  for (let v = min; v <= max; v += step) if (!(max === 7 && v === 7)) expected.push(v);
  return step > 1 && expected.length === values.length && expected.every((v, i) => v === values[i])
    ? `*/${step}`
    : null;
}

/**
 * The AND of a restricted day-of-month and day-of-week as Vixie says it (one field starting with `*`), or a refusal.
 */
function vixieAndDays(dom: number[], weekdays: number[], target: string): [string, string] {
  const domStep = wholeRangeStep(dom, 1, 31);
  if (domStep) return [domStep, text(weekdays, 0, 6, false)];
  const weekdayStep = wholeRangeStep(weekdays, 0, 7);
  if (weekdayStep) return [text(dom, 1, 31, false), weekdayStep];
  throw new FiveFieldRefusal(
    `${target} ANDs day-of-month and day-of-week only when one of them starts with \`*\`, and neither ${text(dom, 1, 31, false)} nor ${text(weekdays, 0, 6, false)} can be written so (croner's \`+\` has no form there)`,
  );
}

/**
 * The five fields of a cron schedule; throws FiveFieldRefusal for what they cannot say. `vixieAnd`: the reader
 * follows Vixie's rule for the day fields (crontab), so croner's `+` can be carried by a field starting with `*`.
 */
export function fiveFields(fields: CronFields, target: string, options: { vixieAnd?: boolean } = {}): string {
  if (fields.seconds.length !== 1 || fields.seconds[0] !== 0)
    throw new FiveFieldRefusal(`${target} has no seconds field`);
  if (fields.years) throw new FiveFieldRefusal(`${target} has no year field`);
  const dom = fields.monthDays;
  if (dom?.last || dom?.lastWeekday) throw new FiveFieldRefusal(`${target} has no \`L\` (last day of the month)`);
  if (dom && dom.nearest.length > 0) throw new FiveFieldRefusal(`${target} has no \`W\` (nearest weekday)`);
  if (fields.weekdays?.some((term) => term.nth !== 'every'))
    throw new FiveFieldRefusal(`${target} has no \`#\` or \`L\` in day-of-week (nth or last weekday)`);
  const weekdays = fields.weekdays ? [...new Set(fields.weekdays.map((term) => term.day))].sort((a, b) => a - b) : null;
  let days: [string, string] = [
    dom ? text(dom.values, 1, 31, false) : '*',
    weekdays ? text(weekdays, 0, 6, false) : '*',
  ];
  if (fields.dayLogic === 'and' && dom && weekdays) {
    if (!options.vixieAnd)
      throw new FiveFieldRefusal(
        `${target} ORs a restricted day-of-month with a restricted day-of-week; the \`+\` (AND) has no form there`,
      );
    days = vixieAndDays(dom.values, weekdays, target);
  }
  return [
    text(fields.minutes, 0, 59, true, false),
    text(fields.hours, 0, 23, true, false),
    days[0],
    text(fields.months, 1, 12, true),
    days[1],
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
  for (let i = 0; i < values.length;) {
    let j = i;
    while (j + 1 < values.length && values[j + 1] === values[j]! + 1) j++;
    if (j - i >= 2) parts.push(`${values[i]}-${values[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(values[k]));
    i = j + 1;
  }
  return parts.join(',');
}

/** Why a job without a clock schedule (it runs only after another, `after:`) cannot be a line or an entry. */
export function noScheduleReason(job: JobSpec, target: string): string {
  const parents = (job.after ?? []).map((link) => link.job);
  return parents.length > 0
    ? `no schedule: it runs only after ${parents.join(', ')} (after:), which ${target} cannot do`
    : `no schedule: ${target} needs one`;
}

/**
 * The five fields for a job's schedule, or null (refused). `every` maps only onto the clock (`*\/5` minutes is every
 * five minutes from the hour, not from when Cronbar started the job's series), which is said.
 */
export function scheduleAsFiveFields(
  job: JobSpec,
  target: string,
  losses: JobLosses,
  options: { vixieAnd?: boolean } = {},
): string | null {
  const schedule = job.schedule;
  if (schedule.kind === 'none') {
    losses.refuse(noScheduleReason(job, target));
    return null;
  }
  if (schedule.kind === 'at') {
    losses.refuse(`a one-off at: ${schedule.at} has no ${target} form`);
    return null;
  }
  if (schedule.kind === 'every') {
    const every = everyOnTheClock(schedule.everyMs);
    if (!every) {
      losses.refuse(
        `every ${formatDuration(schedule.everyMs)} does not divide an hour or a day into whole minutes or hours, which is all ${target} can repeat`,
      );
      return null;
    }
    losses.warn(
      `every ${formatDuration(schedule.everyMs)} becomes "${every}": on the clock's multiples, not counted from when Cronbar started the series`,
    );
    return every;
  }
  try {
    return fiveFields(readCron(schedule.expr), target, options);
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
