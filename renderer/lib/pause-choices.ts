/** The ends a pause can have, in the words the window offers them: "for 1 h", "until tomorrow 08:00", "until I resume". */
import { formatWhen } from './format';

/** When "until the morning" ends: the next `morning` (HH:MM, Settings) local time (at 01:00 that is today's). */
export function nextMorning(now: number, morning: string): number {
  const [hour, minute] = morning.split(':').map(Number) as [number, number];
  const at = new Date(now);
  at.setHours(hour, minute, 0, 0);
  if (at.getTime() <= now) at.setDate(at.getDate() + 1);
  return at.getTime();
}

export interface PauseChoice {
  label: string;
  /** Epoch ms, or null: until resumed. */
  until: number | null;
}

export function pauseChoices(now: number, morning: string): PauseChoice[] {
  return [
    { label: 'for 1 h', until: now + 3_600_000 },
    { label: `until ${formatWhen(nextMorning(now, morning), now)}`, until: nextMorning(now, morning) },
    { label: 'until I resume', until: null },
  ];
}

/** `until tomorrow 08:00`, or `until you resume`. */
export function pauseEndText(until: number | null, now: number): string {
  return until === null ? 'until you resume' : `until ${formatWhen(until, now)}`;
}

/** The value of a datetime-local input for an instant, in local time. */
export function toLocalInputValue(at: number): string {
  const d = new Date(at);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
