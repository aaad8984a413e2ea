import type { RunStatus } from '../../shared/model';

/** Words for each status, shown beside its colour so no status is told by colour alone. */
export const STATUS_LABELS: Record<RunStatus, string> = {
  queued: 'queued',
  running: 'running',
  succeeded: 'ok',
  failed: 'failed',
  'timed-out': 'timed out',
  interrupted: 'interrupted',
  skipped: 'skipped',
  missed: 'missed',
};

/**
 * The colour each status is drawn in, the one place statuses meet colours: styles.css gives each tone its light and
 * dark values (`--tone-<tone>`), and badges, run strips and the timeline all read them through the tone class.
 * Timed out has its own tone: "killed at its limit" asks for a different fix than "exited non-zero".
 */
export type StatusTone = 'ok' | 'fail' | 'timeout' | 'run' | 'warn' | 'info';

export const STATUS_TONES: Record<RunStatus, StatusTone> = {
  queued: 'run',
  running: 'run',
  succeeded: 'ok',
  failed: 'fail',
  'timed-out': 'timeout',
  interrupted: 'warn',
  skipped: 'info',
  missed: 'warn',
};

/** `status-<status>` names the status (for tests and tools); `tone-<tone>` carries its colour. */
export const statusClass = (status: RunStatus) => `status-${status} tone-${STATUS_TONES[status]}`;

/** `2 failed`, or `2 failed, 1 timed out` when some were stopped at their time limit. */
export function failureSummary(statuses: readonly RunStatus[]): string {
  const failed = statuses.filter((status) => status === 'failed').length;
  const timedOut = statuses.filter((status) => status === 'timed-out').length;
  return timedOut > 0 ? `${failed} failed, ${timedOut} ${STATUS_LABELS['timed-out']}` : `${failed} failed`;
}
