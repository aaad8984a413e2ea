/**
 * Runs one export target over the chosen jobs: each job is converted on its own (its losses collected: the target's
 * own, then those worded by field-fates.ts), `--strict` refuses any job with a warning, and only the jobs kept are
 * assembled into files.
 */
import type { JobSpec } from '../../../../shared/config/schema';
import { crontabTarget } from './crontab-target';
import { type Converted, linkChains } from './export-chains';
import type { ExportContext, ExportResult, ExportTarget, ExportTargetName } from './export-context';
import { reportTableLosses } from './field-fates';
import { kubernetesTarget } from './kubernetes-target';
import { launchdTarget } from './launchd-target';
import { type ExportLoss, JobLosses, strictLosses } from './losses';
import { systemdTarget } from './systemd-target';

const TARGETS: Record<ExportTargetName, ExportTarget<unknown>> = {
  systemd: systemdTarget as ExportTarget<unknown>,
  crontab: crontabTarget as ExportTarget<unknown>,
  launchd: launchdTarget as ExportTarget<unknown>,
  kubernetes: kubernetesTarget as ExportTarget<unknown>,
};

export function exportTarget(name: ExportTargetName): ExportTarget<unknown> {
  return TARGETS[name];
}

export function exportJobs(
  name: ExportTargetName,
  jobs: readonly JobSpec[],
  context: ExportContext,
  options: { strict?: boolean } = {},
): ExportResult {
  const target = TARGETS[name];
  const converted: Array<Converted<unknown>> = jobs.map((job) => {
    const losses = new JobLosses(job.id);
    const piece = target.convert(job, context, losses);
    if (piece !== null) reportTableLosses(job, name, context.exec, losses);
    return { job, piece, losses };
  });
  linkChains(name, converted, target.linkChain, options.strict);
  const pieces: unknown[] = [];
  const losses: ExportLoss[] = [];
  const exported: string[] = [];
  const refused: string[] = [];
  for (const { job, piece, losses: collected } of converted) {
    const jobLosses = options.strict ? strictLosses(collected.list) : collected.list;
    losses.push(...jobLosses);
    if (piece === null || jobLosses.some((loss) => loss.level === 'refused')) {
      refused.push(job.id);
      continue;
    }
    pieces.push(piece);
    exported.push(job.id);
  }
  return { files: pieces.length > 0 ? target.assemble(pieces, context) : [], losses, exported, refused };
}
