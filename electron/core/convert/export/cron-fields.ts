/**
 * Reads a cron expression in croner's dialect (the one Cronbar runs, see shared/config/cron.ts) once into value sets,
 * so each export target decides from structure, not from text. The reading follows croner 11's own parser
 * (node_modules/croner, `CronPattern`): `?` is `*`; 5 fields get second 0, 6 fields any year; names are
 * case-insensitive; day-of-week 7 is Sunday; `L`, `LW` and `15W` in day-of-month; `5#2`, `5L`, `5#L` in day-of-week;
 * a `+` before day-of-week ANDs it with day-of-month.
 *
 * Day-of-month and day-of-week combine as croner does with `domAndDow: false` (Cronbar's setting): when either field
 * is exactly `*` the other alone decides; when both are restricted a day matches if EITHER matches (Vixie cron's OR),
 * unless day-of-week starts with `+` (AND). Note `*\/2` is restricted here (croner tests for the literal `*`).
 */
import { CRON_NICKNAME_FIELDS } from '../../../../shared/config/cron-nicknames';

export type Nth = 'every' | 1 | 2 | 3 | 4 | 5 | 'last';

export interface WeekdayTerm {
  /** 0 = Sunday … 6 = Saturday. */
  day: number;
  nth: Nth;
}

export interface MonthDays {
  values: number[];
  /** `L`: the last day of the month. */
  last: boolean;
  /** `LW`: the last weekday (Mon-Fri) of the month. */
  lastWeekday: boolean;
  /** `15W`: the weekday nearest the 15th. */
  nearest: number[];
}

export interface CronFields {
  /** The expression gave a seconds field (6 or 7 fields). */
  hasSeconds: boolean;
  seconds: number[];
  minutes: number[];
  hours: number[];
  /** null: `*` (every day as far as this field goes). */
  monthDays: MonthDays | null;
  /** 1-12. */
  months: number[];
  /** null: `*`. */
  weekdays: WeekdayTerm[] | null;
  /** null: any year. */
  years: number[] | null;
  /** How restricted day-of-month and day-of-week combine (only matters when both are restricted). */
  dayLogic: 'or' | 'and';
  /** Second, minute and hour hold no `*` or step: croner treats the job as a wall-clock time across DST. */
  fixedTime: boolean;
}

export class CronReadError extends Error {}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const cache = new Map<string, CronFields>();

/** The structured form of `expr`; throws CronReadError on what croner would not accept either. */
export function readCron(expr: string): CronFields {
  const key = expr.trim();
  let fields = cache.get(key);
  if (!fields) {
    fields = parse(key);
    if (cache.size > 4096) cache.clear();
    cache.set(key, fields);
  }
  return fields;
}

function parse(text: string): CronFields {
  const expanded = text.startsWith('@') ? CRON_NICKNAME_FIELDS[text.toLowerCase()] : text;
  if (!expanded) throw new CronReadError(`unknown shorthand ${text}`);
  const parts = expanded.split(/\s+/).map((part) => part.replace(/\?/g, '*'));
  if (parts.length < 5 || parts.length > 7) throw new CronReadError(`${parts.length} fields`);
  const hasSeconds = parts.length >= 6;
  const [second, minute, hour, dom, month, dowRaw, year] = hasSeconds ? [...parts, '*'] : ['0', ...parts, '*'];
  const andLogic = dowRaw!.startsWith('+');
  const dow = andLogic ? dowRaw!.slice(1) : dowRaw!;
  const isFixed = (field: string) => !field.includes('*') && !field.includes('/');
  return {
    hasSeconds,
    seconds: numbers(second!, 0, 59),
    minutes: numbers(minute!, 0, 59),
    hours: numbers(hour!, 0, 23),
    monthDays: dom === '*' ? null : monthDays(dom!),
    months: numbers(month!, 1, 12, MONTHS, 1),
    weekdays: dow === '*' ? null : weekdays(dow),
    years: year === '*' ? null : numbers(year!, 1, 9999),
    dayLogic: andLogic ? 'and' : 'or',
    fixedTime: isFixed(second!) && isFixed(minute!) && isFixed(hour!),
  };
}

