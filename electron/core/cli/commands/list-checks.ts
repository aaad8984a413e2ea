/** The issue-12 parts of `cronbar list`: a line per overdue job, and the checks table. */
import type { CheckView, JobView } from '../../../../shared/model';
import { type Terminal, formatRelative, formatShort, paintStatus, table, wrap } from '../format';

export function overdueLines(jobs: readonly JobView[], now: number, terminal: Terminal): string {
  return jobs
    .filter((job) => job.overdue)
    .map((job) => {
      const last = job.overdue!.lastSuccessAt;
      const line = `OVERDUE ${job.id}: ${job.overdue!.reason}; last success ${last === null ? 'never' : `${formatShort(last, now)} (${formatRelative(last, now)})`}`;
      // Wrapped, not cut: the reason is the point of the line.
      return `${paintStatus('OVERDUE', terminal.colors)}${wrap(line, terminal.width, 2).slice('OVERDUE'.length)}\n`;
    })
    .join('');
}

export function checksTable(checks: readonly CheckView[], now: number, terminal: Terminal): string {
  const rows = checks.map((check) => {
    const last = check.lastPing;
    const lastText = last
      ? `${last.kind}${last.exitCode !== null ? ` ${last.exitCode}` : ''} ${formatRelative(last.at, now)}`
      : 'never';
    const expected =
      check.nextExpectedAt === null
        ? '—'
        : `${formatShort(check.nextExpectedAt, now)} +${Math.round(check.graceMs / 60_000)} min`;
    const state = `${check.state.toUpperCase()}${check.reason && check.state !== 'up' ? `: ${check.reason}` : ''}`;
    return [check.id, state, expected, lastText, `${check.schedule.text}  ${check.schedule.description}`, check.name];
  });
  return table(
    [
      'ID',
      { header: 'STATE', flex: true, min: 8, paint: (text) => paintStatus(text, terminal.colors) },
      { header: 'PING DUE', flex: true, min: 12 },
      { header: 'LAST PING', flex: true, min: 12 },
      { header: 'SCHEDULE', flex: true, min: 12, optional: true },
      { header: 'NAME', flex: true, min: 12, optional: true },
    ],
    rows,
    terminal.width,
  );
}
