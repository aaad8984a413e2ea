/**
 * Turns a job's spec, its engine state and its stored runs into the JobView the window and CLI show, or into the
 * JobSummary the tray shows.
 */
import { describeSchedule, scheduleText } from '../../../shared/config/describe-schedule';
import type { ActionSpec, JobSpec } from '../../../shared/config/schema';
import { describeConditions, describeTrigger } from '../../../shared/config/describe-trigger';
import type { JobView, RunRecord } from '../../../shared/model';
import type { JobRuntime } from '../engine/engine-events';

const FAILED = new Set(['failed', 'timed-out']);

export function summarizeAction(action: ActionSpec): string {
  switch (action.kind) {
    case 'command':
      return Array.isArray(action.command) ? action.command.map(quoteArg).join(' ') : action.command;
    case 'http':
      return `${action.method} ${action.url}`;
    case 'builtin':
      return action.name === 'backup-database'
        ? `backup-database (keep ${action.keep})`
        : `prune-history (${action.keepDays} days, ${action.keepRuns} runs)`;
  }
}

function quoteArg(arg: string): string {
  return /^[\w@%+=:,./~-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** `recent` is newest first, as the store returns it. */
export function buildJobView(
  job: JobSpec,
  runtime: JobRuntime,
  nextFireAt: number | null,
  recent: RunRecord[],
): JobView {
  const finished = recent.filter((run) => run.status !== 'running' && run.status !== 'queued');
  let failureStreak = 0;
  for (const run of finished) {
    if (run.status === 'skipped' || run.status === 'missed') continue;
    if (!FAILED.has(run.status)) break;
    failureStreak++;
  }
  return {
    id: job.id,
    name: job.name,
    description: job.description,
    tags: job.tags,
    enabled: job.enabled,
    schedule: {
      kind: job.schedule.kind,
      text: scheduleText(job.schedule),
      description: describeSchedule(job.schedule),
    },
    timezone: job.timezone,
    ...triggerFields(job),
    actionKind: job.action.kind,
    actionSummary: summarizeAction(job.action),
    overlap: job.overlap,
    catchUp: job.catchUp.policy,
    timeoutMs: job.timeoutMs,
    nextFireAt: job.enabled && !runtime.paused ? nextFireAt : null,
    paused: runtime.paused,
    pausedUntil: runtime.pausedUntil,
    runningRunIds: runtime.runningRunIds,
    queuedCount: runtime.queuedCount,
    canRunNow: runtime.canRunNow,
    lastRun: recent[0] ?? null,
    recentStatuses: finished
      .slice(0, 20)
      .reverse()
      .map((run) => ({ runId: run.id, status: run.status, at: run.finishedAt ?? run.startedAt ?? run.createdAt })),
    failureStreak,
    notify: job.notify,
  };
}

/** What a glance at every job shows (the tray): no history beyond the newest run, so one query serves all jobs. */
export type JobSummary = Pick<
  JobView,
  'id' | 'name' | 'tags' | 'overlap' | 'runningRunIds' | 'canRunNow' | 'lastRun' | 'overdue' | 'slowRunIds'
>;

export function buildJobSummary(
  job: JobSpec,
  runtime: JobRuntime,
  newest: RunRecord | null,
  monitorFields: Pick<JobView, 'overdue' | 'slowRunIds'>,
): JobSummary {
  return {
    id: job.id,
    name: job.name,
    tags: job.tags,
    overlap: job.overlap,
    runningRunIds: runtime.runningRunIds,
    canRunNow: runtime.canRunNow,
    lastRun: newest,
    ...monitorFields,
  };
}

/** `on:`, `when:` and `keepAwake` in words, for the window and `cronbar show`. */
function triggerFields(job: JobSpec): Pick<JobView, 'triggers' | 'conditions' | 'keepAwake'> {
  return {
    triggers: (job.triggers ?? []).map((trigger) => ({ event: trigger.event, text: describeTrigger(trigger) })),
    conditions: job.conditions ? describeConditions(job.conditions) : null,
    keepAwake: job.keepAwake === true,
  };
}
