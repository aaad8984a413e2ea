/**
 * The one shape every scheduler under test is driven through, so the children measure them all the same way.
 */

/** Called at the start of each fire of job `jobIndex`, with the fire time the scheduler meant (epoch ms). */
export type FireListener = (jobIndex: number, scheduledFor: number) => void;

export interface SchedulerSubject {
  /** Untimed setup (writing a jobs file, say) that must not count as loading. */
  prepare?(expressions: readonly string[]): Promise<void> | void;
  /**
   * Registers one job per expression, job i firing `onFire(i, …)`. Resolves once every job's next fire is computed
   * and its timer armed: this is what the scale figure times.
   */
  register(expressions: readonly string[], onFire: FireListener): Promise<void> | void;
  /** Cancels every job; after it resolves nothing fires again. */
  cancelAll(): Promise<void> | void;
}
