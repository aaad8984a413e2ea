/**
 * `cronbar export systemd`: per job a `cronbar-<id>.service` (Type=oneshot) and a `cronbar-<id>.timer`, after
 * systemd.service(5), systemd.exec(5) and systemd.timer(5). The timer's `OnCalendar=` lines come from
 * systemd-calendar.ts (plus dated DST lines, dst-corrections.ts); `every` is OnActiveSec= + OnUnitActiveSec=;
 * AccuracySec=1s because systemd's default of one minute would move second-precise fires.
 */
import type { ChainOutcome, JobSpec } from '../../../../shared/config/schema';
import { parseLocalDateTime } from '../../../../shared/config/schema';
import { formatDuration } from '../../../../shared/config/duration';
import { ScheduleCalculator } from '../../engine/schedule-calculator';
import { atToEpoch } from '../../engine/zoned-time';
import { CronReadError, readCron } from './cron-fields';
import { noScheduleReason } from './five-fields';
import { DST_HORIZON_YEARS, MAX_DST_LINES, dstCorrections, utcCalendarStamp } from './dst-corrections';
import type { ExportContext, ExportTarget, ExportedFile } from './export-context';
import { invocationFor } from './invocation';
import type { JobLosses } from './losses';
import { catchUpAsOnce, inactiveReason, overlapAsSkip, retriesDropped, secondsOf } from './run-policies';
import { CalendarRefusal, onCalendarLines } from './systemd-calendar';
import { systemdArg, systemdEnvironment } from './systemd-quote';

export interface SystemdPiece {
  service: ExportedFile;
  /** Null for a job with no schedule (after: only): its parents' OnSuccess=/OnFailure= start its service. */
  timer: ExportedFile | null;
}

const calculator = new ScheduleCalculator();

/** The timer's schedule lines (`OnCalendar=…`, `OnActiveSec=…`), or null when refused. */
export function timerScheduleLines(job: JobSpec, context: ExportContext, losses: JobLosses): string[] | null {
  const schedule = job.schedule;
  if (schedule.kind === 'none') {
    // Exported only with a parent whose OnSuccess=/OnFailure= starts it (export-chains.ts); no timer lines.
    if (job.after && job.after.length > 0) return [];
    losses.refuse(noScheduleReason(job, 'systemd'));
    return null;
  }
  if (schedule.kind === 'every') {
    const seconds = secondsOf(schedule.everyMs);
    losses.warn(
      `every ${formatDuration(schedule.everyMs)}: systemd counts from when the timer starts and from each run's start, not from the series Cronbar keeps across restarts${job.catchUp.policy === 'skip' ? '' : `; after downtime it starts one interval after the timer, not at once (catchUp ${job.catchUp.policy})`}`,
    );
    // OnActiveSec= starts the series when the timer starts; OnUnitActiveSec= repeats it from each start of the run.
    return [`OnActiveSec=${seconds}s`, `OnUnitActiveSec=${seconds}s`];
  }
  if (schedule.kind === 'at') {
    const parts = parseLocalDateTime(schedule.at);
    const epoch = atToEpoch(schedule.at, job.timezone);
    if (!parts || epoch === null) {
      losses.refuse(`cannot read at: ${schedule.at}`);
      return null;
    }
    return [`OnCalendar=${utcCalendarStamp(epoch)}`];
  }
  let lines: string[];
  try {
    lines = onCalendarLines(readCron(schedule.expr), job.timezone);
  } catch (error) {
    if (error instanceof CalendarRefusal || error instanceof CronReadError) {
      losses.refuse(`cron ${JSON.stringify(schedule.expr)}: ${error.message}`);
      return null;
    }
    throw error;
  }
  const out = lines.map((line) => `OnCalendar=${line}`);
  const corrections = dstCorrections(calculator, schedule.expr, job.timezone, context.now);
  if (corrections.instants.length > 0) {
    const until = new Date(corrections.until).getUTCFullYear();
    if (corrections.instants.length <= MAX_DST_LINES) {
      losses.warn(
        `DST in ${job.timezone}: systemd skips a time that does not exist and runs a repeated time once; Cronbar runs both, so ${corrections.instants.length} dated OnCalendar= line${corrections.instants.length === 1 ? '' : 's'} carry those fires until ${until} (export again before then)`,
      );
      out.push(
        '# DST: the fires Cronbar makes at clock changes that the calendar above does not',
        ...corrections.instants.map((at) => `OnCalendar=${utcCalendarStamp(at)}`),
      );
    } else {
      losses.warn(
        `DST in ${job.timezone}: systemd skips a time that does not exist and runs a repeated time once; Cronbar runs both, which differs in ${corrections.instants.length} fires over the next ${DST_HORIZON_YEARS} years`,
      );
    }
  }
  return out;
}

