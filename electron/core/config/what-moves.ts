/**
 * "What moves" when the jobs file changes: which jobs were added, removed or changed (by jobs-file key), and for each
 * changed job its fires over the next 7 days before and after, from the engine's own calculator (so DST and the
 * `every:` anchor are what the scheduler will do). Pure: two resolved configs and a time in, a WhatMoves out.
 *
 * Fires are computed only where they can differ (schedule, zone, enabled), shared by jobs on the same schedule, and
 * bounded: a cron fire costs croner ~20-80 µs in a zone, so a change that moves every job of a 2 000-job file would
 * take seconds to enumerate in full. Past `fireBudget` fires, the remaining jobs are named but not computed.
 */
import type { ConfigSummary, FireWindow, JobMoves, WhatMoves } from '../../../shared/config-history';
import { WHAT_MOVES_WINDOW_MS } from '../../../shared/what-moves-window';
import type { JobSpec, JobsConfig } from '../../../shared/config/schema';
import { ScheduleCalculator, scheduleKey } from '../engine/schedule-calculator';

/** Fires enumerated per job and side; a job firing more often says "at least". */
export const FIRE_CAP = 100;
/** Fires listed per window and per added/removed list (the counts are whole). */
const LISTED = 10;
/** Cron and `at` fires computed per call, over all jobs (~100-200 ms at worst on a loaded machine). */
export const DEFAULT_FIRE_BUDGET = 2_500;

export interface WhatMovesOptions {
  now: number;
  /** A job's persisted `every:` anchor (the engine's job state), if any. */
  anchorFor?: (jobId: string) => number | null;
  fireBudget?: number;
  calculator?: ScheduleCalculator;
}

const sharedCalculator = new ScheduleCalculator();

export function whatMoves(before: JobsConfig | null, after: JobsConfig | null, options: WhatMovesOptions): WhatMoves {
  const from = options.now;
  const until = from + WHAT_MOVES_WINDOW_MS;
  const invalid = before === null ? 'before' : after === null ? 'after' : null;
  if (before === null || after === null)
    return { from, until, invalid, summary: { added: [], removed: [], changed: [], sections: [] }, jobs: [] };

  const fires = new FireCounter(options.calculator ?? sharedCalculator, from, until, options.fireBudget);
  const anchorFor = options.anchorFor ?? (() => null);
  const beforeById = new Map(before.jobs.map((job) => [job.id, job]));
  const afterIds = new Set<string>();
  const summary: ConfigSummary = { added: [], removed: [], changed: [], sections: changedSections(before, after) };
  const jobs: JobMoves[] = [];

  for (const job of after.jobs) {
    afterIds.add(job.id);
    const old = beforeById.get(job.id);
    if (!old) {
      summary.added.push(job.id);
      jobs.push(movesOf(job.id, job.timezone, 'added', [], null, fires.of(job, from)));
      continue;
    }
    if (old === job) continue;
    const fields = changedFields(old, job);
    if (fields.length === 0) continue;
    summary.changed.push({ id: job.id, fields });
    const oldAnchor = anchorFor(job.id) ?? from;
    // The engine restarts a schedule whose key changed from now (job-set.ts): a new `every:` grid starts at the change.
    const sameSchedule = scheduleKey(old) === scheduleKey(job);
    // Same schedule, same switch: its fires are as they were; not worth a croner step.
    if (sameSchedule && old.enabled === job.enabled)
      jobs.push(movesOf(job.id, job.timezone, 'changed', fields, null, null));
    else
      jobs.push(
        movesOf(
          job.id,
          job.timezone,
          'changed',
          fields,
          fires.of(old, oldAnchor),
          fires.of(job, sameSchedule ? oldAnchor : from),
        ),
      );
  }
  for (const job of before.jobs) {
    if (afterIds.has(job.id)) continue;
    summary.removed.push(job.id);
    jobs.push(movesOf(job.id, job.timezone, 'removed', [], fires.of(job, anchorFor(job.id) ?? from), null));
  }
  return { from, until, invalid: null, summary, jobs };
}

/** Enumerates fires in the window, sharing results per schedule and stopping at the budget. */
class FireCounter {
  #spent = 0;
  readonly #memo = new Map<string, FireSpan | 'over-budget'>();

  constructor(
    private readonly calculator: ScheduleCalculator,
    private readonly from: number,
    private readonly until: number,
    private readonly budget = DEFAULT_FIRE_BUDGET,
  ) {}

