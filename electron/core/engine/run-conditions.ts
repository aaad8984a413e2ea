/**
 * `when:` conditions: a fire (scheduled or from an event) of a job with conditions runs only while they hold. With
 * `unmet: skip` the fire becomes a skipped row saying why ("on battery at 02:00"); with `unmet: wait` it waits in
 * memory, one per job, and starts as soon as they hold within `within` (its row says how late and why), or becomes
 * a skipped row when the bound passes. Waits are looked at again when a probe reports a change and on the clock
 * watch's 30 s wake-up, so waiting costs no timer of its own. Manual runs and retries ignore conditions: the admin
 * or the first attempt already chose to run.
 */
import type { ConditionsSpec } from '../../../shared/config/trigger-schema';
import { formatMs } from '../../../shared/config/describe-trigger';
import type { RunTrigger } from '../../../shared/model';
import type { Clock } from '../ports';
import { type JobEntry, type Plan, decidedPlan, isSchedulable } from './engine-types';
import type { PlatformProbes } from './platform-probes';
import type { RunLifecycle } from './run-lifecycle';

export interface RunConditionsHost {
  clock: Clock;
  probes: PlatformProbes;
  runs: Pick<RunLifecycle, 'decide'>;
  /** Whether the job (or every job) is paused now. */
  paused(job: JobEntry): boolean;
  /** Starts and records plans made outside a tick (a wait that ended). */
  commit(plans: Plan[]): void;
  log(line: string): void;
}

interface Wait {
  job: JobEntry;
  trigger: RunTrigger;
  scheduledFor: number;
  /** What was unmet at the fire, worded for the row ("on battery at 02:00"). */
  why: string;
  deadline: number;
  /** The event's own words, kept for the row when it finally runs. */
  reason: string | null;
}

export class RunConditions {
  private readonly waits = new Map<JobEntry, Wait>();
  /** Probe subscriptions held while a fire waits, so a push source (powerMonitor's on-ac) starts it at once. */
  private unsubscribe: Array<() => void> = [];
  /** How many jobs have conditions: the tick gates nothing while none has. */
  private conditioned = 0;

  constructor(private readonly host: RunConditionsHost) {}

  /** Counts the conditioned jobs after a new jobs list. */
  apply(jobs: Iterable<JobEntry>): void {
    let count = 0;
    for (const job of jobs) if (job.spec.conditions !== undefined) count++;
    this.conditioned = count;
  }

  get active(): boolean {
    return this.conditioned > 0;
  }

  get waiting(): boolean {
    return this.waits.size > 0;
  }

  /**
   * The tick's gate: takes the due jobs whose conditions do not hold out of `due` (in place), with a skipped row in
   * `plans` or a wait. Returns the jobs taken out, whose next fire the tick still computes.
   */
  gateDue(due: JobEntry[], plans: Plan[]): JobEntry[] {
    const held: JobEntry[] = [];
    let kept = 0;
    for (const job of due) {
      if (job.spec.conditions === undefined || this.admit(job, 'schedule', job.nominal!, null, plans)) {
        due[kept++] = job;
      } else held.push(job);
    }
    due.length = kept;
    return held;
  }

  /**
   * One fire of a conditioned job: true when its conditions hold (the caller runs it); else its skipped row goes
   * into `plans` or it waits, and false.
   */
  admit(job: JobEntry, trigger: RunTrigger, scheduledFor: number, reason: string | null, plans: Plan[]): boolean {
    const conditions = job.spec.conditions;
    if (conditions === undefined) return true;
    const unmet = this.unmet(conditions);
    if (unmet === null) return true;
    const why = `${unmet} at ${clockTime(scheduledFor, job.spec.timezone)}`;
    const earlier = this.waits.get(job);
    if (earlier) {
      plans.push(
        decidedPlan(
          job,
          'skipped',
          trigger,
          scheduledFor,
          `${why}; the fire of ${clockTime(earlier.scheduledFor, job.spec.timezone)} already waits for its conditions`,
        ),
      );
    } else if (conditions.unmet === 'wait') {
      this.waits.set(job, { job, trigger, scheduledFor, why, deadline: scheduledFor + conditions.withinMs, reason });
      if (this.unsubscribe.length === 0) {
        const { probes } = this.host;
        // Deferred: a probe may call back at once, and this fire's tick is not done.
        const soon = () => queueMicrotask(() => this.recheck());
        this.unsubscribe = [probes.subscribe('power', soon), probes.subscribe('network', soon)];
      }
      this.host.log(`${job.spec.id}: waits up to ${formatMs(conditions.withinMs)} for its conditions (${why})`);
    } else {
      plans.push(decidedPlan(job, 'skipped', trigger, scheduledFor, withEvent(why, reason)));
    }
    return false;
  }

