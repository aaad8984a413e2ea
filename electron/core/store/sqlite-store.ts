/**
 * The Store on one better-sqlite3 connection. Synchronous on purpose: the engine records a decision and acts on it in
 * the same tick, and every call is a few indexed statements. Statements are prepared once and reused; the few whose
 * SQL depends on the call's shape (history filters, which fields a patch sets) are cached per shape.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import type { RunOutput, RunRecord } from '../../../shared/model';
import type { HistoryQuery, JobStateRow, LiveRunRow, NewRun, RunPatch, Store } from '../ports';
import { createPrivateFile, makePrivateDir } from './data-dir-modes';
import { historyBindings, historyShapeKey, historySql } from './history-sql';
import {
  FINAL_STATUS_CODES,
  INSERT_RUN_COLUMNS,
  LIVE_STATUS_CODES,
  RUN_COLUMNS,
  RunInputError,
  type RunRow,
  STATUS_CODES,
  decodeOutput,
  newRunId,
  newRunRecord,
  rowToRun,
} from './run-rows';
import { StoreError } from './store-error';
import {
  type ValidPatch,
  finiteTime,
  nonNegativeInteger,
  optionalText,
  optionalTime,
  positiveInteger,
  requireJobId,
  statusCode,
  validNewRun,
  validPatch,
} from './store-input';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Larger than any run id will be: the cursor of a first page. */
const NO_CURSOR = Number.MAX_SAFE_INTEGER;
const ALL_STATUS_CODES: readonly number[] = Object.values(STATUS_CODES);
/** The row is `queued` or `running`. */
const IS_LIVE = `status IN (${LIVE_STATUS_CODES.join(', ')})`;

interface JobStateDbRow {
  job_id: string;
  last_fire_at: number | null;
  next_fire_at: number | null;
  paused: number;
  paused_until: number | null;
  schedule_key: string | null;
  anchor_at: number | null;
}

type Statement = Database.Statement<unknown[], unknown>;

export class SqliteStore implements Store {
  readonly #db: Database.Database;
  readonly #sql;
  readonly #historyStatements = new Map<string, Statement>();
  readonly #updateStatements = new Map<string, Statement>();
  readonly #reserve: (count: number) => number;
  #prune: Record<'jobKeys' | 'boundary' | 'clearBounds' | 'addBound' | 'remove', Statement> | null = null;
  // Job ids are few and never renamed, so both directions are cached. A key written in a transaction that then rolls
  // back would be a lie, so the caches are dropped whenever a transaction fails (see #atomic).
  readonly #keyByJobId = new Map<string, number>();
  readonly #jobIdByKey = new Map<number, string>();

