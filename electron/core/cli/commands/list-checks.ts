/** The issue-12 parts of `cronbar list`: a line per overdue job, and the checks table. */
import type { CheckView, JobView } from '../../../../shared/model';
import { formatLocal, formatRelative, table, truncate } from '../format';

export function overdueLines(jobs: readonly JobView[], now: number): string {
  return jobs
    .filter((job) => job.overdue)
    .map((job) => {
      const last = job.overdue!.lastSuccessAt;
      return `OVERDUE ${job.id}: ${job.overdue!.reason}; last success ${last === null ? 'never' : `${formatLocal(last)} (${formatRelative(last, now)})`}\n`;
    })
    .join('');
}

export function checksTable(checks: readonly CheckView[], now: number): string {
  const rows = checks.map((check) => {
    const last = check.lastPing;
    const lastText = last
      ? `${last.kind}${last.exitCode !== null ? ` ${last.exitCode}` : ''} ${formatRelative(last.at, now)}`
      : 'never';
    const expected =
      check.nextExpectedAt === null
        ? '—'
        : `${formatLocal(check.nextExpectedAt)} (+${Math.round(check.graceMs / 60_000)} min grace)`;
    const state = `${check.state.toUpperCase()}${check.reason && check.state !== 'up' ? `: ${truncate(check.reason, 60)}` : ''}`;
    return [
      check.id,
      truncate(check.name, 32),
      truncate(`${check.schedule.text}  ${check.schedule.description}`, 44),
      expected,
      lastText,
      state,
    ];
  });
  return table(['ID', 'NAME', 'EXPECTED', 'NEXT PING BY', 'LAST PING', 'STATE'], rows);
}
