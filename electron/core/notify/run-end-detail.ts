/**
 * The end of a run as the scheduler's log line says it: exit code or signal, the reason, and for a failure the last
 * line it printed, so `journalctl -u cronbar` alone tells what went wrong.
 */
import type { RunRecord } from '../../../shared/model';
import { lastOutputLine } from './notify-policy';
import type { Store } from '../ports';

export function runEndDetail(run: RunRecord, store: Pick<Store, 'getRunOutput'>): string {
  const exit = run.exitCode !== null ? ` (exit ${run.exitCode})` : '';
  const signal = run.signal ? ` (${run.signal})` : '';
  const reason = run.reason ? `: ${run.reason}` : '';
  const failed = run.status === 'failed' || run.status === 'timed-out';
  const line = failed && run.outputBytes > 0 ? lastOutputLine(store.getRunOutput(run.id)?.text ?? '') : null;
  return `${exit}${signal}${reason}${line ? `; last output line: ${line}` : failed ? '; no output' : ''}`;
}
