/**
 * `cronbar export crontab`: one user crontab (crontab(5), Vixie/cronie), each job a `CRON_TZ=` line (cronie reads it
 * for the lines after it) and its schedule line. A disabled or paused job's line is written commented out. The
 * command line goes through cron's /bin/sh, so every word is single-quoted and `%` (cron's newline) escaped.
 */
import { exportedConditions, exportedEvents, keepAwakeLoss } from './trigger-export';
import type { JobSpec } from '../../../../shared/config/schema';
import { formatDuration } from '../../../../shared/config/duration';
import type { ExportContext, ExportTarget } from './export-context';
import { readCron } from './cron-fields';
import { zoneTransitions } from './dst-corrections';
import { noScheduleReason, scheduleAsFiveFields, vixieFixedTime } from './five-fields';
import { invocationFor } from './invocation';
import type { JobLosses } from './losses';
import { inactiveReason, retriesDropped, secondsOf } from './run-policies';

const YEAR_MS = 366 * 86_400_000;

export interface CrontabPiece {
  lines: string[];
}

/** A word for /bin/sh: single quotes, a quote inside as '\''. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_@+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function convert(job: JobSpec, context: ExportContext, losses: JobLosses): CrontabPiece | null {
  // No schedule and no events (after: only): cron has nothing that starts it when another job ends.
  if (job.schedule.kind === 'none' && !job.triggers?.length) {
    losses.refuse(noScheduleReason(job, 'crontab'));
    return null;
  }
  const schedule =
    job.schedule.kind === 'none' ? null : scheduleAsFiveFields(job, 'crontab', losses, { vixieAnd: true });
  const run = invocationFor(job, context, losses);
  const events = exportedEvents(job, 'crontab', losses);
  exportedConditions(job, 'crontab', losses);
  keepAwakeLoss(job, 'crontab', losses);
  if ((!schedule && job.schedule.kind !== 'none') || !run || !events) return null;
  const words: string[] = [];
  if (run.cwd) words.push('cd', shellWord(run.cwd), '&&');
  const env = Object.entries(run.env);
  if (env.length > 0) words.push('env', ...env.map(([key, value]) => shellWord(`${key}=${value}`)));
  if (!run.viaCronbar) {
    if (job.overlap === 'skip' || job.overlap === 'replace')
      words.push('flock', '-n', shellWord(`/tmp/cronbar-${job.id}.lock`));
    if (job.overlap === 'queue') words.push('flock', shellWord(`/tmp/cronbar-${job.id}.lock`));
    if (job.overlap === 'replace')
      losses.warn(
        'overlap replace: flock -n skips a fire while the job runs; the running one is not stopped and replaced',
      );
    if (job.timeoutMs > 0) {
      words.push('timeout', '-k', '10s', `${secondsOf(job.timeoutMs)}s`);
      losses.warn(
        `timeout ${formatDuration(job.timeoutMs)}: carried with timeout(1), which stops the command but not processes it left behind (Cronbar stops the whole process group)`,
      );
    }
    retriesDropped(job, 'cron', losses);
  } else if (job.overlap === 'queue' || job.overlap === 'replace') {
    losses.warn(
      `overlap ${job.overlap}: cronbar run skips a fire while the job runs (it cannot wait for or stop another process's run)`,
    );
  }
  words.push(...run.argv.map(shellWord));
  const command = words.join(' ');
  if (/[\n\r]/.test(command)) {
    losses.refuse('the command spans several lines; a crontab line cannot hold a newline');
    return null;
  }
  if (job.jitterMs > 0)
    losses.warn(`jitter ${formatDuration(job.jitterMs)} is dropped: cron has no random delay per line`);
  if (job.catchUp.policy !== 'skip')
    losses.warn(`catchUp ${job.catchUp.policy}: cron runs nothing that fell due while the machine was off or asleep`);
  if (job.timezone !== context.localZone) {
    losses.warn(
      `timezone ${job.timezone}: carried with CRON_TZ=, which cronie reads; other crons use the system zone (${context.localZone} here)`,
    );
  }
  if (
    schedule !== null &&
    job.schedule.kind === 'cron' &&
    readCron(job.schedule.expr).fixedTime !== vixieFixedTime(schedule) &&
    zoneTransitions(job.timezone, context.now, context.now + YEAR_MS).length > 0
  ) {
    losses.warn(
      `DST in ${job.timezone}: cron takes "${schedule}" for a ${vixieFixedTime(schedule) ? 'fixed time' : 'wildcard job'}, Cronbar "${job.schedule.expr}" for ${readCron(job.schedule.expr).fixedTime ? 'a fixed time' : 'an interval'}, so they differ on clock-change nights`,
    );
  }
  const inactive = inactiveReason(job, context.pausedIds);
  // cron's % is a newline (and what follows it stdin); \% is a literal percent.
  // crontab(5): @reboot runs the line once when cron starts (`on: start`).
  const lines = [...(schedule ? [schedule] : []), ...(events.start ? ['@reboot'] : [])].map(
    (when) => `${when} ${command.replace(/%/g, '\\%')}`,
  );
  return {
    lines: [
      `# ${job.id}: ${job.name.replace(/\s+/g, ' ')}${inactive ? ` (${inactive}: commented out)` : ''}`,
      `CRON_TZ=${job.timezone}`,
      ...lines.map((line) => (inactive ? `# ${line}` : line)),
    ],
  };
}

export const crontabTarget: ExportTarget<CrontabPiece> = {
  name: 'crontab',
  defaultExec: 'cronbar',
  convert,
  assemble: (pieces, context) => [
    {
      name: 'crontab',
      text: [
        `# Exported from Cronbar by \`cronbar export crontab --exec ${context.exec}\`. Install with: crontab FILE (replaces your crontab)`,
        ...(context.exec === 'native'
          ? ['# Overlap skip and queue use flock(1) from util-linux; timeouts use timeout(1) from coreutils.']
          : []),
        '',
        ...pieces.flatMap((piece) => [...piece.lines, '']),
      ].join('\n'),
    },
  ],
};
