/**
 * Opens (creating or upgrading) the Cronbar DB. The CLI and the daemon share the file, so it runs in WAL mode: readers
 * never block the writer and a reader waits up to BUSY_TIMEOUT_MS for a lock instead of failing at once.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Store } from '../ports';
import { LATEST_VERSION, checkNotNewer, migrate } from './migrations';
import { SqliteStore } from './sqlite-store';
import { StoreError } from './store-error';

export const BUSY_TIMEOUT_MS = 5000;

export interface OpenStoreOptions {
  /** The better-sqlite3 addon to load (the desktop app passes the build for Electron's ABI). */
  nativeBinding?: string;
  /** Open without writing anything: no schema upgrade, and every write fails. The DB must exist and be current. */
  readonly?: boolean;
}

/** `':memory:'` gives a private throwaway store. */
export function openStore(dbPath: string, options: OpenStoreOptions = {}): Store {
  const readonly = options.readonly === true;
  const inMemory = dbPath === ':memory:';
  if (!inMemory && !readonly) {
    try {
      fs.mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
    } catch (error) {
      throw new StoreError(dbPath, 'cannot create the directory for the database', error);
    }
  }

  let db: Database.Database;
  try {
    db = new Database(dbPath, { readonly, fileMustExist: readonly, nativeBinding: options.nativeBinding });
  } catch (error) {
    throw new StoreError(dbPath, readonly ? 'cannot open the database read-only' : 'cannot open the database', error);
  }

  try {
    configure(db, dbPath, readonly);
  } catch (error) {
    db.close();
    if (error instanceof StoreError) throw error;
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new StoreError(
        dbPath,
        'is not a Cronbar database: not SQLite, or damaged. Move it aside to start a fresh one',
        error,
      );
    }
    throw new StoreError(dbPath, 'cannot open the database', error);
  }
  return new SqliteStore(db, dbPath);
}

function configure(db: Database.Database, dbPath: string, readonly: boolean): void {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // Reading the version reads the file header: a file that is not SQLite fails here. Every refusal comes before the
  // first write, so a DB we will not use is left byte for byte as it was.
  const version = checkNotNewer(db, dbPath);
  if (version === 0) refuseForeignDatabase(db, dbPath);
  if (readonly && version < LATEST_VERSION) {
    throw new StoreError(
      dbPath,
      `the database is at schema version ${version} and needs upgrading to ${LATEST_VERSION}: open it once read-write (start Cronbar)`,
    );
  }

  // Persistent: set once, the file stays in WAL mode for every later connection. An in-memory DB answers "memory".
  if (!readonly && db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode: a power cut can lose the last commits but never corrupts the DB (https://sqlite.org/pragma.html#pragma_synchronous).
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  if (!readonly) migrate(db, dbPath);
}

/** Version 0 with tables in it is some other program's SQLite file: adding ours to it would only hide the mistake. */
function refuseForeignDatabase(db: Database.Database, dbPath: string): void {
  const row = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'").get() as {
    n: number;
  };
  if (row.n > 0)
    throw new StoreError(
      dbPath,
      `is a SQLite database but not Cronbar's (it has ${row.n} tables and no Cronbar schema version)`,
    );
}
