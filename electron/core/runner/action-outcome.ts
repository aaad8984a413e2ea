/** What each action kind reports back; the runner adds the kept output to make an `ActionResult`. */
import type { ActionResult } from '../ports';

export type ActionOutcome = Omit<ActionResult, 'outputTail' | 'outputBytes'>;

export interface StartedAction {
  /** The process (and group) id for command actions; null for the rest and when nothing could start. */
  pid: number | null;
  /** Never rejects. */
  outcome: Promise<ActionOutcome>;
}

export function failed(reason: string): ActionOutcome {
  return { status: 'failed', exitCode: null, signal: null, reason };
}

export function succeeded(): ActionOutcome {
  return { status: 'succeeded', exitCode: null, signal: null, reason: null };
}
