/**
 * The schema, as an ordered list of steps. A DB records how far it got in `PRAGMA user_version`; opening applies the
 * missing steps, each in its own transaction (so a failed step leaves the DB at the previous version), and refuses a
 * DB from a newer Cronbar rather than guess at columns it does not know.
 *
 * Never edit a step that has shipped: append a new one.
 */
import type Database from 'better-sqlite3';
import { StoreError } from './store-error';

export interface Migration {
  /** The user_version the DB has after this step. Steps are numbered 1, 2, 3, … without gaps. */
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'job state, settings, runs and their output',
    sql: `
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE job_state (
        job_id TEXT PRIMARY KEY,
        last_fire_at INTEGER,
        next_fire_at INTEGER,
        paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
        paused_until INTEGER,
        schedule_key TEXT,
        anchor_at INTEGER
      ) WITHOUT ROWID;

      -- Runs name their job by a small integer: a million rows (and their indexes) should not repeat the job id text.
      CREATE TABLE job_keys (
        key INTEGER PRIMARY KEY,
        job_id TEXT NOT NULL UNIQUE
      );

      -- AUTOINCREMENT: a run id is never reused after pruning, so "run 41" in a log or a retry chain stays unambiguous.
      -- trigger and status are small codes (run-rows.ts); times are epoch ms.
      CREATE TABLE runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        job_key INTEGER NOT NULL REFERENCES job_keys (key),
        trigger INTEGER NOT NULL CHECK (trigger BETWEEN 0 AND 15),
        status INTEGER NOT NULL CHECK (status BETWEEN 0 AND 15),
        scheduled_for INTEGER,
        created_at INTEGER NOT NULL,
        started_at INTEGER,
        finished_at INTEGER,
        reason TEXT,
        exit_code INTEGER,
        signal TEXT,
        output_bytes INTEGER NOT NULL DEFAULT 0,
        attempt INTEGER NOT NULL DEFAULT 1,
        retry_of INTEGER,
        pid INTEGER,
        pgid INTEGER
      );
      -- One job's history (merged across statuses), its status filter, and its prune boundary.
      CREATE INDEX runs_by_job_status ON runs (job_key, status, id);
      -- All jobs filtered by status, and the live runs for crash recovery.
      CREATE INDEX runs_by_status ON runs (status, id);

      -- Output lives apart so history pages never read blobs and the runs table stays small.
      CREATE TABLE run_output (
        run_id INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
        data BLOB NOT NULL
      );
    `,
  },
  {
    version: 2,
    description: 'runs record the Cronbar process that executes them',
    // Crash recovery must not touch a run that a live process (a `cronbar run` beside the daemon) is executing.
    // Rows written before this step have no owner (NULL): recovery treats them as abandoned, as it always did.
    sql: 'ALTER TABLE runs ADD COLUMN owner_pid INTEGER;',
  },
  {
    version: 3,
    description: 'check-in pings, scheduler sessions, recorded suspends and clock jumps, expectation start times',
    sql: `
      -- Every ping of a check (cronbar ping / exec, the local API). AUTOINCREMENT: the scheduler reads "pings after
      -- id N" when another process nudges it, so an id must never be reused after pruning.
      CREATE TABLE pings (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        check_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('success', 'start', 'fail', 'exit')),
        at INTEGER NOT NULL,
        exit_code INTEGER,
        message TEXT,
        source TEXT NOT NULL CHECK (source IN ('cli', 'http')),
        output BLOB,
        output_bytes INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX pings_by_check ON pings (check_id, id);

      -- One row per scheduling process (app or daemon). ended: NULL while it runs (or until found dead),
      -- 'clean' on a normal stop, 'crashed' when the next start found it gone without stopping.
      CREATE TABLE sessions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        pid INTEGER NOT NULL,
        kind TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        alive_at INTEGER NOT NULL,
        stopped_at INTEGER,
        ended TEXT CHECK (ended IN ('clean', 'crashed'))
      );

      -- Suspends and clock jumps the app or daemon noticed: the span the machine (or its clock) was away.
      CREATE TABLE clock_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('suspend', 'clock-jump')),
        from_at INTEGER NOT NULL,
        to_at INTEGER NOT NULL,
        reason TEXT
      );
      CREATE INDEX clock_events_by_time ON clock_events (to_at);

      -- For a job with expect: that never succeeded, when it was first seen with that expectation.
      CREATE TABLE expectations (
        job_id TEXT PRIMARY KEY,
        since INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 4,
    description: 'notifications sent to channels (mail, webhook, ntfy, command): a persisted queue and its attempts',
    sql: `
      -- One row per message to one channel. pending: waiting for its next try (next_try_at; reason says why the last
      -- failed); sent; failed (given up); dropped (the queue was full: the oldest gave way). The payload is the message
      -- as built when the event happened (no secrets: those are read when it is sent), so a restart sends the same.
      CREATE TABLE notifications (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        channel TEXT NOT NULL,
        event TEXT NOT NULL,
        subject TEXT,
        run_id INTEGER,
        created_at INTEGER NOT NULL,
        payload TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'dropped')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_try_at INTEGER,
        last_try_at INTEGER,
        reason TEXT
      );
      CREATE INDEX notifications_by_status ON notifications (status, channel, id);
      CREATE INDEX notifications_by_run ON notifications (run_id) WHERE run_id IS NOT NULL;
    `,
  },
  {
    version: 5,
    description: 'the jobs file history: every change with its texts, who made it and what moved',
    sql: `
      -- One row per change of the jobs file. AUTOINCREMENT: "revision 12" in a log or a revert stays unambiguous after
      -- pruning. The small columns come first so a log reads no page of the texts. summary and moves are JSON
      -- (shared/config-history.ts); origin says who changed it (outside: an edit Cronbar did not make).
      CREATE TABLE config_revisions (
        rev INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('app', 'cli', 'api', 'mcp', 'outside')),
        before_version TEXT NOT NULL,
        after_version TEXT NOT NULL,
        valid INTEGER NOT NULL CHECK (valid IN (0, 1)),
        summary TEXT NOT NULL,
        moves TEXT NOT NULL,
        before_text TEXT NOT NULL,
        after_text TEXT NOT NULL
      );
      CREATE INDEX config_revisions_by_time ON config_revisions (at);

      -- The text the history first saw, before any revision: the "before" of the first outside edit.
      CREATE TABLE config_baseline (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        at INTEGER NOT NULL,
        version TEXT NOT NULL,
        text TEXT NOT NULL
      );
    `,
  },
  {
    version: 6,
    description: "chain runs (after:) record their parent's run",
    // Rows written before this step are no chain runs: NULL. The index finds a parent run's children for the window.
    sql: `
      ALTER TABLE runs ADD COLUMN parent_run_id INTEGER;
      CREATE INDEX runs_by_parent ON runs (parent_run_id) WHERE parent_run_id IS NOT NULL;
    `,
  },
];

export const LATEST_VERSION = MIGRATIONS.length;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Fails when the DB is from a newer Cronbar; returns its version otherwise. */
export function checkNotNewer(
  db: Database.Database,
  dbPath: string,
  migrations: readonly Migration[] = MIGRATIONS,
): number {
  const version = schemaVersion(db);
  refuseNewer(version, dbPath, migrations.length);
  return version;
}

/** Fails when `version` (read by the caller) is beyond the `known` steps: a newer Cronbar wrote the DB. */
export function refuseNewer(version: number, dbPath: string, known: number = MIGRATIONS.length): void {
  if (version > known) {
    throw new StoreError(
      dbPath,
      `the database is at schema version ${version}, but this Cronbar knows only up to ${known}: it was written by a newer Cronbar. ` +
        'Upgrade Cronbar, or point it at another data directory.',
    );
  }
}

/** Applies the missing steps; returns the versions it applied (empty when the DB was up to date). */
export function migrate(
  db: Database.Database,
  dbPath: string,
  migrations: readonly Migration[] = MIGRATIONS,
): number[] {
  migrations.forEach((step, index) => {
    if (step.version !== index + 1)
      throw new Error(`migration list out of order: step ${index + 1} says version ${step.version}`);
  });
  const applied: number[] = [];
  // Up to date (every start but the first after an upgrade): no write lock taken per step.
  if (checkNotNewer(db, dbPath, migrations) === migrations.length) return applied;
  for (const step of migrations) {
    try {
      // IMMEDIATE takes the write lock before reading the version, so two processes opening a fresh DB at once do not
      // both apply a step. user_version lives in the DB header, written inside the transaction: step and number commit together.
      const ran = db
        .transaction(() => {
          if (schemaVersion(db) >= step.version) return false;
          db.exec(step.sql);
          db.pragma(`user_version = ${step.version}`);
          return true;
        })
        .immediate();
      if (ran) applied.push(step.version);
    } catch (error) {
      throw new StoreError(
        dbPath,
        `upgrading the schema to version ${step.version} (${step.description}) failed; the database was left at version ${schemaVersion(db)}`,
        error,
      );
    }
  }
  return applied;
}
