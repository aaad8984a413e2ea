/**
 * `--until TIME` and `--for 2h` of `cronbar pause`, and the words for who applied a change. Pure, so the reading of
 * times and the messages are tested without a process.
 */
import * as chrono from 'chrono-node';
import { parseDuration } from '../../../shared/config/duration';
import { parseLocalDateTime } from '../../../shared/config/zones-and-times';
import { atToEpoch } from '../engine/zoned-time';
import type { ControlOutcome } from '../control/control-protocol';
import { UsageError } from './args';

/**
 * The end of a pause in epoch ms, or null for "until resumed". `until` is a date and time (`2026-12-24T18:00`, with
 * `Z` or an offset, read in `timezone` otherwise) or a time of day (`18:00`: the next one).
 */
export function pauseEnd(options: { until?: string; for?: string }, now: number, timezone: string): number | null {
  if (options.until !== undefined && options.for !== undefined) throw new UsageError('give --until or --for, not both');
  if (options.for !== undefined) {
    const ms = parseDuration(options.for);
    if (ms !== null && ms > 0) return now + ms;
    // Words ("2 hours", "90 minutes"): what chrono reads after "in".
    const at = wholeWords(`in ${options.for.trim()}`, now);
    if (at === null || at <= now)
      throw new UsageError(
        `--for takes a duration such as 30m, 2h, 1d or "2 hours", not ${JSON.stringify(options.for)}`,
      );
    return at;
  }
  if (options.until === undefined) return null;
  const text = options.until.trim();
  const timeOfDay = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (timeOfDay) {
    const [hour, minute, second] = [Number(timeOfDay[1]), Number(timeOfDay[2]), Number(timeOfDay[3] ?? 0)];
    if (hour > 23 || minute > 59 || second > 59)
      throw new UsageError(`--until ${JSON.stringify(text)} is not a time of day`);
    const today = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date(now));
    const pad = (n: number) => String(n).padStart(2, '0');
    const at = atToEpoch(`${today}T${pad(hour)}:${pad(minute)}:${pad(second)}`, timezone)!;
    if (at > now) return at;
    const [y, m, d] = today.split('-').map(Number) as [number, number, number];
    const tomorrow = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
    return atToEpoch(`${tomorrow}T${pad(hour)}:${pad(minute)}:${pad(second)}`, timezone)!;
  }
  if (!parseLocalDateTime(text)) {
    const at = wholeWords(text, now);
    if (at === null)
      throw new UsageError(
        `--until takes a time such as 18:00, "tomorrow 08:00", "friday 17:00" or 2026-12-24T18:00, not ${JSON.stringify(text)}`,
      );
    if (at <= now)
      throw new UsageError(`--until ${JSON.stringify(text)} is ${new Date(at).toString()}, not in the future`);
    return at;
  }
  const at = atToEpoch(text, timezone)!;
  if (at <= now) throw new UsageError(`--until ${text} is not in the future`);
  return at;
}

/**
 * Words as chrono reads them in this machine's zone, only when they are read whole: "tomorrow blah" is refused rather
 * than taken as "tomorrow". A day without a time ("tomorrow", "friday") is its morning, 08:00, as the tray's pause.
 */
function wholeWords(text: string, now: number): number | null {
  const results = chrono.parse(text, new Date(now), { forwardDate: true });
  const result = results[0];
  if (results.length !== 1 || !result || result.index !== 0 || result.text.length !== text.length) return null;
  const at = result.start.date();
  if (!result.start.isCertain('hour')) at.setHours(8, 0, 0, 0);
  return at.getTime();
}

/** `the running daemon (pid 4242) applied it`, `takes effect when the scheduler starts`. */
export function outcomeWords(outcome: ControlOutcome): string {
  switch (outcome.how) {
    case 'here':
      return 'applied';
    case 'scheduler':
      return `the running ${outcome.by?.kind ?? 'scheduler'} (pid ${outcome.by?.pid}) applied it`;
    case 'owner':
      return `the ${outcome.by?.kind ?? 'process'} running it (pid ${outcome.by?.pid}) is stopping it`;
    case 'stored':
      return 'no scheduler is running; takes effect when the scheduler starts';
    case 'recovered':
      return 'the process running it was gone; marked interrupted';
    case 'unchanged':
      return 'nothing to do';
  }
}
