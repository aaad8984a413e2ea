/**
 * `cronbar export kubernetes --image IMG`: one `batch/v1` CronJob per job
 * (https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/). The command runs in a container of the
 * given image: a workstation command does not run by itself in a cluster, which every manifest says at its top.
 */
import { exportedConditions, exportedEvents, keepAwakeLoss } from './trigger-export';
import { createHash } from 'node:crypto';
import type { JobSpec } from '../../../../shared/config/schema';
import { formatDuration } from '../../../../shared/config/duration';
import { blockYaml } from './block-yaml';
import type { ExportContext, ExportTarget, ExportedFile } from './export-context';
import { scheduleAsFiveFields } from './five-fields';
import type { JobLosses } from './losses';
import { inactiveReason, secondsOf } from './run-policies';

export interface KubernetesPiece {
  name: string;
  jobId: string;
  manifest: Record<string, unknown>;
}

/** How late a fire may start under catchUp skip: the controller looks every 10 s, so less could miss fires. */
export const SKIP_DEADLINE_SECONDS = 60;

/** The most finished Jobs a CronJob is asked to keep, whatever prune-history's keepRuns says. */
export const MAX_HISTORY_LIMIT = 100;

const CONCURRENCY = { skip: 'Forbid', replace: 'Replace', parallel: 'Allow', queue: 'Forbid' } as const;

/**
 * A CronJob name: a DNS label of at most 52 characters (the Job controller appends 11). Ids that need changing get
 * a short hash of the id so two ids cannot end up with one name.
 */
export function kubernetesName(id: string): string {
  const clean =
    id
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'job';
  if (clean === id && clean.length <= 52) return clean;
  const hash = createHash('sha256').update(id).digest('hex').slice(0, 6);
  return `${clean.slice(0, 45).replace(/-+$/, '')}-${hash}`;
}

function convert(job: JobSpec, context: ExportContext, losses: JobLosses): KubernetesPiece | null {
  const events = exportedEvents(job, 'kubernetes', losses);
  exportedConditions(job, 'kubernetes', losses);
  keepAwakeLoss(job, 'kubernetes', losses);
  if (!events) return null;
  const schedule = scheduleAsFiveFields(job, 'a Kubernetes schedule', losses);
  const action = job.action;
  if (action.kind !== 'command') {
    losses.refuse(
      `${action.kind === 'http' ? 'an http check' : `builtin ${action.name}`} runs only inside Cronbar; a CronJob runs a container command`,
    );
    return null;
  }
  if (!schedule) return null;
  const command = Array.isArray(action.command) ? action.command : [action.shell ?? '/bin/sh', '-c', action.command];
  const env = Object.entries(action.env).map(([name, value]) => ({ name, value }));
  const container: Record<string, unknown> = {
    name: 'job',
    image: context.image,
    command,
    ...(action.cwd ? { workingDir: action.cwd } : {}),
    ...(env.length ? { env } : {}),
  };
  if (action.cwd?.startsWith('~'))
    losses.warn(`cwd ${action.cwd}: a home directory means nothing in a container; it is written as given`);

  if (job.overlap === 'queue')
    losses.warn('overlap queue: Kubernetes has no queue; concurrencyPolicy Forbid skips a fire while the job runs');
  let startingDeadlineSeconds: number;
  if (job.catchUp.policy === 'skip') {
    startingDeadlineSeconds = SKIP_DEADLINE_SECONDS;
    losses.warn(
      `catchUp skip: a fire may still start up to ${SKIP_DEADLINE_SECONDS} s late (startingDeadlineSeconds; the controller looks every 10 s)`,
    );
  } else {
    startingDeadlineSeconds = secondsOf(job.catchUp.windowMs);
    if (job.catchUp.policy === 'all')
      losses.warn(`catchUp all: Kubernetes starts only the latest missed fire, not each (up to ${job.catchUp.max})`);
  }
  if (job.jitterMs > 0) losses.warn(`jitter ${formatDuration(job.jitterMs)} is dropped: a CronJob has no random delay`);
  const retries = job.retry.attempts;
  if (retries > 0) {
    losses.warn(
      `retry: backoffLimit ${retries} retries a failed pod after Kubernetes's own delays (10 s, 20 s, 40 s … up to 6 min), not Cronbar's ${formatDuration(job.retry.delayMs)}×${job.retry.backoff}`,
    );
  }
  const timeout = job.timeoutMs > 0 ? secondsOf(job.timeoutMs) : null;
  const podSpec: Record<string, unknown> = {
    restartPolicy: 'Never',
    // With retries the limit is per attempt, as in Cronbar: on the pod, not on the whole Job.
    ...(timeout !== null && retries > 0 ? { activeDeadlineSeconds: timeout } : {}),
    containers: [container],
  };
  const jobSpec: Record<string, unknown> = {
    backoffLimit: retries,
    ...(timeout !== null && retries === 0 ? { activeDeadlineSeconds: timeout } : {}),
    template: { metadata: { labels: { 'app.kubernetes.io/managed-by': 'cronbar' } }, spec: podSpec },
  };
  const name = kubernetesName(job.id);
  // Cronbar keeps run rows (1 000 per job by default); Kubernetes keeps whole Job objects with their pods.
  const historyLimit = context.keepRuns === null ? null : Math.min(context.keepRuns, MAX_HISTORY_LIMIT);
  const manifest = {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: {
      name,
      labels: { 'app.kubernetes.io/managed-by': 'cronbar' },
      annotations: { 'cronbar.io/job-id': job.id, 'cronbar.io/job-name': job.name },
    },
    spec: {
      schedule,
      timeZone: job.timezone,
      concurrencyPolicy: CONCURRENCY[job.overlap],
      startingDeadlineSeconds,
      suspend: inactiveReason(job, context.pausedIds) !== null,
      ...(historyLimit !== null
        ? { successfulJobsHistoryLimit: historyLimit, failedJobsHistoryLimit: historyLimit }
        : {}),
      jobTemplate: { spec: jobSpec },
    },
  };
  return { name, jobId: job.id, manifest };
}

function render(piece: KubernetesPiece, image: string): string {
  const header = [
    `# Exported from Cronbar job ${piece.jobId.replace(/\s+/g, ' ')} by \`cronbar export kubernetes\`.`,
    `# The command runs in a container of image ${image.replace(/\s+/g, ' ')}: a workstation command does not run by itself in a cluster;`,
    '# the image must hold the program, its files and any credentials it needs.',
  ];
  return `${header.join('\n')}\n${blockYaml(piece.manifest)}`;
}

export const kubernetesTarget: ExportTarget<KubernetesPiece> = {
  name: 'kubernetes',
  defaultExec: 'native',
  convert,
  assemble: (pieces, context): ExportedFile[] =>
    pieces.map((piece) => ({ name: `${piece.name}.yaml`, text: render(piece, context.image ?? '') })),
};
