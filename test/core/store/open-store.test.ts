import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../../electron/core/store/migrations';
import { openStore } from '../../../electron/core/store/open-store';
import { newRun, tempDir, track } from './store-fixtures';

function rawPragma(dbPath: string, pragma: string): unknown {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.pragma(pragma, { simple: true });
  } finally {
    db.close();
  }
}

describe('openStore', () => {
  it('creates the directory and a DB in WAL mode at the latest schema version', () => {
    const dbPath = path.join(tempDir(), 'nested', 'data', 'cronbar.db');
    track(openStore(dbPath)).insertRun(newRun());
    expect(fs.existsSync(dbPath)).toBe(true);
    expect(rawPragma(dbPath, 'journal_mode')).toBe('wal');
    expect(rawPragma(dbPath, 'user_version')).toBe(LATEST_VERSION);
  });

  it('keeps a :memory: store private to its handle', () => {
    const first = track(openStore(':memory:'));
    const second = track(openStore(':memory:'));
    const run = first.insertRun(newRun());
    expect(first.getRun(run.id)?.jobId).toBe('backup');
    expect(second.getRun(run.id)).toBeNull();
    expect(first.path).toBe(':memory:');
  });

  it('reopens an existing DB with its data', () => {
    const dbPath = path.join(tempDir(), 'cronbar.db');
    const store = openStore(dbPath);
    const run = store.insertRun(newRun({ reason: 'first' }));
    store.setSetting('pausedAll', 'true');
    store.close();
    const again = track(openStore(dbPath));
    expect(again.getRun(run.id)?.reason).toBe('first');
    expect(again.getSetting('pausedAll')).toBe('true');
  });

  it('refuses a file that is not SQLite, naming it, and leaves it as it was', () => {
    const dbPath = path.join(tempDir(), 'cronbar.db');
    const junk = 'this is a jobs file someone saved under the wrong name\n'.repeat(200);
    fs.writeFileSync(dbPath, junk);
    expect(() => openStore(dbPath)).toThrow(`${dbPath}: is not a Cronbar database: not SQLite, or damaged`);
    expect(fs.readFileSync(dbPath, 'utf8')).toBe(junk);
  });

  it("refuses another program's SQLite DB instead of adding tables to it", () => {
    const dbPath = path.join(tempDir(), 'other.db');
    const other = new Database(dbPath);
    other.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('ann')");
    other.close();
    expect(() => openStore(dbPath)).toThrow(`${dbPath}: is a SQLite database but not Cronbar's`);
    const check = new Database(dbPath, { readonly: true });
    const tables = check.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all();
    check.close();
    expect(tables).toEqual(['contacts']);
  });

  it('opens read-only: reads work, writes fail naming the DB, nothing changes', () => {
    const dbPath = path.join(tempDir(), 'cronbar.db');
    const writer = openStore(dbPath);
    const run = writer.insertRun(newRun());
    writer.close();
    const reader = track(openStore(dbPath, { readonly: true }));
    expect(reader.getRun(run.id)?.status).toBe('succeeded');
    expect(() => reader.insertRun(newRun())).toThrow(
      `${dbPath}: insertRun failed: attempt to write a readonly database`,
    );
    expect(reader.history({ limit: 10 }).runs).toHaveLength(1);
  });

  it('read-only refuses a missing DB, naming it, without creating it', () => {
    const dbPath = path.join(tempDir(), 'missing', 'cronbar.db');
    expect(() => openStore(dbPath, { readonly: true })).toThrow(`${dbPath}: cannot open the database read-only`);
    expect(fs.existsSync(path.dirname(dbPath))).toBe(false);
  });

  it('names the DB when a call comes after close', () => {
    const store = openStore(':memory:');
    store.close();
    expect(() => store.getRun(1)).toThrow(':memory:: getRun: the store is closed');
    expect(() => store.close()).not.toThrow();
  });
});
