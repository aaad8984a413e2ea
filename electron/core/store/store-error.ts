/**
 * Every store failure names the DB file: with a CLI and a desktop app sharing one data directory, "database is locked"
 * alone does not tell the admin which file to look at.
 */
export class StoreError extends Error {
  constructor(
    readonly dbPath: string,
    message: string,
    cause?: unknown,
  ) {
    const detail = cause instanceof Error ? `: ${cause.message}` : '';
    super(`${dbPath}: ${message}${detail}`, cause === undefined ? undefined : { cause });
    this.name = 'StoreError';
  }
}
