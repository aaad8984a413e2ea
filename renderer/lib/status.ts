import type { RunStatus } from '../../shared/model';

/** Words for each status; colour comes from the CSS class `status-<status>` so light and dark themes can differ. */
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

export const statusClass = (status: RunStatus) => `status-${status}`;
