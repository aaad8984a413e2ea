/**
 * An independent reading of `man 5 crontab` for the tests: which minutes a five-field line fires at, found by
 * walking the calendar day by day. Written from the man page, not from the importer, so the two can disagree.
 */
const NAMES: Record<number, string[]> = {
  3: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
  4: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
};
const BOUNDS: Array<[number, number]> = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];
const NICKNAMES: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

function value(token: string, field: number): number {
  const names = NAMES[field];
  const index = names ? names.indexOf(token.toLowerCase()) : -1;
  return index !== -1 ? index + (field === 3 ? 1 : 0) : Number(token);
}

function values(text: string, field: number): Set<number> {
  const [min, max] = BOUNDS[field]!;
  const set = new Set<number>();
  for (const item of text.split(',')) {
    const [range, stepText] = item.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    const [from, upTo] = range === '*' ? [min, max] : range!.split('-').map((token) => value(token, field));
    const to = upTo ?? (stepText === undefined ? from! : max);
    for (let v = from!; v <= to; v += step) set.add(field === 4 && v === 7 ? 0 : v);
  }
  return set;
}

/** The next `count` fires strictly after `after`, in UTC, of a crontab schedule (five fields or a nickname). */
export function vixieFires(schedule: string, count: number, after: number): number[] {
  const fields = (NICKNAMES[schedule.toLowerCase()] ?? schedule).split(/\s+/);
  const [minutes, hours, doms, months, dows] = fields.map(values) as Set<number>[];
  const domStar = fields[2]!.startsWith('*');
  const dowStar = fields[4]!.startsWith('*');
  const fires: number[] = [];
  const start = new Date(after);
  for (
    let day = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
    fires.length < count;
    day += 86_400_000
  ) {
    const date = new Date(day);
    if (!months!.has(date.getUTCMonth() + 1)) continue;
    const dom = doms!.has(date.getUTCDate());
    const dow = dows!.has(date.getUTCDay());
    if (!(domStar || dowStar ? dom && dow : dom || dow)) continue;
    for (const hour of [...hours!].sort((a, b) => a - b)) {
      for (const minute of [...minutes!].sort((a, b) => a - b)) {
        const at = day + hour * 3_600_000 + minute * 60_000;
        if (at > after && fires.length < count) fires.push(at);
      }
    }
  }
  return fires;
}
