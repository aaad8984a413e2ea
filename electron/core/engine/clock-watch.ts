/**
 * The one detector of sleep and clock changes in a scheduling process: every 30 s (one cheap timer) and whenever the
 * engine's timer fires, compare how much wall-clock time passed with how much monotonic time did. They agree to
 * within a millisecond or two unless the clock jumped (NTP step, the user) or the machine slept (Linux's monotonic
 * clock stops in suspend, so setTimeout fires late in wall time). Only a disagreement costs work. The engine's
 * `resync` event carries the drift measured here, so the downtime recorder and the desktop need no detector of their own.
 */
import type { Clock, TimerHandle } from '../ports';

export const CLOCK_CHECK_INTERVAL_MS = 30_000;
/** Drift beyond this is a jump; below it is timer noise. */
export const CLOCK_JUMP_TOLERANCE_MS = 1_000;

export class ClockWatch {
  private wallBase = 0;
  private monoBase = 0;
  private timer: TimerHandle | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly onJump: (reason: string) => void,
    /** After every periodic check: other slow chores (the session's heartbeat) ride on this wake-up, not their own. */
    private readonly onCheck: (now: number) => void = () => {},
    private readonly intervalMs = CLOCK_CHECK_INTERVAL_MS,
  ) {}

  start(): void {
    this.reset();
    this.schedule();
  }

  stop(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Takes the current readings as the new baseline (after a resync has dealt with a jump). */
  reset(): void {
    this.wallBase = this.clock.now();
    this.monoBase = this.clock.monotonic();
  }

  /**
   * How far the wall clock moved beyond the monotonic one since the baseline (positive: ahead, asleep; negative: set
   * back), and takes the current readings as the new baseline. The engine's resync reads it once per resync.
   */
  takeDrift(): number {
    const wall = this.clock.now();
    const mono = this.clock.monotonic();
    const drift = wall - this.wallBase - (mono - this.monoBase);
    this.wallBase = wall;
    this.monoBase = mono;
    return Math.abs(drift) <= CLOCK_JUMP_TOLERANCE_MS ? 0 : drift;
  }

  /** Returns true (and reports it) when the wall clock moved differently from the monotonic clock. */
  check(): boolean {
    const wall = this.clock.now();
    const mono = this.clock.monotonic();
    const drift = wall - this.wallBase - (mono - this.monoBase);
    // The baseline stays until the resync this leads to takes the drift (takeDrift).
    if (Math.abs(drift) <= CLOCK_JUMP_TOLERANCE_MS) {
      this.wallBase = wall;
      this.monoBase = mono;
      return false;
    }
    const amount = formatDrift(Math.abs(drift));
    this.onJump(
      drift > 0
        ? `the wall clock moved ${amount} ahead (sleep or clock change)`
        : `the wall clock was set back ${amount}`,
    );
    return true;
  }

  private schedule(): void {
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.check();
      this.onCheck(this.clock.now());
      this.schedule();
    }, this.intervalMs);
  }
}

function formatDrift(ms: number): string {
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}
