/**
 * macOS App Nap slows the timers of an app with no visible window, so a menu-bar scheduler can fire late. Cronbar
 * holds a `prevent-app-suspension` blocker only while it matters: a job is running, or the next fire is due within
 * `AWAKE_LEAD_MS`. The rest of the time the system may nap the app (and it costs no energy to be idle); the engine
 * still corrects for late wake-ups, so a nap at the wrong moment delays a fire rather than losing it.
 */
export const AWAKE_LEAD_MS = 60_000;

export function needsAwake(options: { now: number; nextFireAt: number | null; running: number }): boolean {
  if (options.running > 0) return true;
  return options.nextFireAt !== null && options.nextFireAt - options.now <= AWAKE_LEAD_MS;
}
