import { Cron } from 'croner';
import { BoundedCache } from './bounded-cache';

/**
 * Checks a cron expression in croner's dialect (5, 6 or 7 fields, `L W # ?`, `@daily` and friends).
 * Returns null when valid, else a message an admin can act on.
 *
 * croner validates too, but its messages name internal fields and zero-based values (`* * 32 * *` reports
 * "Invalid value for day: 31"), so we check the common mistakes per field first and fall back to croner's message
 * for the rest of its grammar.
 */
export function cronError(expr: string, timezone?: string): string | null {
  // A jobs file repeats a few schedules across many jobs, and a `new Cron` costs ~0.1 ms and ~80 KiB of garbage:
  // 100 000 jobs took ~5 s here. The verdict depends only on (expression, zone) — bar a 7-field pattern whose year
  // passes while the process runs — so it is kept; the parsed Cron is not (the engine keeps its own for fires).
  return verdicts.get(`${expr}\u0000${timezone ?? ''}`, () => checkCron(expr, timezone));
}

const verdicts = new BoundedCache<string, string | null>(4096);

function checkCron(expr: string, timezone: string | undefined): string | null {
  const own = fieldError(expr);
  if (own) return own;
  try {
    const cron = new Cron(expr, { paused: true, timezone });
    // A pattern such as `0 0 30 2 *` parses but never matches a date; the admin would wait forever.
    return cron.nextRun() === null ? 'never fires: no date matches it' : null;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return message.replace(/^CronPattern:\s*/, '');
  }
}

export { CRON_NICKNAMES } from './cron-nicknames';
import { CRON_NICKNAMES } from './cron-nicknames';

interface FieldRule {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** Where the names start counting (jan = 1, sun = 0). */
  namesFrom?: number;
  /** What the range looks like in a message. */
  hint?: string;
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

const SECOND: FieldRule = { name: 'second', min: 0, max: 59 };
const MINUTE: FieldRule = { name: 'minute', min: 0, max: 59 };
const HOUR: FieldRule = { name: 'hour', min: 0, max: 23 };
const DAY_OF_MONTH: FieldRule = { name: 'day of month', min: 1, max: 31 };
const MONTH: FieldRule = { name: 'month', min: 1, max: 12, names: MONTH_NAMES, namesFrom: 1, hint: '1-12 or jan-dec' };
// croner accepts 7 for Sunday, like Vixie cron.
const DAY_OF_WEEK: FieldRule = {
  name: 'day of week',
  min: 0,
  max: 7,
  names: DAY_NAMES,
  namesFrom: 0,
  hint: '0-7 or sun-sat',
};
const YEAR: FieldRule = { name: 'year', min: 1, max: 9999 };

const LAYOUTS: Record<number, FieldRule[]> = {
  5: [MINUTE, HOUR, DAY_OF_MONTH, MONTH, DAY_OF_WEEK],
  6: [SECOND, MINUTE, HOUR, DAY_OF_MONTH, MONTH, DAY_OF_WEEK],
  7: [SECOND, MINUTE, HOUR, DAY_OF_MONTH, MONTH, DAY_OF_WEEK, YEAR],
};

/** The mistakes we can name precisely; null leaves the verdict to croner. */
function fieldError(expr: string): string | null {
  const trimmed = expr.trim();
  if (trimmed.startsWith('@')) {
    return CRON_NICKNAMES.includes(trimmed.toLowerCase())
      ? null
      : `unknown shorthand ${trimmed} (use ${CRON_NICKNAMES.join(', ')})`;
  }
  const fields = trimmed.split(/\s+/).filter((field) => field !== '');
  const layout = LAYOUTS[fields.length];
  if (!layout) {
    return `has ${fields.length} field${fields.length === 1 ? '' : 's'}; a cron pattern has 5 (minute hour day-of-month month day-of-week), 6 (seconds first) or 7 (seconds first, year last)`;
  }
  for (const [index, field] of fields.entries()) {
    const rule = layout[index]!;
    for (const part of field.split(',')) {
      const problem = partError(part, rule);
      if (problem) return problem;
    }
  }
  return null;
}

function partError(part: string, rule: FieldRule): string | null {
  if (part === '') return `empty list entry in the ${rule.name} field`;
  const match = /^([^/]+)(?:\/(.*))?$/.exec(part);
  if (!match) return null;
  const [, base = '', step] = match;
  if (step !== undefined) {
    if (!/^\d+$/.test(step)) return `step ${JSON.stringify(step)} in the ${rule.name} field is not a whole number`;
    if (Number(step) === 0) return `step 0 in the ${rule.name} field: use 1 or more`;
  }
  if (base === '*' || base === '?') return null;
  const range = /^([A-Za-z0-9]+)(?:-([A-Za-z0-9]+))?$/.exec(base);
  // L, W and # forms: croner knows them best.
  if (!range) return null;
  const from = valueOf(range[1]!, rule);
  const to = range[2] === undefined ? undefined : valueOf(range[2], rule);
  for (const value of [from, to]) {
    if (value === undefined || value === 'other') continue;
    if (typeof value === 'string') return value;
    if (value < rule.min || value > rule.max)
      return `${rule.name} ${value} is out of range (${rule.hint ?? `${rule.min}-${rule.max}`})`;
  }
  if (typeof from === 'number' && typeof to === 'number' && from > to) {
    return `range ${base} in the ${rule.name} field goes backwards (write the smaller value first)`;
  }
  return null;
}

/** A number, a message for a bad name, or 'other' for forms croner judges (`L`, `5L`, `15W`). */
function valueOf(token: string, rule: FieldRule): number | string | 'other' {
  if (/^\d+$/.test(token)) return Number(token);
  if (/^[A-Za-z]+$/.test(token)) {
    // `L`, `W` and `LW` are croner's to judge.
    if (/^(L|W|LW)$/i.test(token)) return 'other';
    if (!rule.names) return `${JSON.stringify(token)} is not a ${rule.name} (use ${rule.min}-${rule.max})`;
    const index = rule.names.indexOf(token.toLowerCase());
    if (index === -1)
      return `${JSON.stringify(token)} is not a ${rule.name} name (use ${rule.names[0]}-${rule.names[rule.names.length - 1]})`;
    return index + (rule.namesFrom ?? 0);
  }
  return 'other';
}
