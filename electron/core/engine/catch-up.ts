/**
 * What to do about fires missed while Cronbar was not running (or the machine slept): pure, given the job's last
 * handled fire and now. Fires older than the catch-up window are recorded `missed`; fires inside it follow the job's
 * policy:
 * - `skip`: recorded `missed` ("catch-up policy skip");
 * - `once`: one catch-up run for the latest missed fire, its reason saying how many it stands for;
 * - `all`: a catch-up run per missed fire, the latest `catchUp.max` of them in order; older ones recorded `missed`.
 * Fires within `graceMs` of now are not "missed": they are on time and left to the regular scheduler.
 */
import type { JobSpec } from '../../../shared/config/schema';
import { type DecidedFire, ENUMERATION_CAP, decideSpan, formatAge, formatWindow, pluralFires } from './decision-rows';
import type { ScheduleCalculator, ScheduleRef } from './schedule-calculator';

export interface CatchUpInput {
  ref: ScheduleRef;
  catchUp: JobSpec['catchUp'];
  /** The last fire handled (run, skipped or missed). */
  lastFireAt: number;
  now: number;
  graceMs: number;
}

export interface CatchUpPlan {
  /** Fires recorded `missed`, without running. */
  missed: DecidedFire[];
  /** Catch-up runs to queue, oldest first. */
  runs: DecidedFire[];
  /** The latest fire this plan accounts for: the job's new lastFireAt (null when nothing was missed). */
  lastHandled: number | null;
}

export function planCatchUp(input: CatchUpInput, calculator: ScheduleCalculator): CatchUpPlan {
  const { ref, catchUp, lastFireAt, now } = input;
  const until = now - input.graceMs;
  const windowStart = now - catchUp.windowMs;
  const window = formatWindow(catchUp.windowMs);
  const plan: CatchUpPlan = { missed: [], runs: [], lastHandled: null };
  if (until <= lastFireAt) return plan;

  // Outside the window: too old to run, whatever the policy.
  const outsideUntil = Math.min(windowStart, until);
  const outside = decideSpan(
    calculator,
    ref,
    lastFireAt,
    outsideUntil,
    (fire) => `missed by ${formatAge(now - fire)}: outside the ${window} catch-up window`,
    (count, latest) =>
      `missed ${count} (the latest by ${formatAge(now - latest)}): outside the ${window} catch-up window`,
  );
  plan.missed.push(...outside.rows);
  plan.lastHandled = outside.latest;

  const insideAfter = Math.max(lastFireAt, windowStart);
  if (until <= insideAfter) return plan;

  if (catchUp.policy === 'skip') {
    const skipped = decideSpan(
      calculator,
      ref,
      insideAfter,
      until,
      () => 'catch-up policy skip',
      (count) => `catch-up policy skip (stands for ${count})`,
    );
    plan.missed.push(...skipped.rows);
    plan.lastHandled = skipped.latest ?? plan.lastHandled;
    return plan;
  }

  const inside = calculator.firesBetween(ref, insideAfter, until, ENUMERATION_CAP);
  if (inside.count === 0) return plan;
  const keep = catchUp.policy === 'once' ? 1 : catchUp.max;
  const latest =
    inside.exact && inside.count <= keep ? inside.fires : calculator.lastFires(ref, insideAfter, until, keep);
  plan.lastHandled = latest[latest.length - 1] ?? plan.lastHandled;

  if (catchUp.policy === 'once') {
    const fire = latest[latest.length - 1]!;
    const reason =
      inside.count === 1 && inside.exact
        ? 'catch-up for 1 missed fire'
        : `catch-up for ${pluralFires(inside.count, inside.exact)} (runs once, for the latest)`;
    plan.runs.push({ scheduledFor: fire, reason });
    return plan;
  }

  // policy all: the latest `max` run in order; the older rest are recorded as missed.
  for (const fire of latest) plan.runs.push({ scheduledFor: fire, reason: 'catch-up' });
  const dropped = inside.count - latest.length;
  if (dropped > 0) {
    const firstKept = latest[0]!;
    const limit = `over the catch-up limit of ${catchUp.max} (catchUp.max)`;
    const rest = decideSpan(
      calculator,
      ref,
      insideAfter,
      firstKept - 1,
      () => limit,
      (count) => `${limit}, stands for ${count}`,
    );
    plan.missed.push(...rest.rows);
  }
  plan.missed.sort((a, b) => a.scheduledFor - b.scheduledFor);
  return plan;
}
