/**
 * Overdue, for a job with `expect: { succeededWithin }`: its last success is older than that, whatever the reason
 * (failed, missed while asleep, paused, disabled). A job that never succeeded counts from when its expectation was
 * first seen. Pure, like check-state.ts.
 */
export interface ExpectationVerdict {
  overdue: boolean;
  /** When it became (or becomes) overdue. */
  deadline: number;
}

export function evaluateExpectation(
  lastSuccessAt: number | null,
  since: number,
  withinMs: number,
  now: number,
): ExpectationVerdict {
  const deadline = (lastSuccessAt ?? since) + withinMs;
  return { overdue: now >= deadline, deadline };
}
