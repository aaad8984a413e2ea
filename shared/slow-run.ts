/**
 * When a finished run counts as slow in its job's history: over 3× the median of the last 50 successful runs, and over
 * 10 s (short jobs jitter too much in relative terms to call a 3-second run "slow"). One rule for the core's stats and
 * the window's history.
 */
export const SLOW_FACTOR = 3;
export const SLOW_FLOOR_MS = 10_000;

export const isSlowDuration = (durationMs: number, medianMs: number | null | undefined): boolean =>
  medianMs !== null && medianMs !== undefined && durationMs > SLOW_FACTOR * medianMs && durationMs > SLOW_FLOOR_MS;
