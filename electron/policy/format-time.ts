/**
 * Times as the tray and notifications show them: `14:00`, `Tue 14:00`, `in 3 h 12 min`. The time zone is a parameter
 * so tests are deterministic; the app passes the viewer's zone (undefined = local).
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** `in 3 h 12 min`, `in 45 min`, `in 2 d 4 h`, `in less than a minute`; `3 min ago` for the past. */
export function formatRelative(at: number, now: number): string {
  const delta = at - now;
  const span = Math.abs(delta);
  if (span < MINUTE) return delta >= 0 ? 'in less than a minute' : 'just now';
  let text: string;
  if (span < HOUR) {
    text = `${Math.floor(span / MINUTE)} min`;
  } else if (span < DAY) {
    const hours = Math.floor(span / HOUR);
    const minutes = Math.floor((span % HOUR) / MINUTE);
    text = minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  } else {
    const days = Math.floor(span / DAY);
    const hours = Math.floor((span % DAY) / HOUR);
    text = hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  }
  return delta >= 0 ? `in ${text}` : `${text} ago`;
}

function dateFormat(timeZone: string | undefined): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: '2-digit',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}

function partsWith(format: Intl.DateTimeFormat, at: number): Record<string, string> {
  return Object.fromEntries(format.formatToParts(new Date(at)).map((part) => [part.type, part.value]));
}

function parts(at: number, timeZone: string | undefined): Record<string, string> {
  return partsWith(dateFormat(timeZone), at);
}

/** `14:00` today, `Tue 14:00` within the next 6 days, `12 Mar 14:00` otherwise. */
export function formatLocalTime(at: number, now: number, timeZone?: string): string {
  return localTimeFormatter(now, timeZone)(at);
}

/**
 * formatLocalTime for many times against one `now`: one Intl formatter and one reading of today (building a
 * formatter costs far more than formatting, and the tray writes a time for every failing job).
 */
export function localTimeFormatter(now: number, timeZone?: string): (at: number) => string {
  const format = dateFormat(timeZone);
  const today = partsWith(format, now);
  return (at) => {
    const target = partsWith(format, at);
    const clock = `${target.hour}:${target.minute}`;
    const sameDay = target.year === today.year && target.month === today.month && target.day === today.day;
    if (sameDay) return clock;
    if (at > now && at - now < 6 * DAY) return `${target.weekday} ${clock}`;
    return `${target.day} ${target.month} ${clock}`;
  };
}

/** The start of the next local day in `timeZone`, for "pause until tomorrow". */
export function startOfNextDay(now: number, timeZone?: string): number {
  const today = parts(now, timeZone);
  // Walk forward in 15-minute steps from a point in tomorrow's first hour back to the date change; robust to DST.
  let probe = now + (24 - Number(today.hour)) * HOUR - Number(today.minute) * MINUTE;
  probe -= probe % MINUTE;
  for (let guard = 0; guard < 16; guard++) {
    const before = parts(probe - 15 * MINUTE, timeZone);
    if (before.day !== today.day) probe -= 15 * MINUTE;
    else break;
  }
  for (let guard = 0; guard < 16; guard++) {
    const at = parts(probe, timeZone);
    if (at.day === today.day) probe += 15 * MINUTE;
    else break;
  }
  return probe;
}
