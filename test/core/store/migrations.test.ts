import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION, MIGRATIONS, type Migration, migrate } from '../../../electron/core/store/migrations';
import { openStore } from '../../../electron/core/store/open-store';
import { newRun, tempDir, track } from './store-fixtures';

/** A v1 DB as it looked before a hypothetical v2 step, with a run in it, written with raw SQL. */
function writeV1Fixture(dbPath: string): void {
  const db = new Database(dbPath);
  db.exec(MIGRATIONS[0]!.sql);
  db.exec("INSERT INTO job_keys (key, job_id) VALUES (1, 'backup')");
  db.exec('INSERT INTO runs (job_key, trigger, status, created_at, output_bytes) VALUES (1, 0, 3, 1000, 5)');
  db.exec("INSERT INTO run_output (run_id, data) VALUES (1, CAST('oops\n' AS BLOB))");
  db.pragma('user_version = 1');
  db.close();
}

const V2_ADDS_A_NOTE: Migration = {
  version: 2,
  description: 'runs get a note',
  sql: "ALTER TABLE runs ADD COLUMN note TEXT NOT NULL DEFAULT 'kept'",
};

describe('migrations', () => {
  it('are numbered 1, 2, 3 … and the latest is what a new DB gets', () => {
    expect(MIGRATIONS.map((step) => step.version)).toEqual(MIGRATIONS.map((_, index) => index + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  it('turn an empty file into a working store', () => {
    const dbPath = path.join(tempDir(), 'cronbar.db');
    fs.writeFileSync(dbPath, '');
    const store = track(openStore(dbPath));
    const run = store.insertRun(newRun());
    expect(store.getRun(run.id)?.id).toBe(run.id);
    const db = new Database(dbPath, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
  });

  it('upgrade an older DB in place, keeping its data', () => {
    const dbPath = path.join(tempDir(), 'cronbar.db');
    writeV1Fixture(dbPath);
    const db = new Database(dbPath);
    expect(migrate(db, dbPath, [...MIGRATIONS.slice(0, 1), V2_ADDS_A_NOTE])).toEqual([2]);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare('SELECT id, status, note FROM runs').all()).toEqual([{ id: 1, status: 3, note: 'kept' }]);
    db.close();
  });

  it('v2 upgrades a v1 file in place: every run, its output and the live rows stay; runs gain an owner', () => {
    const dbPath = path.join(tempDir(), 'cronbar.db');
    writeV1Fixture(dbPath);
    const v1 = new Database(dbPath);
    // A run a v1 Cronbar left running when it died, with its process group.
    v1.exec(
      'INSERT INTO runs (job_key, trigger, status, created_at, started_at, pid, pgid) VALUES (1, 1, 1, 2000, 2001, 4242, 4242)',
    );
    v1.close();

    const store = track(openStore(dbPath));
    const db = new Database(dbPath, { readonly: true });
    // Up to the latest step (3 added the check-in tables): nothing of v1 is lost on the way.
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
    expect(
      store.history({ limit: 10 }).runs.map((run) => [run.id, run.jobId, run.trigger, run.status, run.pid]),
    ).toEqual([
      [2, 'backup', 'manual', 'running', 4242],
      [1, 'backup', 'schedule', 'failed', null],
    ]);
    expect(store.getRunOutput(1)).toEqual({ runId: 1, text: 'oops\n', totalBytes: 5, truncated: false });
    // No owner was recorded before v2: recovery treats such a row as abandoned, as v1 did.
    expect(store.liveRuns().map((run) => [run.id, run.pgid, run.ownerPid])).toEqual([[2, 4242, null]]);
    const next = store.insertRun(newRun({ status: 'running', ownerPid: 777 }));
    expect(next.id).toBe(3);
    expect(store.liveRuns().map((run) => [run.id, run.ownerPid])).toEqual([
      [2, null],
      [3, 777],
    ]);
  });

  it('a v2 file gains the check-in, session and clock-event tables (v3), the notification queue (v4) and the jobs file history (v5), keeping its runs', () => {
    const dbPath = path.join(tempDir(), 'cronbar.db');
    writeV1Fixture(dbPath);
    const v2 = new Database(dbPath);
    migrate(v2, dbPath, MIGRATIONS.slice(0, 2));
    v2.close();
    const store = track(openStore(dbPath));
    const db = new Database(dbPath, { readonly: true });
    const tables = (
      db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[]
    ).filter((name) => !name.startsWith('sqlite_'));
    db.close();
    expect(tables).toEqual([
      'clock_events',
      'config_baseline',
      'config_revisions',
      'expectations',
      'job_keys',
      'job_state',
      'notifications',
      'pings',
      'run_output',
      'runs',
      'sessions',
      'settings',
    ]);
    expect(store.history({ limit: 10 }).runs).toHaveLength(1);
  });

  it('do nothing to a DB already at the latest version', () => {
    const dbPath = path.join(tempDir(), 'cronbar.db');
    writeV1Fixture(dbPath);
    const db = new Database(dbPath);
    expect(migrate(db, dbPath, MIGRATIONS.slice(0, 1))).toEqual([]);
    db.close();
  });

  it('leave the DB at the last good version when a step fails, and say which step', () => {
    const dbPath = path.join(tempDir(), 'cronbar.db');
    writeV1Fixture(dbPath);
    const broken: Migration = {
      version: 2,
      description: 'a broken step',
      sql: 'ALTER TABLE runs ADD COLUMN note TEXT; SELECT * FROM no_such_table',
    };
    const db = new Database(dbPath);
    expect(() => migrate(db, dbPath, [...MIGRATIONS.slice(0, 1), broken])).toThrow(
      `${dbPath}: upgrading the schema to version 2 (a broken step) failed; the database was left at version 1: no such table: no_such_table`,
    );
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const columns = db.prepare("SELECT name FROM pragma_table_info('runs')").pluck().all();
    expect(columns).not.toContain('note');
    db.close();
  });

  it('refuse a DB written by a newer Cronbar, naming it, without touching it', () => {
    const dbPath = path.join(tempDir(), 'cronbar.db');
    writeV1Fixture(dbPath);
    const db = new Database(dbPath);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    const before = fs.readFileSync(dbPath);
    expect(() => openStore(dbPath)).toThrow(
      `${dbPath}: the database is at schema version ${LATEST_VERSION + 1}, but this Cronbar knows only up to ${LATEST_VERSION}`,
    );
    expect(() => openStore(dbPath, { readonly: true })).toThrow('written by a newer Cronbar');
    expect(fs.readFileSync(dbPath).equals(before)).toBe(true);
  });

  it('read-only asks for an upgrade instead of migrating', () => {
    const emptyPath = path.join(tempDir(), 'empty.db');
    fs.writeFileSync(emptyPath, '');
    expect(() => openStore(emptyPath, { readonly: true })).toThrow(
      `${emptyPath}: the database is at schema version 0 and needs upgrading to ${LATEST_VERSION}`,
    );
    expect(fs.statSync(emptyPath).size).toBe(0);
  });
});
