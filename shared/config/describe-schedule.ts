/** A schedule in words, for the list, the tray and the CLI: `At 02:00`, `Every 15 minutes`, `Once at 2027-01-01 09:00`. */
import cronstrue from 'cronstrue';
import type { ScheduleSpec } from './schema';
import { CRON_NICKNAME_FIELDS } from './cron-nicknames';
import { formatDuration } from './duration';

export function describeCron(expr: string): string {
  const trimmed = expr.trim();
  // croner's `+` before the day of week AND-s it with the day of month (an imported cron `*\/2 * 5` or systemd
  // `Mon *-*-1..7`); cronstrue does not know it, so describe the fields and say how they combine.
  const fields = trimmed.split(/\s+/);
  const weekday = fields.length === 5 ? 4 : fields.length >= 6 ? 5 : -1;
  if (weekday !== -1 && fields[weekday]!.startsWith('+')) {
    const plain = fields.map((field, index) => (index === weekday ? field.slice(1) : field)).join(' ');
    const words = describeCron(plain);
    if (words === plain) return trimmed;
    // cronstrue words the usual OR as "…of the month, and on Friday".
    return words.includes(', and on ')
      ? words.replace(', and on ', ', if it is a ')
      : `${words} (only when the day of the month and the weekday both match)`;
  }
  const expanded = CRON_NICKNAME_FIELDS[trimmed.toLowerCase()] ?? trimmed;
  try {
    return cronstrue.toString(expanded, {
      use24HourTimeFormat: true,
      verbose: false,
      throwExceptionOnParseError: true,
    });
  } catch {
    return trimmed;
  }
}

const UNIT_WORDS: Array<[number, string]> = [
  [604_800_000, 'week'],
  [86_400_000, 'day'],
  [3_600_000, 'hour'],
  [60_000, 'minute'],
  [1_000, 'second'],
];

export function describeEvery(everyMs: number): string {
  for (const [size, word] of UNIT_WORDS) {
    if (everyMs % size === 0) {
      const count = everyMs / size;
      return count === 1 ? `Every ${word}` : `Every ${count} ${word}s`;
    }
  }
  return `Every ${formatDuration(everyMs)}`;
}

export function describeSchedule(schedule: ScheduleSpec): string {
  switch (schedule.kind) {
    case 'cron':
      return describeCron(schedule.expr);
    case 'every':
      return describeEvery(schedule.everyMs);
    case 'at':
      return `Once at ${schedule.at.replace('T', ' ')}`;
    case 'none':
      return 'No schedule';
  }
}

export function scheduleText(schedule: ScheduleSpec): string {
  switch (schedule.kind) {
    case 'cron':
      return schedule.expr;
    case 'every':
      return schedule.text;
    case 'at':
      return schedule.at;
    case 'none':
      return '';
  }
}