  constructor(
    db: Database.Database,
    readonly path: string,
  ) {
    this.#db = db;
    const prepare = (sql: string) => db.prepare(sql) as Statement;
    this.#sql = {
      getJobState: prepare('SELECT * FROM job_state WHERE job_id = ?'),
      allJobStates: prepare('SELECT * FROM job_state ORDER BY job_id'),
      saveJobState: prepare(
        `INSERT OR REPLACE INTO job_state (job_id, last_fire_at, next_fire_at, paused, paused_until, schedule_key, anchor_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      deleteJobState: prepare('DELETE FROM job_state WHERE job_id = ?'),
      getSetting: prepare('SELECT value FROM settings WHERE key = ?'),
      setSetting: prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)'),
      deleteSetting: prepare('DELETE FROM settings WHERE key = ?'),
      keyOfJob: prepare('SELECT key FROM job_keys WHERE job_id = ?'),
      jobOfKey: prepare('SELECT job_id FROM job_keys WHERE key = ?'),
      addJobKey: prepare('INSERT INTO job_keys (job_id) VALUES (?)'),
      insertRun: prepare(
        `INSERT INTO runs (${INSERT_RUN_COLUMNS}) VALUES (${INSERT_RUN_COLUMNS.split(',')
          .map(() => '?')
          .join(', ')})`,
      ),
      getRun: prepare(`SELECT ${RUN_COLUMNS} FROM runs WHERE id = ?`),
      // Walks the job's rows on (job_key, status, id): a diagnostic question, asked once, needs no index of its own.
      runsScheduledFrom: prepare(
        `SELECT ${RUN_COLUMNS} FROM runs WHERE job_key = ? AND scheduled_for >= ? ORDER BY scheduled_for, id LIMIT ?`,
      ),
      getLiveRun: prepare(`SELECT ${RUN_COLUMNS} FROM runs WHERE id = ? AND ${IS_LIVE}`),
      getOutput: prepare(
        'SELECT runs.output_bytes AS output_bytes, run_output.data AS data FROM runs LEFT JOIN run_output ON run_output.run_id = runs.id WHERE runs.id = ?',
      ),
      setOutput: prepare('INSERT OR REPLACE INTO run_output (run_id, data) VALUES (?, ?)'),
      deleteOutput: prepare('DELETE FROM run_output WHERE run_id = ?'),
      liveRuns: prepare(`SELECT ${RUN_COLUMNS} FROM runs WHERE ${IS_LIVE} ORDER BY id`),
      // Filtered in SQL: the scheduler's own thousands of running rows never become objects.
      liveRunsNotOwnedBy: prepare(
        `SELECT ${RUN_COLUMNS} FROM runs WHERE ${IS_LIVE} AND owner_pid IS NOT ? ORDER BY id`,
      ),
      // AUTOINCREMENT keeps the highest id ever used in sqlite_sequence; a reservation moves it on, so SQLite's own
      // next id (and any other connection's reservation) comes after the reserved block.
      lastRunId: prepare(
        "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'runs'), 0), coalesce((SELECT max(id) FROM runs), 0)) AS id",
      ).pluck(),
      // Per job, one index seek per status for its highest id (runs_by_job_status ends in id): the cost follows the
      // number of jobs, never the length of their histories.
      newestRunPerJob: prepare(
        `SELECT ${RUN_COLUMNS} FROM runs WHERE id IN (SELECT max(${ALL_STATUS_CODES.map(
          (code) => `coalesce((SELECT max(id) FROM runs WHERE job_key = job_keys.key AND status = ${code}), 0)`,
        ).join(', ')}) FROM job_keys)`,
      ),
      moveSequence: prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'runs'"),
      startSequence: prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('runs', ?)"),
    };
    this.#reserve = db
      .transaction((count: number) => {
        const last = this.#sql.lastRunId.get() as number;
        if (this.#sql.moveSequence.run(last + count).changes === 0) this.#sql.startSequence.run(last + count);
        return last + 1;
      })
      // IMMEDIATE: the write lock is taken before the high-water mark is read, so two connections never read the same one.
      .immediate.bind(null);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Job state and settings

  getJobState(jobId: string): JobStateRow | null {
    return this.#guard('getJobState', () => {
      const row = this.#sql.getJobState.get(jobId) as JobStateDbRow | undefined;
      return row ? jobStateFromRow(row) : null;
    });
  }

  allJobStates(): JobStateRow[] {
    return this.#guard('allJobStates', () => (this.#sql.allJobStates.all() as JobStateDbRow[]).map(jobStateFromRow));
  }

  saveJobState(row: JobStateRow): void {
    this.#guard(`saveJobState(${JSON.stringify(row?.jobId)})`, () => {
      requireJobId(row.jobId);
      if (typeof row.paused !== 'boolean')
        throw new RunInputError(`paused must be true or false, got ${JSON.stringify(row.paused)}`);
      this.#sql.saveJobState.run(
        row.jobId,
        optionalTime(row.lastFireAt, 'lastFireAt'),
        optionalTime(row.nextFireAt, 'nextFireAt'),
        row.paused ? 1 : 0,
        optionalTime(row.pausedUntil, 'pausedUntil'),
        optionalText(row.scheduleKey, 'scheduleKey'),
        optionalTime(row.anchorAt, 'anchorAt'),
      );
    });
  }

  deleteJobState(jobId: string): void {
    this.#guard('deleteJobState', () => this.#sql.deleteJobState.run(jobId));
  }

  getSetting(key: string): string | null {
    return this.#guard(
      'getSetting',
      () => (this.#sql.getSetting.get(key) as { value: string } | undefined)?.value ?? null,
    );
  }

  setSetting(key: string, value: string | null): void {
    this.#guard(`setSetting(${JSON.stringify(key)})`, () => {
      if (typeof key !== 'string' || key === '') throw new RunInputError('the setting key must be non-empty text');
      if (value === null) this.#sql.deleteSetting.run(key);
      else if (typeof value === 'string') this.#sql.setSetting.run(key, value);
      else throw new RunInputError(`the value must be text or null, got ${typeof value}`);
    });
  }

  // -------------------------------------------------------------------------------------------------------------
  // Runs

  insertRun(run: NewRun): RunRecord {
    return this.#guard('insertRun', () => {
      const params = validNewRun(run);
      return this.#insertValid(run, params);
    });
  }

  insertRuns(runs: NewRun[]): RunRecord[] {
    return this.#guard('insertRuns', () => {
      // Check every row before writing any, so one bad row leaves nothing half-inserted.
      const params = runs.map((run, index) => {
        try {
          return validNewRun(run);
        } catch (error) {
          if (error instanceof RunInputError) throw new RunInputError(`runs[${index}]: ${error.message}`);
          throw error;
        }
      });
      return this.#atomic(() => runs.map((run, index) => this.#insertValid(run, params[index] as unknown[])));
    });
  }

  reserveRunIds(count: number): number {
    return this.#guard(`reserveRunIds(${count})`, () => this.#reserve(positiveInteger(count, 'count')));
  }

  lastRunId(): number {
    return this.#guard('lastRunId', () => this.#sql.lastRunId.get() as number);
  }

  updateRun(id: number, patch: RunPatch): RunRecord {
    return this.#guard(`updateRun(${id})`, () => {
      const valid = validPatch(patch);
      return this.#atomic(() => this.#applyPatch(id, valid));
    });
  }

  updateRuns(updates: Array<{ id: number; patch: RunPatch }>): RunRecord[] {
    return this.#guard('updateRuns', () => {
      // Check every patch before writing any, so one bad patch leaves nothing half-applied.
      const valid = updates.map(({ patch }, index) => {
        try {
          return validPatch(patch);
        } catch (error) {
          if (error instanceof RunInputError)
            throw new RunInputError(`updates[${index}] (run ${updates[index]!.id}): ${error.message}`);
          throw error;
        }
      });
      return this.#atomic(() => updates.map(({ id }, index) => this.#applyPatch(id, valid[index]!)));
    });
  }

  updateLiveRuns(updates: Array<{ id: number; patch: RunPatch }>): RunRecord[] {
    return this.#guard('updateLiveRuns', () => {
      const valid = updates.map(({ patch }) => validPatch(patch));
      return this.#atomic(() =>
        updates.flatMap(({ id }, index) => {
          const changed = this.#applyPatch(id, valid[index]!, { onlyIfLive: true });
          return changed ? [changed] : [];
        }),
      );
    });
  }

  getRun(id: number): RunRecord | null {
    return this.#guard('getRun', () => {
      const row = this.#sql.getRun.get(id) as RunRow | undefined;
      return row ? this.#toRun(row) : null;
    });
  }

  getRunOutput(id: number): RunOutput | null {
    return this.#guard('getRunOutput', () => {
      const row = this.#sql.getOutput.get(id) as { output_bytes: number; data: Buffer | null } | undefined;
      return row ? decodeOutput(id, row.data, row.output_bytes) : null;
    });
  }

  liveRuns(options: { notOwnedBy?: number } = {}): LiveRunRow[] {
    return this.#guard('liveRuns', () => {
      const rows = (
        options.notOwnedBy === undefined
          ? this.#sql.liveRuns.all()
          : this.#sql.liveRunsNotOwnedBy.all(options.notOwnedBy)
      ) as RunRow[];
      return rows.map((row) => ({ ...this.#toRun(row), pgid: row.pgid, ownerPid: row.owner_pid }));
    });
  }

  history(query: HistoryQuery): { runs: RunRecord[]; nextBefore: number | null } {
    return this.#guard('history', () => {
      const limit = positiveInteger(query.limit, 'limit');
      const before = query.before === undefined ? NO_CURSOR : positiveInteger(query.before, 'before');
      const since = query.since === undefined ? null : finiteTime(query.since, 'since');
      // An empty status list is "no filter", as when every status chip is off in the window.
      const statusCodes = [...new Set((query.statuses ?? []).map((status) => statusCode(status)))];
      let jobKey: number | null = null;
      if (query.jobId !== undefined) {
        jobKey = this.#findJobKey(query.jobId);
        if (jobKey === null) return { runs: [], nextBefore: null };
      }
      const rows = this.#historyPage(jobKey, statusCodes, before, since, limit + 1);
      const runs = rows.slice(0, limit).map((row) => this.#toRun(row));
      return { runs, nextBefore: rows.length > limit ? (runs[runs.length - 1]?.id ?? null) : null };
    });
  }

  recentRuns(jobId: string, limit: number): RunRecord[] {
    return this.#guard('recentRuns', () => {
      const count = positiveInteger(limit, 'limit');
      const jobKey = this.#findJobKey(jobId);
      if (jobKey === null) return [];
      return this.#historyPage(jobKey, FINAL_STATUS_CODES, NO_CURSOR, null, count).map((row) => this.#toRun(row));
    });
  }

  runsScheduledFrom(jobId: string, from: number, limit: number): RunRecord[] {
    return this.#guard('runsScheduledFrom', () => {
      const jobKey = this.#findJobKey(jobId);
      if (jobKey === null) return [];
      const rows = this.#sql.runsScheduledFrom.all(jobKey, finiteTime(from, 'from'), positiveInteger(limit, 'limit'));
      return (rows as RunRow[]).map((row) => this.#toRun(row));
    });
  }

  newestRunPerJob(): Map<string, RunRecord> {
    return this.#guard('newestRunPerJob', () => {
      const runs = (this.#sql.newestRunPerJob.all() as RunRow[]).map((row) => this.#toRun(row));
      return new Map(runs.map((run) => [run.jobId, run]));
    });
  }

  prune(options: { keepDays: number; keepRuns: number; now: number }): { deleted: number } {
    return this.#guard('prune', () => {
      if (typeof options.keepDays !== 'number' || !(options.keepDays >= 0))
        throw new RunInputError(`keepDays must be a number ≥ 0, got ${JSON.stringify(options.keepDays)}`);
      const keepRuns = nonNegativeInteger(options.keepRuns, 'keepRuns');
      const cutoff = finiteTime(options.now, 'now') - options.keepDays * DAY_MS;
      return this.#atomic(() => {
        // Per job, the id of its keepRuns-th newest finished run: that run and everything newer stay whatever their age.
        const statements = this.#pruneStatements();
        statements.clearBounds.run();
        let highest = 0;
        for (const key of statements.jobKeys.all() as number[]) {
          let below = NO_CURSOR;
          if (keepRuns > 0) {
            const row = statements.boundary.get(
              ...FINAL_STATUS_CODES.flatMap((code) => [key, code, keepRuns]),
              keepRuns - 1,
            ) as { id: number } | undefined;
            if (!row) continue;
            below = row.id;
          }
          statements.addBound.run(key, below);
          highest = Math.max(highest, below);
        }
        // One pass in id order: the rows of different jobs are interleaved on disk, and deleting job by job rewrote
        // every page once per job (28 s instead of 1.7 s for 900 000 rows).
        return { deleted: statements.remove.run(highest, cutoff).changes };
      });
    });
  }

  // -------------------------------------------------------------------------------------------------------------
  // Whole-DB operations

  transaction<T>(fn: () => T, options: { immediate?: boolean } = {}): T {
    return this.#atomic(() => {
      const result = fn();
      // better-sqlite3 would commit when the promise is created, not when it settles: refuse rather than half-commit.
      if (result instanceof Promise)
        throw new StoreError(this.path, 'transaction(fn): fn must be synchronous (it returned a promise)');
      return result;
    }, options.immediate === true);
  }

  async backup(destPath: string): Promise<void> {
    try {
      // As private as the DB itself: the copy holds the same run output and jobs file.
      makePrivateDir(path.dirname(destPath));
      createPrivateFile(destPath);
      await this.#db.backup(destPath);
    } catch (error) {
      throw new StoreError(this.path, `backup to ${destPath} failed`, error);
    }
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }

  // -------------------------------------------------------------------------------------------------------------

  #insertValid(run: NewRun, params: unknown[]): RunRecord {
    const result = this.#sql.insertRun.run(newRunId(run), this.#jobKeyForWrite(run.jobId), ...params);
    return newRunRecord(run, Number(result.lastInsertRowid));
  }

  #applyPatch(id: number, patch: ValidPatch): RunRecord;
  #applyPatch(id: number, patch: ValidPatch, options: { onlyIfLive: true }): RunRecord | null;
  #applyPatch(id: number, { columns, values, output }: ValidPatch, { onlyIfLive = false } = {}): RunRecord | null {
    const row = (
      columns.length > 0
        ? this.#updateStatement(columns, onlyIfLive).get(...values, id)
        : (onlyIfLive ? this.#sql.getLiveRun : this.#sql.getRun).get(id)
    ) as RunRow | undefined;
    if (!row && onlyIfLive) return null;
    if (!row) throw new StoreError(this.path, `updateRun: no run ${id}`);
    // An empty tail needs no row: reading a run without one gives empty text, and most runs print nothing.
    if (output === null || output?.length === 0) this.#sql.deleteOutput.run(id);
    else if (output !== undefined) this.#sql.setOutput.run(id, output);
    return this.#toRun(row);
  }

  #historyPage(
    jobKey: number | null,
    statusCodes: readonly number[],
    before: number,
    since: number | null,
    limit: number,
  ): RunRow[] {
    // One job is always walked per status: its index is (job_key, status, id).
    const codes = jobKey !== null && statusCodes.length === 0 ? ALL_STATUS_CODES : statusCodes;
    const shape = { byJob: jobKey !== null, statusCount: codes.length, since: since !== null };
    const key = historyShapeKey(shape);
    let statement = this.#historyStatements.get(key);
    if (!statement) {
      statement = this.#db.prepare(historySql(shape)) as Statement;
      this.#historyStatements.set(key, statement);
    }
    return statement.all(...historyBindings({ jobKey, statusCodes: codes, before, since, limit })) as RunRow[];
  }

  #pruneStatements() {
    if (!this.#prune) {
      // A temp table is private to this connection and never written to the DB file.
      this.#db.exec(
        'CREATE TEMP TABLE IF NOT EXISTS prune_bounds (job_key INTEGER PRIMARY KEY, below INTEGER NOT NULL)',
      );
      const branch = 'SELECT * FROM (SELECT id FROM runs WHERE job_key = ? AND status = ? ORDER BY id DESC LIMIT ?)';
      const finalCodes = FINAL_STATUS_CODES.join(', ');
      this.#prune = {
        jobKeys: (this.#db.prepare('SELECT key FROM job_keys') as Statement).pluck(),
        boundary: this.#db.prepare(
          `${FINAL_STATUS_CODES.map(() => branch).join(' UNION ALL ')} ORDER BY id DESC LIMIT 1 OFFSET ?`,
        ) as Statement,
        clearBounds: this.#db.prepare('DELETE FROM temp.prune_bounds') as Statement,
        addBound: this.#db.prepare('INSERT INTO temp.prune_bounds (job_key, below) VALUES (?, ?)') as Statement,
        // Only final statuses are named: a live run is never pruned. Their run_output rows go by ON DELETE CASCADE.
        remove: this.#db.prepare(
          `DELETE FROM runs WHERE id < ? AND created_at < ? AND status IN (${finalCodes})
             AND id < (SELECT below FROM temp.prune_bounds WHERE prune_bounds.job_key = runs.job_key)`,
        ) as Statement,
      };
    }
    return this.#prune;
  }

  #updateStatement(columns: string[], onlyIfLive: boolean): Statement {
    const key = `${columns.join(',')}${onlyIfLive ? ' live' : ''}`;
    let statement = this.#updateStatements.get(key);
    if (!statement) {
      statement = this.#db.prepare(
        `UPDATE runs SET ${columns.map((column) => `${column} = ?`).join(', ')} WHERE id = ?${onlyIfLive ? ` AND ${IS_LIVE}` : ''} RETURNING ${RUN_COLUMNS}`,
      ) as Statement;
      this.#updateStatements.set(key, statement);
    }
    return statement;
  }

  #toRun(row: RunRow): RunRecord {
    return rowToRun(row, this.#jobIdOf(row.job_key));
  }

  #findJobKey(jobId: string): number | null {
    const cached = this.#keyByJobId.get(jobId);
    if (cached !== undefined) return cached;
    const row = this.#sql.keyOfJob.get(jobId) as { key: number } | undefined;
    if (!row) return null;
    this.#remember(jobId, row.key);
    return row.key;
  }

  #jobKeyForWrite(jobId: string): number {
    const existing = this.#findJobKey(jobId);
    if (existing !== null) return existing;
    const key = Number(this.#sql.addJobKey.run(jobId).lastInsertRowid);
    this.#remember(jobId, key);
    return key;
  }

  #jobIdOf(key: number): string {
    const cached = this.#jobIdByKey.get(key);
    if (cached !== undefined) return cached;
    const row = this.#sql.jobOfKey.get(key) as { job_id: string } | undefined;
    if (!row) throw new StoreError(this.path, `a run refers to job key ${key}, which is not in job_keys`);
    this.#remember(row.job_id, key);
    return row.job_id;
  }

  #remember(jobId: string, key: number): void {
    this.#keyByJobId.set(jobId, key);
    this.#jobIdByKey.set(key, jobId);
  }

  /** better-sqlite3's transaction (a savepoint when nested), forgetting cached job keys if it rolls back. */
  #atomic<T>(fn: () => T, immediate = false): T {
    try {
      const transaction = this.#db.transaction(fn);
      return immediate ? transaction.immediate() : transaction();
    } catch (error) {
      this.#keyByJobId.clear();
      this.#jobIdByKey.clear();
      throw error;
    }
  }

  /** Names the DB (and the call) in SQLite failures and input errors; lets the caller's own errors through untouched. */
  #guard<T>(what: string, fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      if (error instanceof RunInputError) throw new StoreError(this.path, `${what}: ${error.message}`);
      if (error instanceof Database.SqliteError) throw new StoreError(this.path, `${what} failed`, error);
      if (error instanceof TypeError && !this.#db.open) throw new StoreError(this.path, `${what}: the store is closed`);
      throw error;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------

function jobStateFromRow(row: JobStateDbRow): JobStateRow {
  return {
    jobId: row.job_id,
    lastFireAt: row.last_fire_at,
    nextFireAt: row.next_fire_at,
    paused: row.paused === 1,
    pausedUntil: row.paused_until,
    scheduleKey: row.schedule_key,
    anchorAt: row.anchor_at,
  };
}