  /** A probe changed or the clock watch woke: waits whose conditions hold start, waits past their bound are skipped. */
  recheck(): void {
    if (this.waits.size === 0) return;
    const now = this.host.clock.now();
    const plans: Plan[] = [];
    for (const wait of [...this.waits.values()]) {
      const { job } = wait;
      if (!isSchedulable(job) || job.spec.conditions === undefined) {
        this.waits.delete(job);
        if (!job.removed)
          plans.push(
            decidedPlan(
              job,
              'skipped',
              wait.trigger,
              wait.scheduledFor,
              `${wait.why}; the job changed while it waited`,
            ),
          );
        continue;
      }
      const unmet = this.unmet(job.spec.conditions);
      if (unmet === null) {
        this.waits.delete(job);
        if (this.host.paused(job)) {
          plans.push(
            decidedPlan(job, 'skipped', wait.trigger, wait.scheduledFor, `${wait.why}; paused when they held`),
          );
          continue;
        }
        const late = `started ${formatLate(now - wait.scheduledFor)} late: waited for its conditions (${wait.why})`;
        plans.push(this.host.runs.decide(job, wait.trigger, wait.scheduledFor, 1, null, withEvent(late, wait.reason)));
      } else if (now >= wait.deadline) {
        this.waits.delete(job);
        const within = formatMs(job.spec.conditions.withinMs);
        plans.push(
          decidedPlan(
            job,
            'skipped',
            wait.trigger,
            wait.scheduledFor,
            withEvent(`${wait.why}, still ${unmet} after ${within} (when.within)`, wait.reason),
          ),
        );
      }
    }
    if (this.waits.size === 0) this.release();
    if (plans.length > 0) this.host.commit(plans);
  }

  private release(): void {
    for (const unsubscribe of this.unsubscribe.splice(0)) unsubscribe();
  }

  /** Shutdown: every waiting fire gets its row. */
  dropAll(): Plan[] {
    const plans = [...this.waits.values()].map((wait) =>
      decidedPlan(wait.job, 'skipped', wait.trigger, wait.scheduledFor, `${wait.why}; Cronbar stopped while it waited`),
    );
    this.waits.clear();
    this.release();
    return plans;
  }

  /** What does not hold now, in words, or null when everything does. */
  unmet(conditions: ConditionsSpec): string | null {
    const { probes } = this.host;
    const problems: string[] = [];
    if (conditions.power === 'ac') {
      const source = probes.powerSource();
      if (source !== 'ac') problems.push(source === 'battery' ? 'on battery' : 'power source unknown here');
    }
    if (conditions.network) {
      const online = probes.networkOnline();
      if (online !== true) problems.push(online === false ? 'offline' : 'network state unknown here');
    }
    if (conditions.idleMs !== null) {
      const idle = probes.idleMs();
      if (idle === null) problems.push('idle time unknown here (desktop app only)');
      else if (idle < conditions.idleMs)
        problems.push(`user active (idle ${formatLate(idle)}, needs ${formatMs(conditions.idleMs)})`);
    }
    return problems.length === 0 ? null : problems.join(', ');
  }
}

function withEvent(text: string, reason: string | null): string {
  return reason === null ? text : `${reason}; ${text}`;
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** `02:00` in the job's zone. */
function clockTime(at: number, timezone: string): string {
  let format = clockFormats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: timezone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    clockFormats.set(timezone, format);
  }
  return format.format(at);
}

/** `25 min`, `2 h 5 min`, `40 s`. */
export function formatLate(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  return minutes % 60 === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
