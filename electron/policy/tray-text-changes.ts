/**
 * When the tray's text next changes by the clock alone: a relative time ("in 5 min", "in 2 d 4 h") ticking over, or
 * a local time losing its weekday or date when the day changes. The tray arms one timer to that moment instead of
 * polling; everything else it shows changes by a service event.
 */
import { startOfNextDay } from './format-time';
import type { TrayState } from './tray-state';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** format-time.ts writes a time within this many days as `Tue 14:00`, beyond it with the date. */
const WEEKDAY_SPAN = 6 * DAY;

/** The first moment after `now` at which formatRelative(at, now) reads differently. */
export function nextRelativeChange(at: number, now: number): number {
  const delta = at - now;
  // "in less than a minute" turns into "just now" once `at` has passed.
  if (delta < MINUTE) return delta >= 0 ? at + 1 : now + MINUTE - (-delta % MINUTE);
  // Days and hours beyond a day, hours and minutes below it.
  const unit = delta >= DAY ? HOUR : MINUTE;
  return now + (delta % unit) + 1;
}

/** Every time shown as text: the upcoming fires are relative and absolute, the rest absolute. */
export function nextTrayTextChange(state: TrayState): number {
  let next = startOfNextDay(state.now, state.timeZone);
  const upcoming = state.pausedAll ? [] : state.upcoming;
  for (const fire of upcoming) {
    next = Math.min(next, nextRelativeChange(fire.at, state.now));
    if (fire.at - state.now >= WEEKDAY_SPAN) next = Math.min(next, fire.at - WEEKDAY_SPAN + 1);
  }
  return next;
}
