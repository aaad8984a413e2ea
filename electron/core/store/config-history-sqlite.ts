/**
 * The jobs file's history on its own connection to the Cronbar DB (migration 5): one row per change with both texts,
 * and the baseline text the history started from. Several processes record into it (the CLI's writes, the scheduler's
 * watcher): a change is recorded once, by whoever records its resulting text first, inside a write-locked
 * transaction; a writer that knows it made a change the watcher recorded as "outside" claims it.
 */
import type Database from 'better-sqlite3';
import type {
  ConfigOrigin,
  ConfigRevision,
  ConfigRevisionEntry,
  ConfigSummary,
  WhatMoves,
} from '../../../shared/config-history';
import { openSideConnection } from './side-connection';

const DAY_MS = 86_400_000;
const ENTRY_COLUMNS = 'rev, at, origin, before_version, after_version, valid, summary';

export interface NewRevision {
  at: number;
  origin: ConfigOrigin;
  beforeVersion: string;
  afterVersion: string;
  beforeText: string;
  afterText: string;
  valid: boolean;
  moves: WhatMoves;
}

export interface ConfigHistoryStore {
  /** The version of the newest text the history knows (the newest revision's result, else the baseline). */
  lastSeenVersion(): string | null;
  /** That text itself. */
  lastSeenText(): string | null;
  /** The newest text that parsed (a revision's result, else the baseline), for a change from a broken file. */
  lastValidText(): string | null;
  /** Remembers the first text seen; does nothing once there is a baseline. */
  setBaseline(at: number, version: string, text: string): void;
  /**
   * Records a change unless its result is already the newest text (another process recorded it): then an `outside`
   * record of it is claimed by the origin given. Returns the new revision, or null when nothing was added.
   */
  record(revision: NewRevision): number | null;
  /** Removes a revision recorded for a write that then failed. */
  remove(rev: number): void;
  /** Newest first; `jobId` keeps the changes that added, removed or changed that job. */
  log(query: { jobId?: string; before?: number; limit: number }): ConfigRevisionEntry[];
  get(rev: number): ConfigRevision | null;
  /** Deletes revisions beyond the newest `keepRevisions` or older than `keepDays`; the newest always stays. */
  prune(options: { keepRevisions: number; keepDays: number; now: number }): number;
  close(): void;
}

interface EntryRow {
  rev: number;
  at: number;
  origin: ConfigOrigin;
  before_version: string;
  after_version: string;
  valid: number;
  summary: string;
}

type RevisionRow = EntryRow & { moves: string; before_text: string; after_text: string };

const toEntry = (row: EntryRow): ConfigRevisionEntry => ({
  rev: row.rev,
  at: row.at,
  origin: row.origin,
  beforeVersion: row.before_version,
  afterVersion: row.after_version,
  valid: row.valid === 1,
  summary: JSON.parse(row.summary) as ConfigSummary,
});

export function openConfigHistoryStore(dbPath: string, options: { nativeBinding?: string } = {}): ConfigHistoryStore {
  const db = openSideConnection(dbPath, options, 'the jobs file history');
  return sqliteConfigHistoryStore(db);
}

