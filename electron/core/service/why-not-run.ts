/**
 * "Why did backup not run at 02:00?" answered from what was recorded, never guessed: the rows the engine writes for
 * every fire (a run, or a decision: skipped by overlap or pause, missed), the catch-up run that stood for fires
 * missed while asleep or stopped, the downtime spans (downtime-recorder.ts) and the scheduler sessions, and the pause
 * state now. The fire asked about comes from the engine's own calculator, so the answer is about a fire that exists.
 */
import type { MethodOutput } from '../../../shared/api/contract';
import { CronbarError } from '../../../shared/api/cronbar-error';
import type { WhyVerdict } from '../../../shared/api/assistant-methods';
import type { JobSpec } from '../../../shared/config/schema';
import type { DowntimeSpan, RunRecord } from '../../../shared/model';
import { zonedParts } from '../../../shared/zoned-time-parts';
import type { SessionRow } from '../monitor/monitor-store';
import type { ScheduleCalculator, ScheduleRef } from '../engine/schedule-calculator';
import { atToEpoch } from '../engine/zoned-time';

type WhyAnswer = MethodOutput<'whyNotRun'>;

/** A time asked as `02:00` may name a fire up to this far off (a fire at 02:00:30 is "the 02:00 one"). */
const SAME_FIRE_MS = 60_000;
/** How far back the previous fire is looked for (a yearly job's). */
const PREVIOUS_FIRE_LOOKBACK_MS = 400 * 86_400_000;
/** The rows read from the fire on: its own (attempts, retries) and the first later one that may stand for it. */
const ROWS_READ = 50;

export interface WhyNotRunSources {
  now: number;
  job: JobSpec;
  calendar: { ref: ScheduleRef; calculator: ScheduleCalculator };
  /** The job's pause now, and "pause all". */
  pause: { paused: boolean; pausedUntil: number | null; pausedAll: boolean; pausedAllUntil: number | null };
  runsScheduledFrom(from: number, limit: number): RunRecord[];
  downtime(since: number, until: number): Promise<DowntimeSpan[]>;
  sessionsOverlapping(from: number, until: number): SessionRow[];
  firstSessionStart(): number | null;
}

/** The time asked about, as epoch ms: a number, an ISO time, a wall time in the job's zone, or `HH:MM` (latest past). */
export function resolveAskedTime(at: number | string, timezone: string, now: number): number {
  if (typeof at === 'number') return at;
  const text = at.trim();
  const clock = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (clock) {
    const hhmmss = `${clock[1]!.padStart(2, '0')}:${clock[2]}:${clock[3] ?? '00'}`;
    for (let daysBack = 0; daysBack <= 2; daysBack++) {
      const day = zonedParts(now - daysBack * 86_400_000, timezone);
      const date = `${day.year}-${pad(day.month)}-${pad(day.day)}`;
      const epoch = atToEpoch(`${date}T${hhmmss}`, timezone);
      if (epoch !== null && epoch <= now) return epoch;
    }
  }
  const epoch = atToEpoch(text, timezone);
  if (epoch === null)
    throw new CronbarError(
      'invalid-input',
      `at: ${JSON.stringify(at)} is not a time: give epoch ms, 2026-12-07T02:00 (in the job's zone ${timezone}), an ISO time with Z or an offset, or 02:00`,
    );
  return epoch;
}

