/**
 * systemd's calendar events (`OnCalendar=`, systemd.time(7)) → one croner pattern with the same elapses, or the
 * reason there is none. Checked against `systemd-analyze calendar` in test/core/convert/.
 *
 * `[Weekdays] [Year-]Month-Day [Hour:Minute[:Second]] [Zone]`, each component `*`, a value, `a..b`, `a/step`,
 * `a..b/step` or a comma list; `~` counts days from the month's end; shorthands such as `daily`. The mapping:
 * - components become croner fields (seconds first, a year field when the year is restricted); `a/step` runs to
 *   the field's end, as in systemd;
 * - systemd AND-s the weekdays with the date; croner OR-s a restricted day-of-month with the weekdays, so those get
 *   croner's `+` (AND) modifier;
 * - `~01` is croner's `L`, and weekdays on the last seven days (`Mon *-05~07/1`, "the last Monday in May") are
 *   croner's `1L`; other counts from the month's end have no croner form and are refused.
 */
import { isValidTimezone } from '../../../../shared/config/schema';

export type CalendarConversion =
  { ok: true; cron: string; timezone: string | null; notes: string[] } | { ok: false; reason: string };

const SHORTHANDS: Record<string, string> = {
  minutely: '*-*-* *:*:00',
  hourly: '*-*-* *:00:00',
  daily: '*-*-* 00:00:00',
  monthly: '*-*-01 00:00:00',
  weekly: 'Mon *-*-* 00:00:00',
  yearly: '*-01-01 00:00:00',
  annually: '*-01-01 00:00:00',
  quarterly: '*-01,04,07,10-01 00:00:00',
  semiannually: '*-01,07-01 00:00:00',
};

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

class CalendarError extends Error {}

interface Component {
  name: string;
  min: number;
  max: number;
}

const YEAR: Component = { name: 'year', min: 1970, max: 9999 };
const MONTH: Component = { name: 'month', min: 1, max: 12 };
const DAY: Component = { name: 'day', min: 1, max: 31 };
const HOUR: Component = { name: 'hour', min: 0, max: 23 };
const MINUTE: Component = { name: 'minute', min: 0, max: 59 };
const SECOND: Component = { name: 'second', min: 0, max: 59 };

export function convertOnCalendar(expression: string): CalendarConversion {
  try {
    return convert(expression);
  } catch (error) {
    if (error instanceof CalendarError) return { ok: false, reason: error.message };
    throw error;
  }
}

function convert(expression: string): CalendarConversion {
  const tokens = expression.trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) throw new CalendarError('empty calendar expression');
  const notes: string[] = [];
  let timezone: string | null = null;
  const last = tokens[tokens.length - 1]!;
  if (tokens.length > 1 && /^[A-Za-z]/.test(last) && !isWeekdaySpec(last) && !(last.toLowerCase() in SHORTHANDS)) {
    if (!isValidTimezone(last))
      throw new CalendarError(`${last} is not a time zone Cronbar knows (an IANA name such as Europe/Berlin, or UTC)`);
    timezone = last;
    tokens.pop();
  }
  if (tokens.length === 1 && tokens[0]!.toLowerCase() in SHORTHANDS)
    tokens.splice(0, 1, ...SHORTHANDS[tokens[0]!.toLowerCase()]!.split(' '));

  let weekdays: number[][] | null = null;
  if (tokens.length > 0 && isWeekdaySpec(tokens[0]!)) weekdays = parseWeekdays(tokens.shift()!.replace(/,+$/, ''));
  let date: string | null = null;
  let time: string | null = null;
  for (const token of tokens) {
    if (token.includes(':')) {
      if (time !== null) throw new CalendarError(`two times in ${JSON.stringify(expression)}`);
      time = token;
    } else if (/[-~]/.test(token) && date === null && time === null) {
      date = token;
    } else {
      throw new CalendarError(`cannot read ${JSON.stringify(token)} in ${JSON.stringify(expression)}`);
    }
  }

  const [yearText, monthText, dayText, fromEnd] = splitDate(date ?? '*-*-*');
  const [hourText, minuteText, secondText = '00'] = splitTime(time ?? '00:00:00');
  const seconds = secondsField(secondText, notes);
  const fields = [seconds, component(minuteText, MINUTE), component(hourText, HOUR)];

  let dayField: string;
  let weekdayField: string;
  if (fromEnd) {
    [dayField, weekdayField] = lastDays(dayText, weekdays);
  } else {
    dayField = component(dayText, DAY);
    const days = weekdays === null ? '*' : weekdayList(weekdays);
    // systemd: the weekday AND the date. croner OR-s a restricted day-of-month with the weekdays unless told `+`.
    weekdayField = days !== '*' && dayField !== '*' ? `+${days}` : days;
  }
  fields.push(dayField, component(monthText, MONTH), weekdayField);
  const year = component(yearText, YEAR, twoDigitYear);
  if (year !== '*') fields.push(year);
  return { ok: true, cron: fields.join(' '), timezone, notes };
}

function isWeekdaySpec(token: string): boolean {
  return (
    /^[A-Za-z]+(?:(?:\.\.|,)[A-Za-z]+)*,*$/.test(token) &&
    token
      .split(/\.\.|,/)
      .filter(Boolean)
      .every((name) => weekdayIndex(name) !== -1)
  );
}

function weekdayIndex(name: string): number {
  const lower = name.toLowerCase();
  return WEEKDAYS.findIndex((day) => day === lower || day.slice(0, 3) === lower);
}

