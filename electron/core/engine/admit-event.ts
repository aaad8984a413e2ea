/**
 * One `on:` event fire of a job, through the admission a scheduled fire gets: a disabled or removed job ignores it, a
 * paused one records it skipped, then conditions (run-conditions.ts) and overlap (overlap.ts) decide, and the run
 * goes to the concurrency limit like any other. Its row's trigger is the event ("resume"), its reason the event's words.
 */
import type { TriggerEvent } from '../../../shared/config/trigger-schema';
import type { Clock } from '../ports';
import { type EngineFlags, type JobEntry, type Plan, decidedPlan, isSchedulable } from './engine-types';
import type { RunConditions } from './run-conditions';
import type { RunLifecycle } from './run-lifecycle';

export interface AdmitEventHost {
  flags: Readonly<EngineFlags>;
  clock: Clock;
  runs: Pick<RunLifecycle, 'decide'>;
  conditions: Pick<RunConditions, 'admit'>;
  allPaused(): boolean;
  commit(plans: Plan[]): void;
}

export function admitEvent(host: AdmitEventHost, job: JobEntry, event: TriggerEvent, reason: string): void {
  const { flags, clock } = host;
  if (!flags.started || flags.stopping || !isSchedulable(job)) return;
  const now = clock.now();
  const plans: Plan[] = [];
  if (job.state.paused || host.allPaused())
    plans.push(decidedPlan(job, 'skipped', event, now, `${reason}; ${job.state.paused ? 'paused' : 'paused (all)'}`));
  else if (host.conditions.admit(job, event, now, reason, plans))
    plans.push(host.runs.decide(job, event, now, 1, null, reason));
  host.commit(plans);
}
