/**
 * Chains: `after:` on a job runs it when another job's run ends a given way (`on: success | failure | always`, after
 * an optional `delay`). One entry or a list of them; each entry is a trigger of its own (any listed parent ending the
 * matching way starts the child), as systemd's OnSuccess=/OnFailure= are. A job with `after:` needs no schedule.
 *
 * The file-level checks (unknown parents, cycles) live here too, so schema.ts only wires them in. Kept apart from
 * schema.ts so it imports nothing from it (no cycle).
 */
import { z } from 'zod';
import { parseDuration } from './duration';

export const CHAIN_OUTCOMES = ['success', 'failure', 'always'] as const;
export type ChainOutcome = (typeof CHAIN_OUTCOMES)[number];

const AfterLinkSchema = z.strictObject({
  job: z.string().min(1),
  /** Which ending of the parent's run starts this job (default: success). */
  on: z.enum(CHAIN_OUTCOMES).optional(),
  delay: z
    .string()
    .refine((text) => parseDuration(text) !== null, {
      error: (issue) => `${JSON.stringify(issue.input)} is not a duration (use 0s, 30s, 15m, 2h, or sums like 1h30m)`,
    })
    .optional(),
});

/** `after: { job: build }` or `after: [{ job: build }, { job: test, on: failure }]`. */
export const AfterSchema = z.union([AfterLinkSchema, z.array(AfterLinkSchema).min(1)]);

/** One resolved `after:` entry. */
export interface ChainLink {
  /** The parent job's id. */
  job: string;
  on: ChainOutcome;
  delayMs: number;
}

export function resolveAfter(after: z.output<typeof AfterSchema> | undefined): ChainLink[] | undefined {
  if (after === undefined) return undefined;
  const links = Array.isArray(after) ? after : [after];
  return links.map((link) =>
    Object.freeze({
      job: link.job,
      on: link.on ?? 'success',
      delayMs: link.delay === undefined ? 0 : parseDuration(link.delay)!,
    }),
  );
}

/** The words a job detail and a validate line use for a link's outcome. */
export function describeOutcome(on: ChainOutcome): string {
  return on === 'always' ? 'whatever the outcome' : `on ${on}`;
}

// ---------------------------------------------------------------------------------------------------------------
// File-level checks: every parent must be a job of the file, and no job may (through others) run after itself.

interface RawLink {
  parent: string;
  /** The issue path of the entry: `jobs[i].after` or `jobs[i].after[k]`. */
  path: Array<string | number>;
}

/** The `after:` entries of raw (possibly invalid) jobs, by job index; entries without a usable `job:` are left out. */
function rawLinks(jobs: unknown[]): Map<string, RawLink[]> {
  const byJob = new Map<string, RawLink[]>();
  jobs.forEach((job, index) => {
    if (typeof job !== 'object' || job === null) return;
    const { id, after } = job as { id?: unknown; after?: unknown };
    if (typeof id !== 'string' || after === undefined || after === null || byJob.has(id)) return;
    const entries = Array.isArray(after)
      ? after.map((entry, position) => ({ entry: entry as unknown, path: ['jobs', index, 'after', position] }))
      : [{ entry: after, path: ['jobs', index, 'after'] }];
    const links: RawLink[] = [];
    for (const { entry, path } of entries) {
      const parent = typeof entry === 'object' && entry !== null ? (entry as { job?: unknown }).job : undefined;
      if (typeof parent === 'string' && parent !== '') links.push({ parent, path });
    }
    byJob.set(id, links);
  });
  return byJob;
}

/**
 * Adds an issue for every `after:` entry naming a job the file does not have, a parent listed twice, and one per
 * cycle (a job that would run after itself, directly or through others), placed at the entry that closes it.
 */
export function chainProblems(jobs: unknown, ctx: z.core.$RefinementCtx<unknown>): void {
  if (!Array.isArray(jobs)) return;
  const ids = new Set<string>();
  for (const job of jobs as unknown[]) {
    const id = typeof job === 'object' && job !== null ? (job as { id?: unknown }).id : undefined;
    if (typeof id === 'string') ids.add(id);
  }
  const links = rawLinks(jobs as unknown[]);
  for (const entries of links.values()) {
    const seen = new Set<string>();
    for (const { parent, path } of entries) {
      if (!ids.has(parent))
        ctx.addIssue({ code: 'custom', path, message: `no job ${JSON.stringify(parent)} in this file to run after` });
      else if (seen.has(parent))
        ctx.addIssue({
          code: 'custom',
          path,
          message: `${JSON.stringify(parent)} is listed twice in after: (use on: always for both endings)`,
        });
      seen.add(parent);
    }
  }
  for (const cycle of findCycles(links)) {
    const [first, second] = cycle;
    const closing = links.get(first!)!.find((link) => link.parent === second)!;
    const message =
      cycle.length === 2
        ? `cycle in after: ${first} → ${first} (a job cannot run after itself)`
        : `cycle in after: ${cycle.join(' → ')} (each runs after the next, so none would ever start)`;
    ctx.addIssue({ code: 'custom', path: closing.path, message });
  }
}

/**
 * Each cycle once, as a path from its first job in file order back to it (`a → b → a`, where a runs after b). A
 * depth-first walk over "runs after" edges; a job on the current path met again closes a cycle.
 */
function findCycles(links: Map<string, RawLink[]>): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const onPath = new Map<string, number>();
  const path: string[] = [];
  const reported = new Set<string>();
  const visit = (job: string) => {
    onPath.set(job, path.length);
    path.push(job);
    for (const { parent } of links.get(job) ?? []) {
      const at = onPath.get(parent);
      if (at !== undefined) {
        const cycle = path.slice(at);
        // The same cycle found from another of its jobs is one problem.
        const key = [...cycle].sort().join('\u0000');
        if (!reported.has(key)) {
          reported.add(key);
          cycles.push([...cycle, parent]);
        }
      } else if (!done.has(parent) && links.has(parent)) visit(parent);
    }
    path.pop();
    onPath.delete(job);
    done.add(job);
  };
  for (const job of links.keys()) if (!done.has(job)) visit(job);
  return cycles;
}
