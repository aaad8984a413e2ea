/**
 * History: how fast run records go in, how fast one page (50 rows) comes back with a million rows in the DB, and what
 * a million rows cost on disk. Subjects: Cronbar's store (its real schema, indexes and WAL settings, in a temporary
 * file), and the floor, a bare SQLite table with the one index a page query needs and the same pragmas.
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { RunStatus } from '../../shared/model';
import type { NewRun } from '../../electron/core/ports';
import { openStore } from '../../electron/core/store/open-store';
import { childOptions, reportPhase, runChild } from '../harness/child-protocol';
import { spread } from '../harness/stats';

export interface HistoryOptions {
  subject: 'cronbar' | 'sqlite-floor';
  rows: number;
  jobs: number;
  /** How many single-row inserts (each its own commit) to time. */
  singleInserts: number;
  queries: number;
}

export interface HistoryResult {
  rows: number;
  singleInsertsPerSecond: number;
  batchedInsertsPerSecond: number;
  jobPageMs: ReturnType<typeof spread>;
  allJobsPageMs: ReturnType<typeof spread>;
  /** Main file plus WAL after the connection closed (SQLite checkpoints on close). */
  diskBytes: number;
}

const STATUSES: RunStatus[] = [
  'succeeded',
  'succeeded',
  'succeeded',
  'succeeded',
  'failed',
  'skipped',
  'timed-out',
  'missed',
];
const BATCH = 10_000;

/** The bench's stand-in for a store: what each subject has to offer. */
interface HistorySubject {
  insertOne(run: NewRun): void;
  insertMany(runs: NewRun[]): void;
  jobPage(jobId: string): number;
  allJobsPage(): number;
  close(): void;
}

function cronbarStore(path: string): HistorySubject {
  const store = openStore(path);
  return {
    insertOne: (run) => void store.insertRun(run),
    insertMany: (runs) => void store.insertRuns(runs),
    jobPage: (jobId) => store.history({ jobId, limit: 50 }).runs.length,
    allJobsPage: () => store.history({ limit: 50 }).runs.length,
    close: () => store.close(),
  };
}

function sqliteFloor(path: string): HistorySubject {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE runs (id INTEGER PRIMARY KEY, job TEXT NOT NULL, status TEXT NOT NULL, scheduled_for INTEGER,
    created_at INTEGER NOT NULL, started_at INTEGER, finished_at INTEGER);
    CREATE INDEX runs_by_job ON runs (job, id);`);
  const insert = db.prepare(
    'INSERT INTO runs (job, status, scheduled_for, created_at, started_at, finished_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const values = (run: NewRun) => [
    run.jobId,
    run.status,
    run.scheduledFor,
    run.createdAt,
    run.startedAt ?? null,
    run.finishedAt ?? null,
  ];
  const many = db.transaction((runs: NewRun[]) => runs.forEach((run) => insert.run(...values(run))));
  const byJob = db.prepare('SELECT * FROM runs WHERE job = ? ORDER BY id DESC LIMIT 50');
  const all = db.prepare('SELECT * FROM runs ORDER BY id DESC LIMIT 50');
  return {
    insertOne: (run) => void insert.run(...values(run)),
    insertMany: (runs) => many(runs),
    jobPage: (jobId) => byJob.all(jobId).length,
    allJobsPage: () => all.all().length,
    close: () => db.close(),
  };
}

function runAt(index: number, jobs: number, base: number): NewRun {
  const createdAt = base + index * 1000;
  return {
    jobId: `job-${index % jobs}`,
    trigger: 'schedule',
    status: STATUSES[index % STATUSES.length]!,
    scheduledFor: createdAt,
    createdAt,
    startedAt: createdAt + 2,
    finishedAt: createdAt + 1500,
    reason: null,
  };
}

function timeEach(count: number, body: (i: number) => number): ReturnType<typeof spread> {
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const start = performance.now();
    const got = body(i);
    times.push(performance.now() - start);
    if (got !== 50) throw new Error(`a history page returned ${got} rows instead of 50`);
  }
  return spread(times);
}

runChild(async (): Promise<HistoryResult> => {
  const options = childOptions<HistoryOptions>();
  const dir = resolve('bench/tmp', `history-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const dbPath = join(dir, 'history.db');
  try {
    const subject = options.subject === 'cronbar' ? cronbarStore(dbPath) : sqliteFloor(dbPath);
    const base = Date.UTC(2026, 0, 1);
    let next = 0;

    reportPhase('single-inserts');
    const singleStart = performance.now();
    for (let i = 0; i < options.singleInserts; i += 1) subject.insertOne(runAt(next++, options.jobs, base));
    const singleInsertsPerSecond = options.singleInserts / ((performance.now() - singleStart) / 1000);

    reportPhase('filling');
    const fillStart = performance.now();
    let filled = 0;
    while (next < options.rows) {
      const count = Math.min(BATCH, options.rows - next);
      subject.insertMany(Array.from({ length: count }, () => runAt(next++, options.jobs, base)));
      filled += count;
    }
    const batchedInsertsPerSecond = filled / ((performance.now() - fillStart) / 1000);

    reportPhase('querying');
    // Warm the statement caches once, as a window that is open has done.
    subject.jobPage('job-0');
    subject.allJobsPage();
    const jobPageMs = timeEach(options.queries, (i) => subject.jobPage(`job-${(i * 7919) % options.jobs}`));
    const allJobsPageMs = timeEach(options.queries, () => subject.allJobsPage());
    subject.close();

    const size = (path: string) => {
      try {
        return statSync(path).size;
      } catch {
        return 0;
      }
    };
    return {
      rows: next,
      singleInsertsPerSecond,
      batchedInsertsPerSecond,
      jobPageMs,
      allJobsPageMs,
      diskBytes: size(dbPath) + size(`${dbPath}-wal`),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