function convert(job: JobSpec, context: ExportContext, losses: JobLosses): SystemdPiece | null {
  const run = invocationFor(job, context, losses);
  const schedule = timerScheduleLines(job, context, losses);
  if (!run || !schedule) return null;
  const unit = `cronbar-${job.id}`;
  const inactive = inactiveReason(job, context.pausedIds);
  if (inactive)
    losses.warn(`${inactive}: the timer is written like the others; do not enable it until you want it to run`);
  overlapAsSkip(job, 'systemd', losses);
  const timed = job.schedule.kind !== 'none';
  if (job.schedule.kind !== 'every' && timed) catchUpAsOnce(job, 'systemd (Persistent=true)', losses);
  if (!run.viaCronbar) retriesDropped(job, 'systemd', losses);
  const header = `# Exported from Cronbar job ${job.id} by \`cronbar export systemd\`${run.viaCronbar ? ' (runs through cronbar run: history, timeout, retries and notifications stay in Cronbar)' : ''}.`;
  const timeout = run.viaCronbar || job.timeoutMs <= 0 ? 'infinity' : `${secondsOf(job.timeoutMs)}s`;
  const service = [
    header,
    '[Unit]',
    `Description=${oneLine(job.name)}`,
    '',
    '[Service]',
    'Type=oneshot',
    `ExecStart=${run.argv.map(systemdArg).join(' ')}`,
    ...(run.cwd ? [`WorkingDirectory=${run.cwd}`] : []),
    ...Object.entries(run.env).map(([key, value]) => `Environment=${systemdEnvironment(key, value)}`),
    `TimeoutStartSec=${timeout}`,
    '',
  ];
  const persistent = job.schedule.kind !== 'every' && job.catchUp.policy !== 'skip';
  const timer = [
    header,
    '[Unit]',
    `Description=Schedule of ${oneLine(job.name)}`,
    '',
    '[Timer]',
    ...schedule,
    // systemd's default AccuracySec= is one minute: fires would drift by up to that.
    'AccuracySec=1s',
    ...(persistent ? ['Persistent=true'] : []),
    ...(job.jitterMs > 0 ? [`RandomizedDelaySec=${secondsOf(job.jitterMs)}s`] : []),
    `Unit=${unit}.service`,
    '',
    '[Install]',
    'WantedBy=timers.target',
    '',
  ];
  return {
    service: { name: `${unit}.service`, text: service.join('\n') },
    timer: timed ? { name: `${unit}.timer`, text: timer.join('\n') } : null,
  };
}

/** systemd.unit(5): OnSuccess= (systemd 249+) and OnFailure= start the listed units when this one ends that way. */
function linkChain(parent: SystemdPiece, child: JobSpec, on: ChainOutcome): void {
  const unit = `cronbar-${child.id}.service`;
  const lines = [
    ...(on === 'failure' ? [] : [`OnSuccess=${unit}`]),
    ...(on === 'success' ? [] : [`OnFailure=${unit}`]),
  ];
  // At the end of [Unit], so the lines stay in the order the children come.
  parent.service.text = parent.service.text.replace('\n\n[Service]', `\n${lines.join('\n')}\n\n[Service]`);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/%/g, '%%');
}

export const systemdTarget: ExportTarget<SystemdPiece> = {
  name: 'systemd',
  defaultExec: 'cronbar',
  convert,
  linkChain,
  assemble: (pieces) => pieces.flatMap((piece) => (piece.timer ? [piece.service, piece.timer] : [piece.service])),
};
