/**
 * A second connection to the data directory's DB for a part with tables of its own (check-ins, the notification
 * queue, the jobs file's history), so its writes never wait in the run store's statements. The run store's
 * connection has already upgraded a file DB; a private :memory: one starts empty and is migrated here.
 */
import Database from 'better-sqlite3';
import { LATEST_VERSION, migrate, schemaVersion } from './migrations';
import { BUSY_TIMEOUT_MS } from './open-store';
import { StoreError } from './store-error';

/** `purpose` finishes "cannot open the database for …" (`check-ins`, `notifications`). */
export function openSideConnection(
  dbPath: string,
  options: { nativeBinding?: string },
  purpose: string,
): Database.Database {
  try {
    const db = new Database(dbPath, { nativeBinding: options.nativeBinding });
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (schemaVersion(db) < LATEST_VERSION) migrate(db, dbPath);
    return db;
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError(dbPath, `cannot open the database for ${purpose}`, error);
  }
}
