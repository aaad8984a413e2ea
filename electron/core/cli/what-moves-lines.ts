/** "What moves" in words, one line per changed job (wrapped to the terminal): `cronbar config log` and `diff`. */
import type { ConfigSummary, JobMoves, WhatMoves } from '../../../shared/config-history';
import { formatShort, formatSpan, wrap } from './format';

// An inexact count is "at least count" (one past the cap): more than count - 1.
const fires = (count: number, exact: boolean) =>
  exact ? `${count} fire${count === 1 ? '' : 's'}` : `over ${count - 1} fires`;

/** `backup: every fire 12 h later (7 in the next 7 days)`. */
export function moveLine(job: JobMoves, now: number): string {
  const fields = job.fields.length > 0 ? ` (${job.fields.join(', ')})` : '';
  if (!job.computed) return `~ ${job.id}${fields}: fires not computed (too many schedules changed at once)`;
  if (job.change === 'added')
    return `+ ${job.id}: new, ${fires(job.after!.count, job.after!.exact)} in 7 days${firstOf(job.after!.fires, now)}`;
  if (job.change === 'removed')
    return `- ${job.id}: removed, ${fires(job.before!.count, job.before!.exact)} in 7 days no longer run`;
  if (!job.before || !job.after) return `~ ${job.id}${fields}: its fires do not move`;
  if (job.shiftedByMs !== null) {
    const by = formatSpan(Math.abs(job.shiftedByMs));
    return `~ ${job.id}${fields}: every fire ${by} ${job.shiftedByMs > 0 ? 'later' : 'earlier'} (${fires(job.after.count, job.after.exact)} in 7 days${firstOf(job.after.fires, now, 'now first')})`;
  }
  if (job.added.count === 0 && job.removed.count === 0) return `~ ${job.id}${fields}: its fires do not move`;
  const parts = [`${fires(job.before.count, job.before.exact)} → ${fires(job.after.count, job.after.exact)} in 7 days`];
  if (job.added.count > 0) parts.push(`${job.added.count} new${firstOf(job.added.fires, now, 'first')}`);
  if (job.removed.count > 0) parts.push(`${job.removed.count} gone${firstOf(job.removed.fires, now, 'first')}`);
  return `~ ${job.id}${fields}: ${parts.join('; ')}`;
}

function firstOf(list: number[], now: number, word = 'first'): string {
  return list.length > 0 ? `, ${word} ${formatShort(list[0]!, now)}` : '';
}

/** The lines of a change's "what moves", indented under a heading; the sections changed beside the jobs. */
export function whatMovesLines(moves: WhatMoves, width: number, indent = 2): string[] {
  const lines: string[] = [];
  const pad = ' '.repeat(indent);
  if (moves.invalid === 'after')
    lines.push(`${pad}the new text does not parse: nothing moves (the last good jobs run)`);
  for (const job of moves.jobs) lines.push(wrap(moveLine(job, moves.from), width, indent + 4, indent));
  if (moves.summary.sections.length > 0) lines.push(`${pad}also changed: ${moves.summary.sections.join(', ')}`);
  return lines;
}

/** `+new-one, -old, backup (cron)` for a log line. */
export function summaryText(summary: ConfigSummary): string {
  const parts = [
    ...summary.added.map((id) => `+${id}`),
    ...summary.removed.map((id) => `-${id}`),
    ...summary.changed.map((change) => `${change.id} (${change.fields.join(', ')})`),
    ...summary.sections,
  ];
  return parts.length > 0 ? parts.join(', ') : 'no job changed (comments or layout)';
}
