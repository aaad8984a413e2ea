/**
 * What an export could not carry over, per job: a `warning` (exported with a close equivalent, the difference
 * named) or `refused` (not exported). Nothing is dropped silently: field-fates.ts classifies every job field for
 * every target, and a test holds the targets to it. `--strict` turns every warning into a refusal.
 */
export type LossLevel = 'warning' | 'refused';

export interface ExportLoss {
  jobId: string;
  level: LossLevel;
  reason: string;
}

/** Collects one job's losses while a target converts it. */
export class JobLosses {
  readonly list: ExportLoss[] = [];

  constructor(readonly jobId: string) {}

  warn(reason: string): void {
    this.list.push({ jobId: this.jobId, level: 'warning', reason });
  }

  refuse(reason: string): void {
    this.list.push({ jobId: this.jobId, level: 'refused', reason });
  }

  get refused(): boolean {
    return this.list.some((loss) => loss.level === 'refused');
  }
}

/** `--strict`: a job with any warning is refused, for the same reasons. */
export function strictLosses(losses: readonly ExportLoss[]): ExportLoss[] {
  return losses.map((loss) =>
    loss.level === 'warning' ? { ...loss, level: 'refused' as const, reason: `${loss.reason} (--strict)` } : loss,
  );
}

/** One line per loss, the job id first, for stderr. */
export function formatLoss(loss: ExportLoss): string {
  return `${loss.jobId}: ${loss.level === 'refused' ? 'not exported' : 'warning'}: ${loss.reason}`;
}
