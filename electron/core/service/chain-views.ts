/**
 * The chain fields of a job view (`after:`): the jobs whose runs start it and the jobs its runs start, by name. The
 * index of children is built once per jobs list (a reload makes a new list), not per view.
 */
import type { JobSpec } from '../../../shared/config/schema';
import type { ChainLinkView, JobView } from '../../../shared/model';
import { type ChainIndex, chainIndex } from '../engine/chains';

interface ChainLookup {
  index: ChainIndex;
  names: Map<string, string>;
}

const lookups = new WeakMap<readonly JobSpec[], ChainLookup>();

function lookupFor(jobs: readonly JobSpec[]): ChainLookup {
  let lookup = lookups.get(jobs);
  if (!lookup) {
    lookup = { index: chainIndex(jobs), names: new Map(jobs.map((job) => [job.id, job.name])) };
    lookups.set(jobs, lookup);
  }
  return lookup;
}

/** Empty for a job in no chain (most jobs): the view stays as it was. */
export function chainFields(
  job: JobSpec,
  jobs: readonly JobSpec[],
): Partial<Pick<JobView, 'parents' | 'children' | 'retryAttempts' | 'schedule'>> {
  const { index, names } = lookupFor(jobs);
  const children = index.get(job.id);
  if (job.after === undefined && children === undefined) return {};
  const view = (jobId: string, on: ChainLinkView['on'], delayMs: number): ChainLinkView => ({
    jobId,
    name: names.get(jobId) ?? jobId,
    on,
    delayMs,
  });
  const parents = (job.after ?? []).map((link) => view(link.job, link.on, link.delayMs));
  return {
    // A job with no clock schedule says what starts it where the schedule would be (the jobs table, the tray).
    ...(job.schedule.kind === 'none' && parents.length > 0
      ? { schedule: { kind: 'none', text: '', description: `After ${parents.map((link) => link.name).join(', ')}` } }
      : {}),
    parents,
    children: (children ?? []).map((link) => view(link.child, link.on, link.delayMs)),
    // The desktop's failure notice lists the children held back only when no retry follows (chains.ts, heldBackBy).
    retryAttempts: job.retry.attempts,
  };
}
