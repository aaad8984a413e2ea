/**
 * The service's monitor events (job:overdue, check:changed, run:slow) as the notify policy's alerts. Pure: which
 * changes are worth a notice is decided here — a check only when it goes down (from anything else) or comes back up
 * from down; late is not news yet, and new → up is the first ping, not a recovery.
 */
import type { EventPayload } from '../../../shared/api/contract';
import type { MonitorAlert } from './notify-policy';

export function overdueAlert(payload: EventPayload<'job:overdue'>): MonitorAlert {
  return payload.overdue
    ? { kind: 'overdue', jobId: payload.jobId, name: payload.name, reason: payload.overdue.reason }
    : { kind: 'overdue-recovered', jobId: payload.jobId, name: payload.name };
}

export function checkAlert({ check, previous }: EventPayload<'check:changed'>): MonitorAlert | null {
  if (check.state === 'down' && previous !== 'down')
    return { kind: 'check-down', checkId: check.id, name: check.name, reason: check.reason, notify: check.notify.down };
  if (check.state === 'up' && previous === 'down')
    return { kind: 'check-up', checkId: check.id, name: check.name, notify: check.notify.up };
  return null;
}

export function slowAlert({ run, warnAfterMs }: EventPayload<'run:slow'>, jobName: string): MonitorAlert {
  return { kind: 'slow', jobId: run.jobId, name: jobName, runId: run.id, warnAfterMs };
}
