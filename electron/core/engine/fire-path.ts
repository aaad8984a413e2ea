/**
 * The fire path, first half: ONE timer, armed for the earliest of the next fires (next-fires.ts) and the control
 * queue (retries, pause ends), in chunks under setTimeout's 2^31-1 ms cap; and the tick that takes every due entry at
 * once and hands it to the start batch (start-batch.ts). Decides only timing: a timer firing late means sleep or a
 * clock jump (resync instead of firing stale entries). What a control entry does is its owner's (the host routes it).
 */
import type { Clock, TimerHandle } from '../ports';
import { type ControlEntry, type EngineFlags, type JobEntry, type Plan, decidedPlan, newMemo } from './engine-types';
import { FireQueue } from './fire-queue';
import type { NextFires } from './next-fires';
import type { StartBatch } from './start-batch';

/** setTimeout's largest delay; longer waits are armed in chunks. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
/** A timer this late means the machine slept or the clock jumped: resync instead of firing stale entries. */
export const LATE_TIMER_MS = 1_000;
/** The most decisions a failing store can make the engine hold (the newest are kept). */
const MAX_DEFERRED_PLANS = 10_000;

export interface FirePathHost {
  clock: Clock;
  flags: Readonly<EngineFlags>;
  fires: Pick<NextFires, 'popDue' | 'peekTime' | 'scheduleNext'>;
  batch: Pick<StartBatch, 'commit'>;
  /** Whether every job is paused: then no scheduled fire is due, only control entries. */
  allPaused(): boolean;
  /** Takes the due jobs whose `when:` conditions do not hold out of `due` (run-conditions.ts); returns them. */
  gateDue(due: JobEntry[], plans: Plan[]): JobEntry[];
  /** Writes state rows of jobs whose fire was handled outside the start batch (held by their conditions). */
  saveStates(jobs: readonly JobEntry[]): void;
  /** True when the wall clock jumped (the watch has then resynced). */
  clockJumped(): boolean;
  resync(reason: string): void;
  /** A control entry came due: its decisions go into `plans` (the host routes by kind). */
  onControl(entry: ControlEntry, now: number, plans: Plan[]): void;
  log(line: string): void;
}

export class FirePath {
  private readonly control = new FireQueue<ControlEntry>();
  /** Decisions of a tick that could not start (no run ids): written with the next tick's batch. */
  private deferredPlans: Plan[] = [];
  private timer: TimerHandle | null = null;
  private timerTarget: number | null = null;
  private timerDueWall = 0;

  constructor(private readonly host: FirePathHost) {}

  scheduleControl(entry: ControlEntry, at: number): void {
    this.control.schedule(entry, at);
  }

  removeControl(entry: ControlEntry): void {
    this.control.remove(entry);
  }

  /** Shutdown: no timer, no retries or pause ends left. */
  stop(): void {
    this.disarm();
    this.control.clear();
  }

  /** Aims the one timer at the earliest entry (no-op when it already is). */
  arm(): void {
    const { flags, fires, clock } = this.host;
    if (!flags.started || flags.stopping) return;
    const fireAt = this.host.allPaused() ? undefined : fires.peekTime();
    const control = this.control.peek();
    const target = Math.min(fireAt ?? Infinity, control?.at ?? Infinity);
    if (target === Infinity) {
      this.disarm();
      return;
    }
    if (this.timer !== null && this.timerTarget === target) return;
    this.disarm();
    const now = clock.now();
    const delay = Math.min(Math.max(0, target - now), MAX_TIMER_MS);
    this.timerTarget = target;
    this.timerDueWall = now + delay;
    this.timer = clock.setTimeout(() => this.onTimer(), delay);
  }

  disarm(): void {
    if (this.timer !== null) this.host.clock.clearTimeout(this.timer);
    this.timer = null;
    this.timerTarget = null;
  }

  /**
   * Handles every due entry at once: the runs start first, then their rows (and the fired jobs' state rows) are
   * written in one transaction, then the next fires are computed. All in one synchronous turn.
   */
  tick(): void {
    const { clock, fires, batch } = this.host;
    const now = clock.now();
    // Decisions of a tick the store could not serve come first (see below).
    const plans: Plan[] = this.deferredPlans.splice(0);
    for (const entry of this.control.popDue(now)) this.host.onControl(entry, now, plans);
    const due: JobEntry[] = this.host.allPaused() ? [] : fires.popDue(now);
    const held = due.length > 0 ? this.host.gateDue(due, plans) : [];
    let scheduled = false;
    const scheduleDue = () => {
      scheduled = true;
      // The memo makes 10 000 jobs on one schedule cost a single croner call per tick.
      const memo = newMemo();
      for (const job of due) {
        job.state.lastFireAt = job.nominal!;
        fires.scheduleNext(job, job.nominal!, memo);
      }
      for (const job of held) {
        job.state.lastFireAt = job.nominal!;
        fires.scheduleNext(job, job.nominal!, memo);
      }
    };
    try {
      batch.commit(plans, due, scheduleDue);
    } catch (error) {
      // The store could not even reserve run ids, so nothing started. The scheduler keeps going: these fires are
      // recorded as missed (and the other decisions kept) with the next batch the store accepts.
      this.host.log(`could not start ${due.length} scheduled fires: ${String(error)}`);
      const reason = `not started: the database failed (${error instanceof Error ? error.message : String(error)})`;
      const missed = scheduled ? [] : due.map((job) => decidedPlan(job, 'missed', 'schedule', job.nominal, reason));
      this.deferredPlans = [...plans, ...missed].slice(-MAX_DEFERRED_PLANS);
      if (!scheduled) scheduleDue();
    }
    if (held.length > 0) {
      try {
        this.host.saveStates(held);
      } catch (error) {
        this.host.log(`could not record the state of ${held.length} jobs held by their conditions: ${String(error)}`);
      }
    }
    this.arm();
  }

  private onTimer(): void {
    this.timer = null;
    this.timerTarget = null;
    const { flags, clock } = this.host;
    if (!flags.started || flags.stopping) return;
    const lateBy = clock.now() - this.timerDueWall;
    // A jump is reported (and resynced) by the watch; lateness alone also means the machine was away.
    if (this.host.clockJumped()) return;
    if (lateBy > LATE_TIMER_MS) {
      this.host.resync(`a timer fired ${Math.round(lateBy / 1000)} s late (sleep or a stalled process)`);
      return;
    }
    this.tick();
  }
}
