/**
 * The daily digest: what the last 24 hours were (runs ok, failed, missed; jobs overdue; runs slower than their
 * warnAfter), the jobs that need attention first, and the disk the history takes. `composeDigest` is pure (facts in,
 * one message out); `nextDigestAt` finds the next local time of day; the notifier arms one timer on the injected clock.
 */
import os from 'node:os';
import { Cron } from 'croner';
import type { DigestSpec } from '../../../shared/config/digest-schema';
import type { RunRecord } from '../../../shared/model';
import { type NotificationMessage, PAYLOAD_VERSION } from './message';

export const DIGEST_WINDOW_MS = 24 * 3_600_000;

export interface DigestJob {
  id: string;
  name: string;
  /** Failed runs in a row now. */
  failureStreak: number;
  /** Why it is overdue now (null: it is not). */
  overdue: string | null;
  warnAfterMs: number | null;
}

export interface DigestFacts {
  now: number;
  jobs: DigestJob[];
  /** Runs created in the last 24 hours. */
  runs: RunRecord[];
  /** The bytes of the database and its write-ahead log. */
  historyBytes: number;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

export function composeDigest(facts: DigestFacts): NotificationMessage {
  const since = facts.now - DIGEST_WINDOW_MS;
  const runs = facts.runs.filter((run) => run.createdAt >= since);
  const byJob = new Map<string, RunRecord[]>();
  for (const run of runs) byJob.set(run.jobId, [...(byJob.get(run.jobId) ?? []), run]);
  const isFailed = (run: RunRecord) => run.status === 'failed' || run.status === 'timed-out';
  const warnOf = new Map(facts.jobs.map((job) => [job.id, job.warnAfterMs]));
  const isSlow = (run: RunRecord) => {
    const warn = warnOf.get(run.jobId);
    return warn != null && run.startedAt !== null && run.finishedAt !== null && run.finishedAt - run.startedAt > warn;
  };
  const count = (test: (run: RunRecord) => boolean) => runs.filter(test).length;
  const ok = count((run) => run.status === 'succeeded');
  const failed = count(isFailed);
  const missed = count((run) => run.status === 'missed');
  const slow = count(isSlow);
  const overdue = facts.jobs.filter((job) => job.overdue !== null).length;

  // Failing now outranks overdue, which outranks failures that are over, missed and slow runs.
  const attention: Array<{ rank: number; line: string }> = [];
  for (const job of facts.jobs) {
    const own = byJob.get(job.id) ?? [];
    const words: string[] = [];
    let rank = 9;
    if (job.failureStreak > 0) {
      words.push(`failing (${job.failureStreak} in a row)`);
      rank = 0;
    }
    if (job.overdue !== null) {
      words.push(`overdue: ${job.overdue}`);
      rank = Math.min(rank, 1);
    }
    const jobFailed = own.filter(isFailed).length;
    if (jobFailed > 0) {
      words.push(`${jobFailed} of ${plural(own.length, 'run')} failed`);
      rank = Math.min(rank, 2);
    }
    const jobMissed = own.filter((run) => run.status === 'missed').length;
    if (jobMissed > 0) {
      words.push(`${jobMissed} missed`);
      rank = Math.min(rank, 3);
    }
    const jobSlow = own.filter(isSlow).length;
    if (jobSlow > 0) {
      words.push(`${jobSlow} slow`);
      rank = Math.min(rank, 4);
    }
    if (words.length > 0) attention.push({ rank, line: `${job.name}: ${words.join(', ')}` });
  }
  attention.sort((a, b) => a.rank - b.rank);
  const title =
    attention.length === 0
      ? `Cronbar daily digest: all ${plural(facts.jobs.length, 'job')} well`
      : `Cronbar daily digest: ${plural(attention.length, 'job')} ${attention.length === 1 ? 'needs' : 'need'} attention`;
  const text = `Last 24 h: ${ok} ok, ${failed} failed, ${missed} missed, ${overdue} overdue, ${slow} slow; the history takes ${formatBytes(facts.historyBytes)}`;
  return {
    version: PAYLOAD_VERSION,
    event: 'digest',
    kind: 'digest',
    title,
    text,
    at: new Date(facts.now).toISOString(),
    host: os.hostname(),
    job: null,
    check: null,
    run: null,
    subjects: attention.map((entry) => entry.line),
    seeMore: attention.length > 0 ? 'cronbar status' : null,
  };
}

/** The first moment after `after` when the digest's local time of day comes. */
export function nextDigestAt(digest: DigestSpec, after: number): number {
  const cron = new Cron(`${digest.minute} ${digest.hour} * * *`, { timezone: digest.timezone, paused: true });
  const next = cron.nextRun(new Date(after));
  cron.stop();
  return next!.getTime();
}
