/**
 * A cron expression (read by cron-fields.ts) as systemd `OnCalendar=` lines, systemd.time(7) "Calendar Events":
 * `[Weekdays] Year-Month-Day Hour:Minute:Second [Zone]`, `a..b` ranges, `a/s` repetitions, `~` counting days from the
 * month's end (`~01` is the last day, `~07/1` the last seven). systemd ANDs a weekday with the date on one line and
 * ORs several lines, so croner's day-of-month OR day-of-week becomes one line per side, and `#` (the nth weekday) a
 * weekday on a seven-day range (`Fri *-*-08..14` is the second Friday).
 */
import type { CronFields, MonthDays, WeekdayTerm } from './cron-fields';

export class CalendarRefusal extends Error {}

type DayPart = { kind: 'any' } | { kind: 'values'; values: number[] } | { kind: 'fromEnd'; text: string };

interface Clause {
  weekdays: number[] | null;
  day: DayPart;
}

const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The OnCalendar= values (without the key) for `fields` in `zone`; throws CalendarRefusal for what systemd cannot say. */
export function onCalendarLines(fields: CronFields, zone: string): string[] {
  const time = `${field(fields.hours, 0, 23, 2)}:${field(fields.minutes, 0, 59, 2)}:${field(fields.seconds, 0, 59, 2)}`;
  const year = fields.years ? list(fields.years, 9999) : '*';
  const month = field(fields.months, 1, 12);
  const lines = dayClauses(fields).map((clause) => {
    const weekdays = clause.weekdays ? `${weekdayList(clause.weekdays)} ` : '';
    const day =
      clause.day.kind === 'any'
        ? '-*'
        : clause.day.kind === 'values'
          ? `-${list(clause.day.values, 31)}`
          : clause.day.text;
    return `${weekdays}${year}-${month}${day} ${time} ${zone}`;
  });
  return [...new Set(lines)];
}

function dayClauses(fields: CronFields): Clause[] {
  const dom = fields.monthDays;
  const dow = fields.weekdays;
  if (!dom && !dow) return [{ weekdays: null, day: { kind: 'any' } }];
  if (!dom) return weekdayClauses(dow!);
  if (!dow) return monthDayClauses(dom);
  if (fields.dayLogic === 'or') return [...monthDayClauses(dom), ...weekdayClauses(dow)];
  const clauses: Clause[] = [];
  for (const date of monthDayClauses(dom)) {
    for (const weekday of weekdayClauses(dow)) {
      const both = intersect(date, weekday);
      if (both) clauses.push(both);
    }
  }
  if (clauses.length === 0) throw new CalendarRefusal('day-of-month AND day-of-week (`+`) never match together');
  return clauses;
}

function monthDayClauses(dom: MonthDays): Clause[] {
  if (dom.nearest.length > 0)
    throw new CalendarRefusal(`\`${dom.nearest[0]}W\` (the nearest weekday) has no systemd calendar form`);
  const clauses: Clause[] = [];
  if (dom.values.length > 0) clauses.push({ weekdays: null, day: { kind: 'values', values: dom.values } });
  if (dom.last) clauses.push({ weekdays: null, day: { kind: 'fromEnd', text: '~01' } });
  if (dom.lastWeekday) {
    // The last weekday: the last day when it is Mon-Fri, else the Friday before it (the 2nd or 3rd day from the end).
    clauses.push({ weekdays: [1, 2, 3, 4, 5], day: { kind: 'fromEnd', text: '~01' } });
    clauses.push({ weekdays: [5], day: { kind: 'fromEnd', text: '~02' } });
    clauses.push({ weekdays: [5], day: { kind: 'fromEnd', text: '~03' } });
  }
  return clauses;
}

function weekdayClauses(terms: WeekdayTerm[]): Clause[] {
  const groups = new Map<string, number[]>();
  for (const term of terms) {
    const key = String(term.nth);
    groups.set(key, [...(groups.get(key) ?? []), term.day]);
  }
  return [...groups].map(([nth, days]): Clause => {
    if (nth === 'every') return { weekdays: days, day: { kind: 'any' } };
    if (nth === 'last') return { weekdays: days, day: { kind: 'fromEnd', text: '~07/1' } };
    const k = Number(nth);
    const values: number[] = [];
    for (let d = 7 * k - 6; d <= Math.min(7 * k, 31); d++) values.push(d);
    return { weekdays: days, day: { kind: 'values', values } };
  });
}

/** A date clause (no weekday) AND a weekday clause, or null when no day can match both. */
function intersect(date: Clause, weekday: Clause): Clause | null {
  if (date.weekdays) throw new CalendarRefusal('`LW` with a `+` (AND) day-of-week has no systemd calendar form');
  if (weekday.day.kind === 'any') return { weekdays: weekday.weekdays, day: date.day };
  if (date.day.kind === 'values' && weekday.day.kind === 'values') {
    const allowed = new Set(weekday.day.values);
    const values = date.day.values.filter((v) => allowed.has(v));
    return values.length === 0 ? null : { weekdays: weekday.weekdays, day: { kind: 'values', values } };
  }
  throw new CalendarRefusal('`L` with an nth weekday ANDed (`+`) has no systemd calendar form');
}

/** `*` for every value; a lone time value padded as people write it (`02:30:00`). */
function field(values: number[], min: number, max: number, pad = 0): string {
  if (values.length === max - min + 1) return '*';
  return values.length === 1 ? String(values[0]).padStart(pad, '0') : list(values, max);
}

/** `0,15,30,45` as `0/15`, runs as `a..b`, else a comma list. `max` is the field's top value. */
export function list(values: number[], max: number): string {
  if (values.length >= 3) {
    const step = values[1]! - values[0]!;
    const progression = values.every((v, i) => i === 0 || v - values[i - 1]! === step);
    if (progression && step > 1 && values[values.length - 1]! + step > max) return `${values[0]}/${step}`;
  }
  const parts: string[] = [];
  for (let i = 0; i < values.length;) {
    let j = i;
    while (j + 1 < values.length && values[j + 1] === values[j]! + 1) j++;
    if (j - i >= 2) parts.push(`${values[i]}..${values[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(values[k]));
    i = j + 1;
  }
  return parts.join(',');
}

function weekdayList(days: number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    if (j - i >= 2) parts.push(`${WEEKDAY_NAMES[sorted[i]!]}..${WEEKDAY_NAMES[sorted[j]!]}`);
    else for (let k = i; k <= j; k++) parts.push(WEEKDAY_NAMES[sorted[k]!]!);
    i = j + 1;
  }
  return parts.join(',');
}
