/**
 * Chains (`after:`), the pure part: which jobs start, or are recorded skipped, when a parent's run ends. Plain data in,
 * plain data out; chain-starts.ts turns the steps into control entries and rows.
 *
 * Rules (docs/jobs-file.md, "Chains"):
 * - Only a run's final outcome counts: a failed attempt that will be retried starts nothing (the caller does not
 *   ask), the retry's end decides. Success is `succeeded`; a failure is `failed`, `timed-out` or `interrupted` (a
 *   cancelled or replaced run); runs that never ran (skipped, missed) start nothing.
 * - `on: success` children of a failed parent are held back: recorded `skipped` with the parent named, so the
 *   history says why they did not run, and they raise no alert of their own (the parent's alert lists them).
 * - `on: failure` children of a successful parent are not mentioned: nothing happened that needs telling.
 * - Each `after:` entry is a trigger of its own: a child with two parents runs after each of them.
 */
import type { ChainLink, ChainOutcome, JobSpec } from '../../../shared/config/schema';
import type { RunStatus } from '../../../shared/model';

export interface ChildLink {
  child: string;
  on: ChainOutcome;
  delayMs: number;
}

/** Parent id → its children, in file order. Only jobs that have children are keys. */
export type ChainIndex = ReadonlyMap<string, readonly ChildLink[]>;

export function chainIndex(jobs: Iterable<Pick<JobSpec, 'id' | 'after'>>): ChainIndex {
  const index = new Map<string, ChildLink[]>();
  for (const job of jobs) {
    for (const link of job.after ?? ([] as readonly ChainLink[])) {
      let children = index.get(link.job);
      if (!children) index.set(link.job, (children = []));
      children.push({ child: job.id, on: link.on, delayMs: link.delayMs });
    }
  }
  return index;
}

export interface EndedParent {
  jobId: string;
  runId: number;
  status: RunStatus;
}

export type ChainStep =
  { kind: 'start'; child: string; delayMs: number; reason: string } | { kind: 'skip'; child: string; reason: string };

/** How a parent's ending reads in a child's row: `parent build run 12 failed`. */
export function endingWords(status: RunStatus): string {
  switch (status) {
    case 'succeeded':
      return 'succeeded';
    case 'timed-out':
      return 'timed out';
    case 'interrupted':
      return 'was interrupted';
    default:
      return 'failed';
  }
}

/** Whether a final status counts as success or failure for `on:`; null for runs that never ran. */
export function outcomeOf(status: RunStatus): 'success' | 'failure' | null {
  if (status === 'succeeded') return 'success';
  if (status === 'failed' || status === 'timed-out' || status === 'interrupted') return 'failure';
  return null;
}

/** The steps a parent's final run end causes, in the order of its children. */
export function planChildren(parent: EndedParent, index: ChainIndex): ChainStep[] {
  const children = index.get(parent.jobId);
  const outcome = outcomeOf(parent.status);
  if (!children || outcome === null) return [];
  const ended = `${parent.jobId} run ${parent.runId} ${endingWords(parent.status)}`;
  const steps: ChainStep[] = [];
  for (const { child, on, delayMs } of children) {
    if (on === 'always' || on === outcome) steps.push({ kind: 'start', child, delayMs, reason: `after ${ended}` });
    else if (on === 'success') steps.push({ kind: 'skip', child, reason: `parent ${ended}` });
  }
  return steps;
}

/**
 * The children a failed final run holds back (`on: success`), by name, for the parent's failure alert. Computed from
 * the parent's record and its job's retry policy alone (no store read), so the desktop and the channels agree; a
 * failure that will be retried holds nothing back yet.
 */
export function heldBackBy(
  run: { status: RunStatus; attempt: number },
  retryAttempts: number,
  children: ReadonlyArray<{ name: string; on: ChainOutcome }>,
): string[] {
  if (outcomeOf(run.status) !== 'failure') return [];
  const willRetry = (run.status === 'failed' || run.status === 'timed-out') && run.attempt <= retryAttempts;
  if (willRetry) return [];
  return children.filter((child) => child.on === 'success').map((child) => child.name);
}
