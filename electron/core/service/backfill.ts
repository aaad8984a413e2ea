/**
 * Backfill: a job's slots in a range, by its own schedule in its zone (the engine's calculator, as why-not-run asks
 * it), each run as a `backfill` run recorded for that slot. One backfill is one unit: it paces its slots itself
 * (overlap queue: one after another; parallel: up to maxParallel at once) and cancelling any of its runs cancels it —
 * the slots still waiting never start and its other live runs are cancelled.
 */
import type { BackfillResult, BackfillSlot } from '../../../shared/api/backfill-methods';
import type { ParsedInput } from '../../../shared/api/contract';
import { CronbarError } from '../../../shared/api/cronbar-error';
import type { RunRecord } from '../../../shared/model';
import { zoneOffsetMs } from '../../../shared/zoned-time-parts';
import type { ScheduleCalculator, ScheduleRef } from '../engine/schedule-calculator';

const HOUR_MS = 3_600_000;

export interface BackfillHost {
  calendar(jobId: string): { ref: ScheduleRef; calculator: ScheduleCalculator };
  /** The slots in [from, to] a run of this job succeeded for. */
  succeededSlots(jobId: string, from: number, to: number): Set<number>;
  startSlot(jobId: string, at: number): { runId: number | null; queued: boolean; refused: string | null };
  cancelRun(runId: number): void;
  onRunFinished(listener: (run: RunRecord) => void): () => void;
  /** Who runs the slots, as the answer says it (`the daemon (pid 4242)`). */
  by: string;
  /** True in the scheduling process. */
  scheduler: boolean;
}

type BackfillInput = ParsedInput<'backfill'>;

/** The slots of [from, to] and their flags; refuses a range holding more than `max`. */
export function backfillSlots(host: BackfillHost, input: BackfillInput): { slots: BackfillSlot[]; timezone: string } {
  const calendar = host.calendar(input.id);
  const { calculator } = calendar;
  const ref = gridReaching(calendar.ref, input.from);
  const span = calculator.firesBetween(ref, input.from - 1, input.to, input.max);
  if (span.count > input.max)
    throw new CronbarError(
      'invalid-input',
      `backfill of ${input.id}: the range holds ${span.exact ? span.count : `more than ${input.max}`} slots, more than max ${input.max} (raise max to run them all)`,
    );
  const succeeded = host.succeededSlots(input.id, input.from, input.to);
  const offset = (at: number) => zoneOffsetMs(at, ref.timezone);
  const slots = span.fires.map((at) => ({
    at,
    dstAffected: offset(at - HOUR_MS) !== offset(at + HOUR_MS),
    alreadySucceeded: succeeded.has(at),
  }));
  return { slots, timezone: ref.timezone };
}

/**
 * An `every:` grid starts at its anchor (when the scheduler first saw the job), so it holds no fire before that; a
 * backfill from earlier extends the same grid back, keeping its phase.
 */
function gridReaching(ref: ScheduleRef, from: number): ScheduleRef {
  if (ref.schedule.kind !== 'every' || ref.anchorAt === null || ref.anchorAt < from) return ref;
  const every = ref.schedule.everyMs;
  return { ...ref, anchorAt: ref.anchorAt - (Math.ceil((ref.anchorAt - from) / every) + 1) * every };
}

interface ActiveBackfill {
  jobId: string;
  waiting: number[];
  live: Set<number>;
  width: number;
  done: () => void;
}

export class Backfills {
  private readonly byRun = new Map<number, ActiveBackfill>();
  private readonly active = new Set<ActiveBackfill>();
  private readonly idleWaiters: Array<() => void> = [];
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly host: BackfillHost) {}

  run(input: BackfillInput): BackfillResult {
    const { slots, timezone } = backfillSlots(this.host, input);
    const result: BackfillResult = {
      jobId: input.id,
      timezone,
      dryRun: input.dryRun,
      count: slots.length,
      first: slots[0]?.at ?? null,
      last: slots.at(-1)?.at ?? null,
      slots,
      runs: [],
      pending: [],
      skipped: [],
      by: this.host.by,
      scheduler: this.host.scheduler,
    };
    if (input.dryRun) return result;
    const toRun = slots.filter((slot) => input.rerun || !slot.alreadySucceeded).map((slot) => slot.at);
    result.skipped = slots.filter((slot) => !input.rerun && slot.alreadySucceeded).map((slot) => slot.at);
    const backfill: ActiveBackfill = {
      jobId: input.id,
      waiting: toRun,
      live: new Set(),
      width: input.overlap === 'parallel' ? input.maxParallel : 1,
      done: () => this.finish(backfill),
    };
    this.unsubscribe ??= this.host.onRunFinished((run) => this.onFinished(run));
    this.active.add(backfill);
    result.runs = this.fill(backfill);
    result.pending = [...backfill.waiting];
    if (backfill.live.size === 0) backfill.done();
    return result;
  }

  /** Cancels the backfill `runId` belongs to (its waiting slots and other live runs); false when it belongs to none. */
  cancelByRun(runId: number): boolean {
    const backfill = this.byRun.get(runId);
    if (!backfill) return false;
    backfill.waiting = [];
    for (const other of backfill.live) if (other !== runId) this.host.cancelRun(other);
    return true;
  }

  cancelAll(): void {
    for (const backfill of this.active) {
      backfill.waiting = [];
      for (const runId of backfill.live) this.host.cancelRun(runId);
    }
  }

  /** Resolves once no backfill of this process has a slot waiting or running. */
  whenIdle(): Promise<void> {
    if (this.active.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private fill(backfill: ActiveBackfill): BackfillResult['runs'] {
    const started: BackfillResult['runs'] = [];
    while (backfill.live.size < backfill.width && backfill.waiting.length > 0) {
      const at = backfill.waiting.shift()!;
      const run = this.host.startSlot(backfill.jobId, at);
      if (run.runId === null) {
        // The engine is stopping: nothing more of this backfill can start.
        backfill.waiting = [];
        break;
      }
      backfill.live.add(run.runId);
      this.byRun.set(run.runId, backfill);
      started.push({ at, runId: run.runId, queued: run.queued });
    }
    return started;
  }

  private onFinished(run: RunRecord): void {
    const backfill = this.byRun.get(run.id);
    if (!backfill) return;
    this.byRun.delete(run.id);
    backfill.live.delete(run.id);
    this.fill(backfill);
    if (backfill.live.size === 0) backfill.done();
  }

  private finish(backfill: ActiveBackfill): void {
    this.active.delete(backfill);
    if (this.active.size > 0) return;
    this.unsubscribe?.();
    this.unsubscribe = null;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
