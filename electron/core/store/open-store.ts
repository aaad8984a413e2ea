/**
 * Opens (creating or upgrading) the Cronbar DB. The CLI and the daemon share the file, so it runs in WAL mode: readers
 * never block the writer and a reader waits up to BUSY_TIMEOUT_MS for a lock instead of failing at once.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Store } from '../ports';
import { createPrivateFile, makePrivateDir } from './data-dir-modes';
import { LATEST_VERSION, migrate, refuseNewer } from './migrations';
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
      makePrivateDir(path.dirname(path.resolve(dbPath)));
    } catch (error) {
      throw new StoreError(dbPath, 'cannot create the directory for the database', error);
    }
    // SQLite would create it 0644 less the umask; its -wal and -shm files take the DB file's mode.
    createPrivateFile(dbPath);
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
  const { version, tables } = readSchemaState(db);
  refuseNewer(version, dbPath);
  if (version === 0 && tables > 0)
    throw new StoreError(
      dbPath,
      `is a SQLite database but not Cronbar's (it has ${tables} tables and no Cronbar schema version)`,
    );
  if (readonly && version < LATEST_VERSION) {
    throw new StoreError(
      dbPath,
      `the database is at schema version ${version} and needs upgrading to ${LATEST_VERSION}: open it once read-write (start Cronbar)`,
    );
  }

  // Persistent: set once, the file stays in WAL mode for every later connection. An in-memory DB answers "memory".
  if (!readonly && db.pragma('journal_mode', { simple: true }) !== 'wal') switchToWal(db);
  // NORMAL in WAL mode: a power cut can lose the last commits but never corrupts the DB (https://sqlite.org/pragma.html#pragma_synchronous).
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  if (!readonly) migrate(db, dbPath);
}

/**
 * The schema version and how many tables and indexes there are, from one statement and so one snapshot: another
 * process creating a new DB's schema commits each step's tables with its version, and two separate reads could see
 * the version from before a step and the tables from after it (a fresh DB taken for some other program's).
 */
function readSchemaState(db: Database.Database): { version: number; tables: number } {
  return db
    .prepare(
      "SELECT (SELECT user_version FROM pragma_user_version) AS version, (SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%') AS tables",
    )
    .get() as { version: number; tables: number };
}

/**
 * Switching a new DB to WAL needs an exclusive lock, and SQLite answers SQLITE_BUSY at once instead of waiting
 * busy_timeout while another process opening the same new file reads it: retry, backing off, for as long.
 */
function switchToWal(db: Database.Database): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0, delay = 2; ; waited += delay, delay = Math.min(delay * 2, 50)) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY' || waited >= BUSY_TIMEOUT_MS) throw error;
      Atomics.wait(pause, 0, 0, delay);
    }
  }
}
