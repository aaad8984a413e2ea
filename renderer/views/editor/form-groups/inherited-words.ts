/**
 * What an empty field means for this job, in words: the value a job that sets nothing gets from the file's `defaults:`
 * (resolved by the schema, `file-context.ts`). Shown as hints and in the "as the defaults say" choices, so leaving a
 * field empty is an informed choice.
 */
import { formatDuration } from '../../../../shared/config/duration';
import type { JobSpec } from '../../../../shared/config/schema';
import type { NotifyEvent } from '../job-form-model';

const span = (ms: number | null | undefined, none: string) => (ms ? formatDuration(ms) : none);

export function inheritedWords(inherited: JobSpec | null) {
  if (!inherited) return null;
  const { retry } = inherited;
  return {
    timezone: `empty: ${inherited.timezone}`,
    jitter: inherited.jitterMs ? `empty: up to ${formatDuration(inherited.jitterMs)}` : 'empty: starts on time',
    timeout: `empty: ${span(inherited.timeoutMs, 'no timeout')}`,
    overlap: inherited.overlap,
    catchUpPolicy: inherited.catchUp.policy,
    catchUpWindow: `empty: ${formatDuration(inherited.catchUp.windowMs)}`,
    retry:
      retry.attempts === 0
        ? 'empty: no retries'
        : `empty: ${retry.attempts} ${retry.attempts === 1 ? 'retry' : 'retries'}, first after ${formatDuration(retry.delayMs)}`,
    // Absent extras (recovered, overdue, slow) are on: NotifySpec says so.
    notify: (event: NotifyEvent) => (inherited.notify[event] !== false ? 'notify' : 'stay quiet'),
    alertAfter: `empty: ${inherited.notify.alertAfter ?? 1}`,
    expect: `empty: ${span(inherited.expectSucceededWithinMs, 'never overdue')}`,
    warnAfter: `empty: ${span(inherited.warnAfterMs, 'never flagged slow')}`,
  };
}
