/**
 * The five time fields of a crontab line (Vixie cron / cronie, `man 5 crontab`) checked by cron's own grammar and
 * turned into the croner pattern Cronbar runs with the same fire times.
 *
 * The one place the dialects differ: cron OR-s day-of-month and day-of-week when both are restricted, and counts a
 * field as unrestricted when it *starts* with `*` (so `*\/2` is "unrestricted" and the two fields are AND-ed).
 * croner (Cronbar's calendar, OR by default) only treats a bare `*` as unrestricted, so a line such as
 * `0 0 *\/2 * 1` would become an OR there; it gets croner's `+` day-of-week modifier, which AND-s the fields.
 */
import { CRON_NICKNAMES as CRON_NICKNAME_LIST } from '../../../../shared/config/cron-nicknames';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface Field {
  name: string;
  min: number;
  max: number;
  names?: string[];
  namesFrom?: number;
}

const FIELDS: Field[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS, namesFrom: 1 },
  { name: 'day of week', min: 0, max: 7, names: DAYS, namesFrom: 0 },
];

/** cron's nicknames; `@reboot` is not a schedule and is handled by the caller. */
export const CRON_NICKNAMES: ReadonlySet<string> = new Set(CRON_NICKNAME_LIST);

/** Null when `fields` (five of them) are valid crontab time fields, else what is wrong. */
export function crontabFieldsError(fields: readonly string[]): string | null {
  for (const [index, field] of fields.entries()) {
    const rule = FIELDS[index]!;
    for (const item of field.split(',')) {
      const problem = itemError(item, rule);
      if (problem) return `${rule.name} ${JSON.stringify(field)}: ${problem}`;
    }
  }
  return null;
}

function itemError(item: string, rule: Field): string | null {
  const match = /^(\*|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)?)(?:\/(\d+))?$/.exec(item);
  if (!match) return `${JSON.stringify(item)} is not a value, range or step`;
  const [, base = '', step] = match;
  if (step !== undefined && Number(step) === 0) return 'a step of 0';
  if (step !== undefined && base !== '*' && !base.includes('-'))
    return `${JSON.stringify(item)}: cron steps a range or *, not a single value`;
  if (base === '*') return null;
  const [from, to] = base.split('-').map((part) => valueOf(part, rule));
  for (const value of [from, to]) {
    if (value === undefined) continue;
    if (Number.isNaN(value)) return `${JSON.stringify(base)} is not a ${rule.name}`;
    if (value < rule.min || value > rule.max) return `${value} is out of range ${rule.min}-${rule.max}`;
  }
  if (to !== undefined && from! > to) return `range ${base} goes backwards`;
  return null;
}

function valueOf(token: string, rule: Field): number {
  if (/^\d+$/.test(token)) return Number(token);
  const index = rule.names?.indexOf(token.toLowerCase()) ?? -1;
  return index === -1 ? Number.NaN : index + (rule.namesFrom ?? 0);
}

/** The croner pattern for five valid crontab fields, with cron's day rule kept (see the top of this file). */
export function cronerPatternFor(fields: readonly string[]): string {
  const [minute, hour, dom, month, dow] = fields as [string, string, string, string, string];
  const domStar = dom.startsWith('*');
  const dowStar = dow.startsWith('*');
  // cron AND-s when either field starts with `*`; croner does too when that field is exactly `*`.
  const needsAnd = (domStar || dowStar) && dom !== '*' && dow !== '*';
  return [minute, hour, dom, month, needsAnd ? `+${dow}` : dow].join(' ');
}