/** A plain field: `*`, `*\/s`, `a`, `a-b`, `a-b/s`, lists of them, names where given. Sorted, unique. */
function numbers(field: string, min: number, max: number, names?: string[], namesFrom = 0): number[] {
  const set = new Set<number>();
  for (const part of field.split(',')) {
    for (const value of range(part, min, max, names, namesFrom)) set.add(value);
  }
  return [...set].sort((a, b) => a - b);
}

function range(part: string, min: number, max: number, names?: string[], namesFrom = 0): number[] {
  const match = /^([^/]+)(?:\/(\d+))?$/.exec(part);
  if (!match) throw new CronReadError(`cannot read ${JSON.stringify(part)}`);
  const step = match[2] === undefined ? 1 : Number(match[2]);
  if (step < 1) throw new CronReadError(`step 0 in ${JSON.stringify(part)}`);
  const base = match[1]!;
  let from: number;
  let to: number;
  if (base === '*') {
    from = min;
    to = max;
  } else {
    const bounds = base.split('-');
    if (bounds.length > 2) throw new CronReadError(`cannot read ${JSON.stringify(part)}`);
    from = value(bounds[0]!, names, namesFrom);
    to = bounds.length === 2 ? value(bounds[1]!, names, namesFrom) : match[2] === undefined ? from : max;
  }
  if (from < min || to > max || from > to)
    throw new CronReadError(`${JSON.stringify(part)} is out of range ${min}-${max}`);
  const values: number[] = [];
  for (let v = from; v <= to; v += step) values.push(v);
  return values;
}

function value(token: string, names: string[] | undefined, namesFrom: number): number {
  if (/^\d+$/.test(token)) return Number(token);
  const index = names?.indexOf(token.toLowerCase()) ?? -1;
  if (index === -1) throw new CronReadError(`cannot read ${JSON.stringify(token)}`);
  return index + namesFrom;
}

function monthDays(field: string): MonthDays {
  const result: MonthDays = { values: [], last: false, lastWeekday: false, nearest: [] };
  const values = new Set<number>();
  for (const part of field.split(',')) {
    const upper = part.toUpperCase();
    if (upper === 'L') result.last = true;
    else if (upper === 'LW') result.lastWeekday = true;
    else if (/^\d+W$/.test(upper)) result.nearest.push(Number(upper.slice(0, -1)));
    else for (const v of range(part, 1, 31)) values.add(v);
  }
  result.values = [...values].sort((a, b) => a - b);
  return result;
}

function weekdays(field: string): WeekdayTerm[] {
  const terms = new Map<string, WeekdayTerm>();
  for (const part of field.split(',')) {
    let base = part;
    let nth: Nth = 'every';
    const hash = /^(.+)#(\d|L)$/i.exec(part);
    if (hash) {
      base = hash[1]!;
      const count = Number(hash[2]);
      if (hash[2]!.toUpperCase() === 'L') nth = 'last';
      else if (count >= 1 && count <= 5) nth = count as Nth;
      else throw new CronReadError(`nth weekday ${hash[2]} is not 1-5 or L`);
    } else if (/^.+L$/i.test(part) && !/^[a-z]{3}$/i.test(part)) {
      base = part.slice(0, -1);
      nth = 'last';
    }
    // croner reads `-sun` as `-7` so that `fri-sun` is a range.
    const numeric = base.replace(/-sun$/i, '-7');
    for (const v of range(numeric, 0, 7, DAYS, 0)) {
      const day = v === 7 ? 0 : v;
      terms.set(`${day}|${nth}`, { day, nth });
    }
  }
  return [...terms.values()].sort((a, b) => a.day - b.day || nthOrder(a.nth) - nthOrder(b.nth));
}

function nthOrder(nth: Nth): number {
  return nth === 'every' ? 0 : nth === 'last' ? 6 : nth;
}
