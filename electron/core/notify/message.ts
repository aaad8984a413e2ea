/**
 * What a channel is sent: one versioned JSON shape (payload-schema.ts, published as docs/webhook-payload.schema.json;
 * a generic webhook gets it as it is, the command hook on stdin), and the e-mail and ntfy renderings of it. Built when the event happens from
 * the run's row and output, stored in the queue as it is, so a retry an hour later sends the same words.
 */
import os from 'node:os';
import type { Notice } from './notify-policy';
import type { JobSpec } from '../../../shared/config/schema';
import type { CheckSpec } from '../../../shared/config/check-schema';
import { describeSchedule, scheduleText } from '../../../shared/config/describe-schedule';
import { formatDuration } from '../../../shared/config/duration';
import type { RunRecord } from '../../../shared/model';
import type { NotificationPayload } from './payload-schema';
import { PAYLOAD_VERSION } from './payload-version';

export { PAYLOAD_VERSION };

/** The event names channels see (the desktop notice kinds, in the words of the jobs file's `notify:`). */
export const EVENT_NAMES = {
  failure: 'failure',
  timeout: 'failure',
  recovery: 'recovered',
  success: 'success',
  missed: 'missed',
  summary: 'summary',
  overdue: 'overdue',
  'overdue-recovered': 'recovered',
  'check-down': 'down',
  'check-up': 'up',
  slow: 'slow',
  flapping: 'flapping',
} as const satisfies Record<Notice['kind'], string>;

export type EventName = (typeof EVENT_NAMES)[keyof typeof EVENT_NAMES] | 'test';

/** How many of the output's last lines a message carries. */
export const OUTPUT_LINES = 20;
const OUTPUT_LINE_CHARS = 400;

/** The message as payload-schema.ts describes it (the type comes from there, so the schema cannot drift). */
export type NotificationMessage = NotificationPayload;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function lastLines(output: string, count = OUTPUT_LINES): string[] {
  const lines = output.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length > 0 && lines.at(-1)!.trim() === '') lines.pop();
  return lines
    .slice(-count)
    .map((line) => (line.length > OUTPUT_LINE_CHARS ? `${line.slice(0, OUTPUT_LINE_CHARS - 1)}…` : line));
}

export interface MessageContext {
  notice: Notice;
  at: number;
  job: JobSpec | null;
  check: CheckSpec | null;
  run: RunRecord | null;
  output: string | null;
  subjects?: string[];
}

export function buildMessage({ notice, at, job, check, run, output, subjects }: MessageContext): NotificationMessage {
  return {
    version: PAYLOAD_VERSION,
    event: EVENT_NAMES[notice.kind],
    kind: notice.kind,
    title: notice.title,
    text: notice.body,
    at: new Date(at).toISOString(),
    host: os.hostname(),
    job: job
      ? {
          id: job.id,
          name: job.name,
          schedule: scheduleText(job.schedule),
          scheduleDescription: describeSchedule(job.schedule),
          timezone: job.timezone,
        }
      : null,
    check: check ? { id: check.id, name: check.name } : null,
    run: run
      ? {
          id: run.id,
          status: run.status,
          trigger: run.trigger,
          attempt: run.attempt,
          exitCode: run.exitCode,
          signal: run.signal,
          reason: run.reason,
          startedAt: iso(run.startedAt),
          finishedAt: iso(run.finishedAt),
          durationMs: run.startedAt !== null && run.finishedAt !== null ? run.finishedAt - run.startedAt : null,
          outputBytes: run.outputBytes,
          outputTail: output === null ? [] : lastLines(output),
        }
      : null,
    subjects: subjects ?? [],
    seeMore: run ? `cronbar logs ${run.jobId} --last` : null,
  };
}

export function testMessage(channel: string, at: number): NotificationMessage {
  return {
    version: PAYLOAD_VERSION,
    event: 'test',
    kind: 'test',
    title: `Cronbar test message to ${channel}`,
    text: `If you can read this, Cronbar on ${os.hostname()} can reach you through "${channel}".`,
    at: new Date(at).toISOString(),
    host: os.hostname(),
    job: null,
    check: null,
    run: null,
    subjects: [],
    seeMore: null,
  };
}

/** The e-mail: subject and a plain-text body an admin reads on a phone at 02:01. */
export function emailText(message: NotificationMessage): { subject: string; text: string } {
  const lines = [`${message.title} (on ${message.host}, ${message.at})`, '', message.text, ''];
  const row = (label: string, value: string) => lines.push(`${`${label}:`.padEnd(10)} ${value}`);
  if (message.job) {
    row('Job', `${message.job.name} (${message.job.id})`);
    row(
      'Schedule',
      `${message.job.schedule} (${message.job.scheduleDescription}${message.job.schedule.startsWith('every') ? '' : `, ${message.job.timezone}`})`,
    );
  }
  if (message.check) row('Check', `${message.check.name} (${message.check.id}, runs elsewhere)`);
  const run = message.run;
  if (run) {
    const how = run.exitCode !== null ? `exit code ${run.exitCode}` : run.signal ? `signal ${run.signal}` : run.status;
    row('Run', `${run.id} (${run.trigger}${run.attempt > 1 ? `, attempt ${run.attempt}` : ''}), ${run.status}, ${how}`);
    if (run.durationMs !== null)
      row(
        'Duration',
        run.durationMs < 60_000
          ? `${(run.durationMs / 1000).toFixed(1)} s`
          : formatDuration(Math.round(run.durationMs / 1000) * 1000),
      );
    if (run.reason) row('Why', run.reason);
    if (run.outputTail.length > 0) {
      lines.push('', `Last ${run.outputTail.length === 1 ? 'line' : `${run.outputTail.length} lines`} of output:`);
      for (const line of run.outputTail) lines.push(`    ${line}`);
    } else {
      lines.push('', 'It printed nothing.');
    }
  }
  if (message.subjects.length > 0) {
    lines.push('', ...message.subjects.map((subject) => `  - ${subject}`));
  }
  if (message.seeMore) lines.push('', `The whole output: ${message.seeMore}`);
  lines.push('', '-- ', 'Cronbar');
  return { subject: `[cronbar] ${message.title}`, text: `${lines.join('\n')}\n` };
}

/** The phone's notification: the title, and the one line plus the last three lines of output. */
export function shortText(message: NotificationMessage): string {
  const tail = message.run?.outputTail.slice(-3) ?? [];
  const subjects = message.subjects.length > 0 ? [message.subjects.join(', ')] : [];
  return [message.text, ...subjects, ...tail].join('\n');
}
