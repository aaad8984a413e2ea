/**
 * The channel notifier (core/notify/notifier.ts) on a fake clock, a jobs file's config and a hand-driven event bus:
 * a test says which runs finished and when, and reads the queue the notifier wrote.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EventName, EventPayload } from '../../shared/api/contract';
import type { JobsConfig } from '../../shared/config/schema';
import type { RunRecord } from '../../shared/model';
import { parseJobsText } from '../../electron/core/config/load-jobs-file';
import { type Notifier, type NotifierOptions, createNotifier } from '../../electron/core/notify/notifier';
import { type NotifyQueueStore, openNotifyStore } from '../../electron/core/store/notify-sqlite';
import { FakeClock } from './fake-clock';
import { makeRun } from './model-builders';

export function parsedConfig(yaml: string, timezone?: string): JobsConfig {
  const parsed = parseJobsText(yaml, timezone === undefined ? {} : { timezone });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues, null, 2));
  return parsed.config;
}

export interface NotifierHarness {
  clock: FakeClock;
  notifier: Notifier;
  log: string[];
  /** The notifier's queue, read through a second connection as `cronbar notify list` does. */
  queue: NotifyQueueStore;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** A finished run of `jobId` (stored, so the message can read it), emitted as run:finished. */
  finish(jobId: string, status: RunRecord['status'], output?: string): RunRecord;
  /** Moves the clock and lets the sends it started end. */
  advance(ms: number): Promise<void>;
  close(): Promise<void>;
}

export function startNotifier(
  yaml: string,
  options: Partial<Pick<NotifierOptions, 'queueLimit' | 'env' | 'failureStreaks' | 'digestFacts'>> & {
    start?: string;
    timezone?: string;
  } = {},
): NotifierHarness {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-notifier-'));
  const dbPath = path.join(dir, 'cronbar.db');
  const clock = new FakeClock(options.start ?? '2026-03-01T01:00:00Z');
  const config = parsedConfig(yaml, options.timezone);
  const runs = new Map<number, { run: RunRecord; output: string }>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const log: string[] = [];
  let nextRunId = 1;
  const notifier = createNotifier({
    dbPath,
    clock,
    log: (line) => log.push(line),
    config: () => config,
    store: {
      getRun: (id) => runs.get(id)?.run ?? null,
      getRunOutput: (id) => {
        const stored = runs.get(id);
        return stored ? { runId: id, text: stored.output, truncated: false, totalBytes: stored.output.length } : null;
      },
    } as NotifierOptions['store'],
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: unknown) => void);
      return () => set.delete(listener as (payload: unknown) => void);
    },
    ...(options.queueLimit === undefined ? {} : { queueLimit: options.queueLimit }),
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(options.failureStreaks === undefined ? {} : { failureStreaks: options.failureStreaks }),
    ...(options.digestFacts === undefined ? {} : { digestFacts: options.digestFacts }),
  });
  const queue = openNotifyStore(dbPath);
  const harness: NotifierHarness = {
    clock,
    notifier,
    log,
    queue,
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
    finish(jobId, status, output = '') {
      const now = clock.now();
      const run = makeRun({
        id: nextRunId++,
        jobId,
        status,
        exitCode: status === 'failed' ? 1 : status === 'succeeded' ? 0 : null,
        createdAt: now - 1000,
        startedAt: now - 1000,
        finishedAt: now,
        outputBytes: Buffer.byteLength(output),
      });
      runs.set(run.id, { run, output });
      harness.emit('run:finished', run);
      return run;
    },
    async advance(ms) {
      await new Promise((resolve) => setImmediate(resolve));
      await clock.advanceAsync(ms);
      await notifier.idle();
    },
    async close() {
      await notifier.stop();
      queue.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}
