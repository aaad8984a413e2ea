/**
 * Chains (`after:`) across one export. Only systemd can start a unit when another's run ends (OnSuccess=/OnFailure=
 * on the parent's service), and only when both jobs are in the export: a child whose parent is left out (not chosen,
 * or refused) keeps its schedule and loses the link (a warning), and a child with no schedule has nothing left to
 * start it (refused, and so on down the chain). The other targets word their loss in field-fates.ts.
 */
import { formatDuration } from '../../../../shared/config/duration';
import type { ChainOutcome, JobSpec } from '../../../../shared/config/schema';
import type { ExportTargetName } from './export-context';
import type { JobLosses } from './losses';

export interface Converted<Piece> {
  job: JobSpec;
  piece: Piece | null;
  losses: JobLosses;
}

/** Adds "start `child` when this ends `on`" to a parent's piece. */
export type ChainLinker<Piece> = (parent: Piece, child: JobSpec, on: ChainOutcome) => void;

export function linkChains<Piece>(
  target: ExportTargetName,
  converted: Array<Converted<Piece>>,
  linker: ChainLinker<Piece> | undefined,
  strict = false,
): void {
  if (!linker || target !== 'systemd') return;
  const byId = new Map(converted.map((entry) => [entry.job.id, entry]));
  // --strict refuses a job with any warning: such a job is not in the export either.
  const alive = (id: string) => {
    const entry = byId.get(id);
    if (entry === undefined || entry.piece === null || entry.losses.refused) return false;
    return !strict || entry.losses.list.length === 0;
  };
  const said = new Set<string>();
  // Losses first, until none changes who is exported: a refusal (or a strict warning) may strand a job's children.
  for (let changed = true; changed;) {
    changed = false;
    for (const entry of converted) {
      const { job } = entry;
      if (!job.after || !alive(job.id)) continue;
      if (job.schedule.kind === 'none' && !job.after.some((link) => alive(link.job))) {
        const parents = job.after.map((link) => link.job);
        entry.losses.refuse(
          `no schedule: it runs only after ${parents.join(', ')}, which ${parents.length === 1 ? 'is' : 'are'} not in this export`,
        );
        changed = true;
        continue;
      }
      for (const link of job.after) {
        const key = `${job.id}\u0000${link.job}`;
        if (said.has(key)) continue;
        if (!alive(link.job)) {
          said.add(key);
          changed = true;
          entry.losses.warn(
            `after: ${link.job} is not in this export, so systemd does not start ${job.id} when it ends${job.schedule.kind === 'none' ? '' : ' (it runs on its schedule)'}`,
          );
        } else if (link.delayMs > 0) {
          said.add(key);
          changed = true;
          entry.losses.warn(
            `after: ${link.job} delay ${formatDuration(link.delayMs)}: systemd starts it as soon as ${link.job} ends`,
          );
        }
      }
    }
  }
  for (const entry of converted) {
    if (!entry.job.after || !alive(entry.job.id)) continue;
    for (const link of entry.job.after) if (alive(link.job)) linker(byId.get(link.job)!.piece!, entry.job, link.on);
  }
}