export async function whyNotRun(sources: WhyNotRunSources, at: number | string): Promise<WhyAnswer> {
  const { job, now, calendar } = sources;
  const zone = job.timezone;
  const asked = resolveAskedTime(at, zone, now);
  const when = (ms: number) => formatIn(ms, zone);
  const near = calendar.calculator.firesBetween(calendar.ref, asked - SAME_FIRE_MS - 1, asked + SAME_FIRE_MS, 8);
  const fireAt = near.fires.reduce<number | null>(
    (best, fire) => (best === null || Math.abs(fire - asked) < Math.abs(best - asked) ? fire : best),
    null,
  );
  const previousFire =
    calendar.calculator.lastFires(
      calendar.ref,
      (fireAt ?? asked) - PREVIOUS_FIRE_LOOKBACK_MS,
      (fireAt ?? asked) - 1,
      1,
    )[0] ?? null;
  const nextFire = calendar.calculator.nextAfter(calendar.ref, fireAt ?? asked);
  const answer = (
    verdict: WhyVerdict,
    text: string,
    run: RunRecord | null = null,
    downtime: DowntimeSpan | null = null,
  ) =>
    ({
      jobId: job.id,
      verdict,
      answer: `${text} (times in ${zone})`,
      fireAt,
      timezone: zone,
      run,
      downtime,
      previousFire,
      nextFire,
    }) satisfies WhyAnswer;

  if (fireAt === null) {
    const around = [
      previousFire !== null ? `the one before was ${when(previousFire)}` : null,
      nextFire !== null ? `the next ${nextFire > now ? 'is' : 'was'} ${when(nextFire)}` : null,
    ].filter(Boolean);
    return answer(
      'not-a-fire',
      `${job.id} is not scheduled at ${when(asked)}: its schedule (${scheduleText(job)}) has no fire then${around.length > 0 ? `; ${around.join(', ')}` : ''}`,
    );
  }

  const rows = sources.runsScheduledFrom(fireAt, ROWS_READ);
  const own = rows.filter((row) => row.scheduledFor === fireAt);
  const spans = await sources.downtime(fireAt - 1, fireAt + 1);
  const downtime = spans.find((span) => span.from <= fireAt && fireAt <= span.to) ?? null;
  const fire = when(fireAt);

  const started = own.find((row) => row.status !== 'skipped' && row.status !== 'missed' && row.retryOf === null);
  if (started) {
    const last = [...own].reverse().find((row) => row.retryOf === started.id) ?? started;
    const outcome = describeOutcome(started, last, when);
    if (started.trigger === 'catch-up') {
      return answer(
        'caught-up',
        `${job.id} did not run at ${fire}${downtime ? `: ${describeSpan(downtime, when)}` : ''}. It ran as a catch-up at ${when(started.startedAt ?? started.createdAt)} (run ${started.id}) and ${outcome}`,
        last,
        downtime,
      );
    }
    return answer('ran', `${job.id} ran for ${fire} (run ${started.id}) and ${outcome}`, last, downtime);
  }

  const decided = own.find((row) => row.status === 'skipped' || row.status === 'missed');
  if (decided) return explainDecision(decided, fire, downtime, answer, job.id, when);

  if (fireAt > now) {
    const pausedWords = pauseWords(sources.pause, when);
    const covered = pausedWords && pauseCovers(sources.pause, fireAt);
    return answer(
      covered ? 'paused' : 'not-due-yet',
      covered
        ? `${job.id} is ${pausedWords}: its fire at ${fire} will be skipped and recorded when the pause ends`
        : `${job.id}'s fire at ${fire} is still to come${job.enabled ? '' : ', but the job is disabled (enabled: false) and will not run'}`,
    );
  }

  // No row of its own: a later row may stand for it (one catch-up run for many missed fires, one decision row
  // standing for the fires of a long pause or outage), as decision-rows.ts coalesces them.
  // Only the first later row can: any row after it means a fire in between was handled, so the span began after F.
  const later = rows.find((row) => row.scheduledFor! > fireAt);
  const standing = later && standsForEarlierFires(later) ? later : null;
  if (standing) {
    if (standing.trigger === 'catch-up' && standing.status !== 'skipped' && standing.status !== 'missed') {
      const last = rows.find((row) => row.retryOf === standing.id && row.scheduledFor === standing.scheduledFor);
      return answer(
        'caught-up',
        `${job.id} did not run at ${fire}${downtime ? `: ${describeSpan(downtime, when)}` : ''}. One catch-up run at ${when(standing.startedAt ?? standing.createdAt)} stood for the fires missed (run ${standing.id}, for ${when(standing.scheduledFor!)}${standing.reason ? `: ${standing.reason}` : ''}) and ${describeOutcome(standing, last ?? standing, when)}`,
        last ?? standing,
        downtime,
      );
    }
    return explainDecision(standing, fire, downtime, answer, job.id, when);
  }

  if (!job.enabled)
    return answer(
      'disabled',
      `${job.id} did not run at ${fire}: it is disabled in the jobs file (enabled: false), and a disabled job has no fires`,
    );
  const pausedWords = pauseWords(sources.pause, when);
  if (pausedWords)
    return answer(
      'paused',
      `${job.id} did not run at ${fire}: it is ${pausedWords}; the fires a pause swallows are recorded as skipped when it ends`,
    );

  const scheduledThen = sources.sessionsOverlapping(fireAt, fireAt).some((session) => session.startedAt <= fireAt);
  if (!scheduledThen) {
    const first = sources.firstSessionStart();
    const laterSession = sources.sessionsOverlapping(fireAt, now).some((session) => session.startedAt > fireAt);
    const detail =
      first === null
        ? 'none, daemon or app, has run here yet'
        : first > fireAt
          ? `the first scheduler start recorded is ${when(first)}`
          : downtime
            ? describeSpan(downtime, when)
            : 'no recorded scheduler session covers that time';
    const advice = laterSession
      ? ''
      : `; start \`cronbar daemon\` or the app, and catch-up (policy ${job.catchUp.policy}) will account for the fires it missed`;
    return answer(
      'no-scheduler',
      `${job.id} did not run at ${fire}: no Cronbar scheduled this data directory then (${detail})${advice}`,
      null,
      downtime,
    );
  }
  if (downtime)
    return answer(
      'no-record',
      `${job.id} has no record for ${fire}: ${describeSpan(downtime, when)}, and no catch-up row stands for it (the job's schedule may have changed since)`,
      null,
      downtime,
    );
  return answer(
    'no-record',
    now - fireAt < 2 * SAME_FIRE_MS
      ? `${job.id}'s fire at ${fire} is due just now: its row is written as it starts`
      : `${job.id} has no record for ${fire} although a scheduler ran then: the job, or its schedule (${scheduleText(job)}), is probably newer than that fire`,
  );
}

