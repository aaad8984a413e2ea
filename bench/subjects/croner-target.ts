/**
 * croner does not tell a callback which target it fired for: `currentRun()` is the time it *triggered* (Date.now()
 * at the timer), not the scheduled second. After each trigger croner aims at the first match strictly after that
 * trigger time, so we redo that step: the first target is `nextRun()` at registration, each later one is
 * `nextRun(previous trigger)`. For `* * * * * *` that is plain arithmetic, which keeps the bookkeeping from adding
 * croner calls (and lateness) to the subject being measured.
 */
import type { Cron } from 'croner';

export const EVERY_SECOND = '* * * * * *';

export class CronerTargets {
  private readonly targets: Float64Array;

  constructor(private readonly expressions: readonly string[]) {
    this.targets = new Float64Array(expressions.length).fill(Number.NaN);
  }

  /** Call right after creating job i's Cron. */
  armed(index: number, cron: Cron): void {
    this.targets[index] = cron.nextRun()?.getTime() ?? Number.NaN;
  }

  /** Call inside job i's callback: returns the target this fire was for and works out the next one. */
  fired(index: number, cron: Cron): number {
    const target = this.targets[index]!;
    const triggeredAt = cron.currentRun()?.getTime() ?? Date.now();
    this.targets[index] =
      this.expressions[index] === EVERY_SECOND
        ? Math.floor(triggeredAt / 1000) * 1000 + 1000
        : (cron.nextRun(new Date(triggeredAt))?.getTime() ?? Number.NaN);
    return target;
  }
}
