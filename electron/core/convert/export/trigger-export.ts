/**
 * What each export target makes of `on:` events, `when:` conditions and `keepAwake`: systemd has OnStartupSec=,
 * .path units and ConditionACPower=; cron has @reboot; launchd RunAtLoad and WatchPaths; Kubernetes none of them.
 * The rest is a loss line starting with the field's key (`on`, `when`, `keepAwake`); a job left with no schedule and
 * no event the target can carry is refused, since exported it would never run.
 */
import { formatMs } from '../../../../shared/config/describe-trigger';
import type { JobSpec } from '../../../../shared/config/schema';
import type { TriggerEvent } from '../../../../shared/config/trigger-schema';
import type { ExportTargetName } from './export-context';
import type { JobLosses } from './losses';

const CARRIED: Record<ExportTargetName, readonly TriggerEvent[]> = {
  systemd: ['start', 'path'],
  crontab: ['start'],
  launchd: ['start', 'path'],
  kubernetes: [],
};
/** Where an event's `delay` survives. */
const DELAYED: Record<ExportTargetName, readonly TriggerEvent[]> = {
  systemd: ['start'],
  crontab: [],
  launchd: [],
  kubernetes: [],
};
const TARGET_WORDS: Record<ExportTargetName, string> = {
  systemd: 'systemd',
  crontab: 'cron',
  launchd: 'launchd',
  kubernetes: 'Kubernetes',
};

export interface ExportedEvents {
  /** `on: start`, with its delay in ms where the target keeps it. */
  start: { delayMs: number } | null;
  /** `on: path` as the paths the target watches: directories for globs. */
  paths: string[];
}

/** The events the target carries, with a loss line for each it does not; null when the job is refused. */
export function exportedEvents(job: JobSpec, target: ExportTargetName, losses: JobLosses): ExportedEvents | null {
  const result: ExportedEvents = { start: null, paths: [] };
  const runner = TARGET_WORDS[target];
  for (const trigger of job.triggers ?? []) {
    if (!CARRIED[target].includes(trigger.event)) {
      losses.warn(`on: ${trigger.event}: ${runner} has no such event; the job does not run on it`);
      continue;
    }
    if (trigger.delayMs > 0 && !DELAYED[target].includes(trigger.event))
      losses.warn(`on: ${trigger.event} delay ${formatMs(trigger.delayMs)}: ${runner} starts the job at once`);
    if (trigger.event === 'start') result.start = { delayMs: DELAYED[target].includes('start') ? trigger.delayMs : 0 };
    if (trigger.event === 'path') {
      const watched = watchedPath(trigger.path);
      if (watched !== trigger.path)
        losses.warn(`on: path ${trigger.path}: ${runner} watches ${watched} (any change in it), not the pattern`);
      result.paths.push(watched);
    }
  }
  if (job.schedule.kind === 'none' && job.triggers?.length && result.start === null && result.paths.length === 0) {
    const events = (job.triggers ?? []).map((trigger) => trigger.event).join(', ');
    losses.refuse(`on: ${events}: no schedule and no event ${runner} can carry, so it would never run`);
    return null;
  }
  return result;
}

/** `when: { power: ac }` where the target has it (systemd's ConditionACPower=); a loss line for the rest. */
export function exportedConditions(job: JobSpec, target: ExportTargetName, losses: JobLosses): { acPower: boolean } {
  const conditions = job.conditions;
  if (!conditions) return { acPower: false };
  const runner = TARGET_WORDS[target];
  const acPower = conditions.power === 'ac' && target === 'systemd';
  const lost = [
    ...(conditions.power === 'ac' && !acPower ? ['power: ac'] : []),
    ...(conditions.network ? ['network: online'] : []),
    ...(conditions.idleMs !== null ? [`idle: ${formatMs(conditions.idleMs)}`] : []),
  ];
  if (lost.length > 0) losses.warn(`when: ${lost.join(', ')}: ${runner} checks no such condition; the job runs anyway`);
  if (conditions.unmet === 'wait' && (acPower || lost.length > 0))
    losses.warn(`when: unmet wait: ${runner} skips a fire whose conditions fail instead of waiting for them`);
  return { acPower };
}

export function keepAwakeLoss(job: JobSpec, target: ExportTargetName, losses: JobLosses): void {
  if (job.keepAwake)
    losses.warn(`keepAwake: only the Cronbar desktop app keeps the computer awake; ${TARGET_WORDS[target]} does not`);
}

/** The directory part of a glob (`~/Inbox/*.pdf` → `~/Inbox`); a plain path as given. */
export function watchedPath(pattern: string): string {
  const parts = pattern.split('/');
  const firstWild = parts.findIndex((part) => /[*?]/.test(part));
  if (firstWild < 0) return pattern;
  return parts.slice(0, firstWild).join('/') || '/';
}
