/**
 * Why an action must stop early: its timeout passed, or someone cancelled it. Every action kind watches the same
 * AbortSignal, and the first cause wins (a cancel after the timeout does not turn `timed-out` into `interrupted`).
 */
import { formatDuration } from '../../../shared/config/duration';
import type { Clock, TimerHandle } from '../ports';

export interface StopCause {
  status: 'timed-out' | 'interrupted';
  reason: string;
}

export interface StopControl {
  readonly signal: AbortSignal;
  /** The first cause, or null while the action may run on. */
  readonly cause: StopCause | null;
  cancel(reason: string): void;
  /** Clears the timeout timer once the action is over. */
  dispose(): void;
}

/** `timeoutMs` ≤ 0 means no limit. */
export function createStopControl(clock: Clock, timeoutMs: number): StopControl {
  const controller = new AbortController();
  let cause: StopCause | null = null;
  let timer: TimerHandle | null = null;

  const stop = (next: StopCause) => {
    if (cause) return;
    cause = next;
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    controller.abort(new Error(next.reason));
  };

  if (timeoutMs > 0) {
    timer = clock.setTimeout(() => {
      timer = null;
      stop({ status: 'timed-out', reason: `timed out after ${formatDuration(timeoutMs)}` });
    }, timeoutMs);
  }

  return {
    signal: controller.signal,
    get cause() {
      return cause;
    },
    cancel: (reason) => stop({ status: 'interrupted', reason }),
    dispose: () => {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
}