function explainDecision(
  row: RunRecord,
  fire: string,
  downtime: DowntimeSpan | null,
  answer: (verdict: WhyVerdict, text: string, run: RunRecord | null, downtime: DowntimeSpan | null) => WhyAnswer,
  jobId: string,
  when: (ms: number) => string,
): WhyAnswer {
  const reason = row.reason ?? row.status;
  const recorded = `recorded ${when(row.createdAt)} (run ${row.id}: ${reason})`;
  if (row.status === 'missed')
    return answer(
      'missed',
      `${jobId} did not run at ${fire}${downtime ? `: ${describeSpan(downtime, when)}` : ''}; it was ${recorded}`,
      row,
      downtime,
    );
  if (/^paused/.test(reason))
    return answer(
      'paused',
      `${jobId} did not run at ${fire}: ${/\(all\)/.test(reason) ? 'every job was paused (pause all)' : 'the job was paused'}; ${recorded}`,
      row,
      downtime,
    );
  if (/^overlap/.test(reason))
    return answer(
      'overlap',
      `${jobId} did not run at ${fire}: its previous run was still going and its overlap policy skips (${reason}); run ${row.id}`,
      row,
      downtime,
    );
  return answer('skipped', `${jobId} did not run at ${fire}: skipped, ${recorded}`, row, downtime);
}

/** A row the engine wrote for a span of fires rather than its own (decision-rows.ts, catch-up.ts wordings). */
function standsForEarlierFires(row: RunRecord): boolean {
  if (row.trigger === 'catch-up') return true;
  if (row.status !== 'skipped' && row.status !== 'missed') return false;
  return /stands for|^missed \d|^missed over/.test(row.reason ?? '');
}

function describeOutcome(first: RunRecord, last: RunRecord, when: (ms: number) => string): string {
  const retried = last.id !== first.id ? ` after ${last.attempt - 1} ${last.attempt === 2 ? 'retry' : 'retries'}` : '';
  switch (last.status) {
    case 'succeeded':
      return `succeeded${retried}${last.finishedAt && last.startedAt ? ` in ${duration(last.finishedAt - last.startedAt)}` : ''}`;
    case 'running':
    case 'queued':
      return `is still ${last.status}${retried}`;
    default:
      return `${last.status}${retried}${last.reason ? `: ${last.reason}` : ''}${last.finishedAt ? ` (${when(last.finishedAt)})` : ''}`;
  }
}

function describeSpan(span: DowntimeSpan, when: (ms: number) => string): string {
  const range = `from ${when(span.from)} to ${when(span.to)}`;
  switch (span.kind) {
    case 'suspend':
      return `${span.reason ?? 'the machine was asleep'} ${range}`;
    case 'stopped':
    case 'crashed':
      return `${span.reason ?? 'Cronbar was not running'} ${range}`;
    case 'clock-jump':
      return `${span.reason ?? 'the clock jumped'} at ${when(span.from)}`;
  }
}

function pauseWords(pause: WhyNotRunSources['pause'], when: (ms: number) => string): string | null {
  if (pause.paused)
    return pause.pausedUntil === null ? 'paused until resumed' : `paused until ${when(pause.pausedUntil)}`;
  if (pause.pausedAll)
    return pause.pausedAllUntil === null
      ? 'paused with every job (pause all) until resumed'
      : `paused with every job (pause all) until ${when(pause.pausedAllUntil)}`;
  return null;
}

function pauseCovers(pause: WhyNotRunSources['pause'], at: number): boolean {
  if (pause.paused) return pause.pausedUntil === null || pause.pausedUntil > at;
  return pause.pausedAll && (pause.pausedAllUntil === null || pause.pausedAllUntil > at);
}

function scheduleText(job: JobSpec): string {
  const schedule = job.schedule;
  if (schedule.kind === 'cron') return `cron ${schedule.expr}`;
  if (schedule.kind === 'every') return `every ${schedule.text}`;
  if (schedule.kind === 'none') return 'no schedule (it runs after another job, `after:`)';
  return `at ${schedule.at}`;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** `2026-12-07 02:00` (seconds only when not whole minutes), in the job's zone. */
export function formatIn(ms: number, zone: string): string {
  const p = zonedParts(ms, zone);
  const seconds = p.second !== 0 ? `:${pad(p.second)}` : '';
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}${seconds}`;
}

function duration(ms: number): string {
  if (ms < 60_000) return `${Math.max(1, Math.round(ms / 1000))} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.floor(ms / 3_600_000)} h ${Math.round((ms % 3_600_000) / 60_000)} min`;
}
