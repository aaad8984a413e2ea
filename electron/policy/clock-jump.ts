/**
 * Notices wall-clock jumps (NTP corrections, the admin changing the time, a sleep the OS did not report) by comparing
 * how far the wall clock and the monotonic clock moved between two checks. Electron has no event for clock changes.
 */
export const CLOCK_JUMP_TOLERANCE_MS = 5_000;

export interface ClockReading {
  wall: number;
  monotonic: number;
}

/** Returns how far the wall clock jumped (positive: forward) beyond the tolerance, or 0. */
export function clockJump(
  previous: ClockReading,
  current: ClockReading,
  toleranceMs = CLOCK_JUMP_TOLERANCE_MS,
): number {
  const drift = current.wall - previous.wall - (current.monotonic - previous.monotonic);
  return Math.abs(drift) > toleranceMs ? drift : 0;
}