/** Weekday ranges as [from, to] with Monday = 1 … Sunday = 7 (croner reads 7 as Sunday too). */
function parseWeekdays(text: string): number[][] {
  return text
    .split(',')
    .filter(Boolean)
    .map((item) => {
      const [from, to] = item.split('..').map((name) => weekdayIndex(name) + 1);
      if (to !== undefined && to < from!) throw new CalendarError(`weekday range ${item} goes backwards`);
      return to === undefined ? [from!] : [from!, to];
    });
}

function weekdayList(weekdays: number[][]): string {
  return weekdays.map((range) => range.join('-')).join(',');
}

/** [year, month, day, fromEnd]; the year may be left out (`*-1`, `10-15`). */
function splitDate(date: string): [string, string, string, boolean] {
  const match = /^(?:([^-~]+)-)?([^-~]+)([-~])([^-~]+)$/.exec(date);
  if (!match) throw new CalendarError(`cannot read the date ${JSON.stringify(date)}`);
  return [match[1] ?? '*', match[2]!, match[4]!, match[3] === '~'];
}

function splitTime(time: string): [string, string, string | undefined] {
  const parts = time.split(':');
  if (parts.length < 2 || parts.length > 3) throw new CalendarError(`cannot read the time ${JSON.stringify(time)}`);
  return [parts[0]!, parts[1]!, parts[2]];
}

/** systemd reads a year below 70 as 20xx and below 100 as 19xx. */
function twoDigitYear(value: number, text: string): number {
  if (text.length > 2) return value;
  return value < 70 ? value + 2000 : value + 1900;
}

/** One component as a croner field. */
function component(
  text: string,
  rule: Component,
  adjust: (value: number, text: string) => number = (value) => value,
): string {
  if (text === '*') return '*';
  return text
    .split(',')
    .map((item) => {
      const match = /^(\*|\d+)(?:\.\.(\d+))?(?:\/(\d+))?$/.exec(item);
      if (!match) throw new CalendarError(`cannot read ${JSON.stringify(item)} in the ${rule.name}`);
      const [, fromText = '', toText, step] = match;
      if (step !== undefined && Number(step) === 0) throw new CalendarError(`a repetition of 0 in the ${rule.name}`);
      if (fromText === '*') {
        if (toText !== undefined) throw new CalendarError(`cannot read ${JSON.stringify(item)} in the ${rule.name}`);
        return step === undefined ? '*' : `*/${step}`;
      }
      const from = checked(adjust(Number(fromText), fromText), rule);
      const to = toText === undefined ? undefined : checked(adjust(Number(toText), toText), rule);
      if (to !== undefined && to < from) throw new CalendarError(`${rule.name} range ${item} goes backwards`);
      if (step === undefined) return to === undefined ? String(from) : `${from}-${to}`;
      // systemd: the value and every repetition after it, to the end of the field (or of the range).
      return `${from}-${to ?? rule.max}/${step}`;
    })
    .join(',');
}

function checked(value: number, rule: Component): number {
  if (value < rule.min || value > rule.max)
    throw new CalendarError(`${rule.name} ${value} is out of range (${rule.min}-${rule.max})`);
  return value;
}

/** Seconds may carry fractions in systemd; Cronbar fires on whole seconds, so a fraction is dropped and said. */
function secondsField(text: string, notes: string[]): string {
  if (!text.includes('.')) return component(text, SECOND);
  if (/\/\d*\./.test(text))
    throw new CalendarError(`a fractional repetition in the seconds (${text}) has no Cronbar form`);
  const whole = text.replace(/\.\d+/g, '');
  notes.push(`seconds ${text} fire at whole seconds (${whole}) in Cronbar`);
  return component(whole, SECOND);
}

/** `~` days: the last day is croner's `L`; weekdays on the last seven days are croner's `<weekday>L`. */
function lastDays(text: string, weekdays: number[][] | null): [string, string] {
  const offsets = new Set<number>();
  for (const item of text.split(',')) {
    const match = /^(\d+)(?:\.\.(\d+))?(?:\/(\d+))?$/.exec(item);
    if (!match) throw new CalendarError(`cannot read ~${item}`);
    const from = Number(match[1]);
    const to = match[2] === undefined ? undefined : Number(match[2]);
    const step = match[3] === undefined ? undefined : Number(match[3]);
    if (from < 1 || from > 31 || (to !== undefined && (to < from || to > 31)) || step === 0)
      throw new CalendarError(`cannot read ~${item}`);
    // `~07/1` counts from the 7th-last day toward the end: offsets 7, 6, … 1.
    if (step !== undefined && to === undefined)
      for (let offset = from; offset >= 1; offset -= step) offsets.add(offset);
    else if (step !== undefined) for (let offset = from; offset <= to!; offset += step) offsets.add(offset);
    else for (let offset = from; offset <= (to ?? from); offset++) offsets.add(offset);
  }
  const days = weekdays === null ? '*' : weekdayList(weekdays);
  if (offsets.size === 1 && offsets.has(1)) return ['L', days === '*' ? '*' : `+${days}`];
  const lastSeven = offsets.size === 7 && [1, 2, 3, 4, 5, 6, 7].every((offset) => offsets.has(offset));
  if (lastSeven && weekdays !== null) {
    const each = weekdays.flatMap(([from, to]) => range(from!, to ?? from!)).map((day) => `${day % 7}L`);
    return ['*', [...new Set(each)].join(',')];
  }
  const described = [...offsets].sort((a, b) => a - b).join(',');
  throw new CalendarError(
    `~${text} (day${offsets.size === 1 ? '' : 's'} ${described} counted from the month's end) has no Cronbar form: croner knows only the last day (L) and the last weekday of a month (for example 5L)`,
  );
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}