  /** The job's fires, `'over-budget'` when the budget ran out before it. */
  of(job: JobSpec, anchorAt: number): FireSpan | 'over-budget' {
    if (!job.enabled) return { fires: [], count: 0, exact: true };
    const key = `${scheduleKey(job)}|${job.schedule.kind === 'every' ? anchorAt : ''}`;
    const known = this.#memo.get(key);
    if (known !== undefined) return known;
    // `every:` is arithmetic: free. Cron and `at` cost a croner step per fire.
    if (job.schedule.kind !== 'every' && this.#spent >= this.budget) return 'over-budget';
    const ref = { schedule: job.schedule, timezone: job.timezone, anchorAt };
    const span = this.calculator.firesBetween(ref, this.from, this.until, FIRE_CAP);
    if (job.schedule.kind !== 'every') this.#spent += span.fires.length + 1;
    this.#memo.set(key, span);
    return span;
  }
}

interface FireSpan {
  fires: number[];
  count: number;
  exact: boolean;
}

function movesOf(
  id: string,
  timezone: string,
  change: JobMoves['change'],
  fields: string[],
  before: FireSpan | 'over-budget' | null,
  after: FireSpan | 'over-budget' | null,
): JobMoves {
  const none = { count: 0, exact: false, fires: [] };
  if (before === 'over-budget' || after === 'over-budget')
    return {
      id,
      change,
      fields,
      before: null,
      after: null,
      computed: false,
      added: none,
      removed: none,
      shiftedByMs: null,
    };
  const window = (span: FireSpan | null): FireWindow | null =>
    span && { count: span.count, exact: span.exact, fires: span.fires.slice(0, LISTED) };
  const old = before?.fires ?? [];
  const next = after?.fires ?? [];
  // Compare only as far as both sides were enumerated: past a capped side's last fire, nothing is known.
  let horizon = Infinity;
  const listedAll = (span: FireSpan) => span.exact && span.fires.length === span.count;
  if (before && !listedAll(before)) horizon = Math.min(horizon, old[old.length - 1] ?? Infinity);
  if (after && !listedAll(after)) horizon = Math.min(horizon, next[next.length - 1] ?? Infinity);
  const exact = horizon === Infinity;
  const oldIn = old.filter((at) => at <= horizon);
  const nextIn = next.filter((at) => at <= horizon);
  const oldSet = new Set(oldIn);
  const nextSet = new Set(nextIn);
  const added = nextIn.filter((at) => !oldSet.has(at));
  const removed = oldIn.filter((at) => !nextSet.has(at));
  return {
    id,
    change,
    fields,
    before: window(before),
    after: window(after),
    computed: true,
    added: { count: added.length, exact, fires: added.slice(0, LISTED) },
    removed: { count: removed.length, exact, fires: removed.slice(0, LISTED) },
    shiftedByMs: added.length > 0 && removed.length > 0 ? uniformShift(oldIn, nextIn, timezone) : null,
  };
}

/**
 * The one amount every fire moved by, if there is one. Fires are paired in order, allowing the window's edge to cut one
 * fire off either side (02:00 → 14:00 seen at 10:00: today's 14:00 has no 02:00 before it in the window); of the
 * pairings that agree, the smallest move wins. A tie (12 h either way) goes to the pairing that keeps each fire on
 * its day in the job's zone: 02:00 → 14:00 is 12 h later, 14:00 → 02:00 12 h earlier.
 */
function uniformShift(before: number[], after: number[], timezone: string): number | null {
  const candidates: Array<{ delta: number; pair: [number, number] }> = [];
  for (const skew of [0, 1, -1]) {
    const pairs: number[] = [];
    const start = Math.max(0, -skew);
    for (let i = start; i < before.length && i + skew < after.length; i++) pairs.push(after[i + skew]! - before[i]!);
    if (pairs.length === 0 || pairs.length < Math.max(before.length, after.length) - 1) continue;
    const delta = pairs[0]!;
    if (delta === 0 || pairs.some((value) => value !== delta)) continue;
    candidates.push({ delta, pair: [before[start]!, after[start + skew]!] });
  }
  if (candidates.length === 0) return null;
  const smallest = Math.min(...candidates.map((candidate) => Math.abs(candidate.delta)));
  const best = candidates.filter((candidate) => Math.abs(candidate.delta) === smallest);
  if (best.length === 1) return best[0]!.delta;
  const day = new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const sameDay = best.find((candidate) => day.format(candidate.pair[0]) === day.format(candidate.pair[1]));
  return (sameDay ?? best.find((candidate) => candidate.delta > 0) ?? best[0]!).delta;
}

/** Resolved fields under the jobs-file keys an admin writes. */
const FIELD_NAMES: ReadonlyArray<readonly [keyof JobSpec, string]> = [
  ['name', 'name'],
  ['description', 'description'],
  ['enabled', 'enabled'],
  ['tags', 'tags'],
  ['timezone', 'timezone'],
  ['jitterMs', 'jitter'],
  ['timeoutMs', 'timeout'],
  ['retry', 'retry'],
  ['overlap', 'overlap'],
  ['catchUp', 'catchUp'],
  ['notify', 'notify'],
  ['expectSucceededWithinMs', 'expect'],
  ['warnAfterMs', 'warnAfter'],
];

const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

export function changedFields(before: JobSpec, after: JobSpec): string[] {
  const fields: string[] = [];
  if (!same(before.schedule, after.schedule)) {
    fields.push(after.schedule.kind);
    if (before.schedule.kind !== after.schedule.kind) fields.push(before.schedule.kind);
  }
  for (const [key, name] of FIELD_NAMES) if (!same(before[key] ?? null, after[key] ?? null)) fields.push(name);
  fields.push(...changedActionFields(before.action, after.action));
  return fields;
}

function changedActionFields(before: JobSpec['action'], after: JobSpec['action']): string[] {
  if (same(before, after)) return [];
  if (before.kind !== after.kind) return [before.kind, after.kind];
  if (before.kind === 'command' && after.kind === 'command')
    return (['command', 'cwd', 'env', 'shell'] as const).filter((key) => !same(before[key], after[key]));
  if (before.kind === 'builtin' && after.kind === 'builtin') return before.name === after.name ? ['with'] : ['builtin'];
  return [after.kind];
}

function changedSections(before: JobsConfig, after: JobsConfig): string[] {
  const sections: string[] = [];
  if (before.concurrency !== after.concurrency) sections.push('concurrency');
  if (!same(before.notifications ?? [], after.notifications ?? [])) sections.push('notifications');
  if (!same(before.checks ?? [], after.checks ?? [])) sections.push('checks');
  return sections;
}