export function sqliteConfigHistoryStore(db: Database.Database): ConfigHistoryStore {
  const q = {
    newest: db.prepare('SELECT rev, origin, after_version FROM config_revisions ORDER BY rev DESC LIMIT 1'),
    newestText: db.prepare('SELECT after_text FROM config_revisions ORDER BY rev DESC LIMIT 1').pluck(),
    newestValidText: db
      .prepare('SELECT after_text FROM config_revisions WHERE valid = 1 ORDER BY rev DESC LIMIT 1')
      .pluck(),
    baseline: db.prepare('SELECT version, text FROM config_baseline WHERE id = 1'),
    setBaseline: db.prepare('INSERT OR IGNORE INTO config_baseline (id, at, version, text) VALUES (1, ?, ?, ?)'),
    insert: db.prepare(
      'INSERT INTO config_revisions (at, origin, before_version, after_version, valid, summary, moves, before_text, after_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    claim: db.prepare("UPDATE config_revisions SET origin = ? WHERE rev = ? AND origin = 'outside'"),
    remove: db.prepare('DELETE FROM config_revisions WHERE rev = ?'),
    log: db.prepare(`SELECT ${ENTRY_COLUMNS} FROM config_revisions WHERE rev < ? ORDER BY rev DESC LIMIT ?`),
    // The summary names every job a change touched; json_each reads it without the texts.
    logForJob: db.prepare(
      `SELECT ${ENTRY_COLUMNS} FROM config_revisions WHERE rev < @below AND EXISTS (
         SELECT 1 FROM json_each(summary, '$.added') WHERE value = @job
         UNION ALL SELECT 1 FROM json_each(summary, '$.removed') WHERE value = @job
         UNION ALL SELECT 1 FROM json_each(summary, '$.changed') WHERE json_extract(value, '$.id') = @job
       ) ORDER BY rev DESC LIMIT @limit`,
    ),
    get: db.prepare('SELECT * FROM config_revisions WHERE rev = ?'),
    pruneBoundary: db.prepare('SELECT rev FROM config_revisions ORDER BY rev DESC LIMIT 1 OFFSET ?').pluck(),
    prune: db.prepare(
      'DELETE FROM config_revisions WHERE (rev <= ? OR at < ?) AND rev < (SELECT max(rev) FROM config_revisions)',
    ),
  };

  const newest = () => q.newest.get() as { rev: number; origin: ConfigOrigin; after_version: string } | undefined;
  const baseline = () => q.baseline.get() as { version: string; text: string } | undefined;

  const record = db.transaction((revision: NewRevision): number | null => {
    const last = newest();
    const lastVersion = last?.after_version ?? baseline()?.version ?? null;
    if (lastVersion === revision.afterVersion) {
      if (last && last.origin === 'outside' && revision.origin !== 'outside') q.claim.run(revision.origin, last.rev);
      return null;
    }
    return Number(
      q.insert.run(
        revision.at,
        revision.origin,
        revision.beforeVersion,
        revision.afterVersion,
        revision.valid ? 1 : 0,
        JSON.stringify(revision.moves.summary),
        JSON.stringify(revision.moves),
        revision.beforeText,
        revision.afterText,
      ).lastInsertRowid,
    );
  });

  return {
    lastSeenVersion: () => newest()?.after_version ?? baseline()?.version ?? null,
    lastSeenText: () => (q.newestText.get() as string | undefined) ?? baseline()?.text ?? null,
    lastValidText: () => (q.newestValidText.get() as string | undefined) ?? baseline()?.text ?? null,
    setBaseline: (at, version, text) => void q.setBaseline.run(at, version, text),
    // Immediate: what the check reads is still true when the row goes in, whichever process records first.
    record: (revision) => record.immediate(revision),
    remove: (rev) => void q.remove.run(rev),
    log: ({ jobId, before, limit }) => {
      const below = before ?? Number.MAX_SAFE_INTEGER;
      const rows = jobId === undefined ? q.log.all(below, limit) : q.logForJob.all({ below, job: jobId, limit });
      return (rows as EntryRow[]).map(toEntry);
    },
    get: (rev) => {
      const row = q.get.get(rev) as RevisionRow | undefined;
      if (!row) return null;
      return {
        ...toEntry(row),
        beforeText: row.before_text,
        afterText: row.after_text,
        moves: JSON.parse(row.moves) as WhatMoves,
      };
    },
    prune: ({ keepRevisions, keepDays, now }) => {
      const boundary = (q.pruneBoundary.get(keepRevisions) as number | undefined) ?? 0;
      return q.prune.run(boundary, now - keepDays * DAY_MS).changes;
    },
    close: () => db.close(),
  };
}
