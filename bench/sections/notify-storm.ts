/**
 * What notification channels cost the scheduler: the engine's firing lateness (the import section's measure: 100
 * `* * * * * *` jobs on the real engine and store, a no-op runner) while 1 000 failures arrive within the window as
 * `run:finished` events, with the notifier of a daemon (core/notify/notifier.ts, its SQLite queue on a file) wired
 * to real loopback receivers — a mail server (smtp-server) and an HTTP server for a webhook and ntfy — against the
 * same window and events with a jobs file that names no channel. Same process, same event loop: the delivery work
 * shows as lateness if it is on the fire path.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { EventName, EventPayload } from '../../shared/api/contract';
import type { RunRecord } from '../../shared/model';
import { parseJobsText } from '../../electron/core/config/load-jobs-file';
import { createNotifier } from '../../electron/core/notify/notifier';
import { systemClock } from '../../electron/core/ports';
import { openNotifyStore } from '../../electron/core/store/notify-sqlite';
import { startHttp, startSmtp } from '../../test/helpers/notify-receivers';
import { sleep } from '../harness/probes';
import { type LatenessDuring, latenessDuring } from './import-lateness';

/** The storm's rate: 1 000 failures a minute. */
export const STORM_FAILURES_PER_MINUTE = 1000;
/** The failing jobs, each in turn. */
const STORM_JOBS = 100;

function jobsFile(channels: { smtpPort: number; httpUrl: string } | null): string {
  const jobs = Array.from(
    { length: STORM_JOBS },
    (_, index) => `  - { id: job-${index}, cron: "0 0 1 1 *", command: "false" }\n`,
  ).join('');
  if (!channels) return `jobs:\n${jobs}`;
  return `notifications:
  mail: { email: { to: admin@example.org, from: cronbar@example.org, smtp: { host: 127.0.0.1, port: ${channels.smtpPort} } } }
  hook: { webhook: { url: "${channels.httpUrl}/hook" } }
  phone: { ntfy: { url: "${channels.httpUrl}/alerts" } }
defaults:
  notify: { channels: [mail, hook, phone] }
jobs:
${jobs}`;
}

async function stormWith(
  yaml: string,
  windowMs: number,
): Promise<{ lateness: LatenessDuring; queued: number; failures: number }> {
  const failures = Math.round((STORM_FAILURES_PER_MINUTE * windowMs) / 60_000);
  const dir = mkdtempSync(path.resolve('bench/tmp', 'notify-storm-'));
  const dbPath = path.join(dir, 'cronbar.db');
  const parsed = parseJobsText(yaml);
  if (!parsed.ok) throw new Error(`the storm's jobs file does not parse: ${parsed.issues[0]!.message}`);
  const config = parsed.config;
  const runs = new Map<number, RunRecord>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const notifier = createNotifier({
    dbPath,
    clock: systemClock,
    log: () => {},
    config: () => config,
    store: {
      getRun: (id) => runs.get(id) ?? null,
      getRunOutput: (id) => ({ runId: id, text: 'rsync: disk full\n', totalBytes: 17, truncated: false }),
    },
    on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: unknown) => void);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  });
  const emit = (run: RunRecord) => {
    for (const listener of listeners.get('run:finished') ?? []) listener(run);
  };
  try {
    const lateness = await latenessDuring(async () => {
      const every = windowMs / failures;
      const started = performance.now();
      for (let index = 0; index < failures; index++) {
        const due = started + index * every;
        const wait = due - performance.now();
        if (wait > 1) await sleep(wait);
        const now = Date.now();
        const run: RunRecord = {
          id: index + 1,
          jobId: `job-${index % STORM_JOBS}`,
          trigger: 'schedule',
          status: 'failed',
          scheduledFor: now - 1000,
          createdAt: now - 1000,
          startedAt: now - 1000,
          finishedAt: now,
          reason: null,
          exitCode: 1,
          signal: null,
          outputBytes: 17,
          attempt: 1,
          retryOf: null,
          pid: null,
        };
        runs.set(run.id, run);
        emit(run);
      }
      await sleep(Math.max(0, started + windowMs - performance.now()));
    });
    await notifier.idle();
    await notifier.stop();
    const queue = openNotifyStore(dbPath);
    const queued = queue.recent(100_000).length;
    queue.close();
    return { lateness, queued, failures };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface NotifyStormResult {
  windowMs: number;
  /** Each condition's windows, interleaved (without, with, without, with…): a stall of the shared machine hits one. */
  withoutChannels: LatenessDuring[];
  withChannels: LatenessDuring[];
  failures: number;
  /** Messages the channels queued (and sent) for the storms. */
  queued: number;
  mails: number;
  httpRequests: number;
}

export async function notifyStorm(windowMs: number, rounds: number): Promise<NotifyStormResult> {
  const [smtp, http] = await Promise.all([startSmtp(), startHttp()]);
  const result: NotifyStormResult = {
    windowMs,
    withoutChannels: [],
    withChannels: [],
    failures: 0,
    queued: 0,
    mails: 0,
    httpRequests: 0,
  };
  try {
    for (let round = 0; round < rounds; round++) {
      const without = await stormWith(jobsFile(null), windowMs);
      result.withoutChannels.push(without.lateness);
      const withChannels = await stormWith(jobsFile({ smtpPort: smtp.port, httpUrl: http.url }), windowMs);
      result.withChannels.push(withChannels.lateness);
      result.failures += withChannels.failures;
      result.queued += withChannels.queued;
    }
    result.mails = smtp.mails.length;
    result.httpRequests = http.requests.length;
    return result;
  } finally {
    await Promise.all([smtp.stop(), http.close()]);
  }
}
