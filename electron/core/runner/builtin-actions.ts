/**
 * Cronbar's own maintenance as jobs, so they are scheduled, logged and alerted on like any other:
 * `backup-database` (an online SQLite backup, keeping the newest N) and `prune-history`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ActionSpec } from '../../../shared/config/schema';
import type { Store } from '../ports';
import { makePrivateDir } from '../store/data-dir-modes';
import type { ActionOutput } from './action-output';
import { type ActionOutcome, failed, succeeded } from './action-outcome';
import type { StopControl } from './stop-control';

export type BuiltinActionSpec = Extract<ActionSpec, { kind: 'builtin' }>;
export type BuiltinStore = Pick<Store, 'backup' | 'prune' | 'path'>;

export interface BuiltinOptions {
  store: BuiltinStore | undefined;
  dataDir: string;
  now: () => number;
}

/** Only files with exactly this shape are ever deleted by `keep`. */
export const BACKUP_FILE_PATTERN = /^cronbar-\d{8}-\d{6}\.db$/;
const PARTIAL_SUFFIX = '.partial';

export function backupsDir(dataDir: string): string {
  return path.join(dataDir, 'backups');
}

/** `cronbar-20270101-020000.db` in local time: the admin browsing the folder reads it as a time of their day. */
export function backupFileName(at: number): string {
  const date = new Date(at);
  const pad = (value: number) => String(value).padStart(2, '0');
  const day = `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}`;
  const time = `${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
  return `cronbar-${day}-${time}.db`;
}

export async function runBuiltinAction(
  action: BuiltinActionSpec,
  output: ActionOutput,
  stop: StopControl,
  options: BuiltinOptions,
): Promise<ActionOutcome> {
  const { store } = options;
  if (!store) return failed(`${action.name} needs Cronbar's database, which this runner was not given`);
  if (action.name === 'backup-database') return backupDatabase(store, action.keep, output, stop, options);
  return pruneHistory(store, action.keepDays, action.keepRuns, output, stop, options);
}

async function backupDatabase(
  store: BuiltinStore,
  keep: number,
  output: ActionOutput,
  stop: StopControl,
  options: BuiltinOptions,
): Promise<ActionOutcome> {
  const dir = backupsDir(options.dataDir);
  const finalPath = path.join(dir, backupFileName(options.now()));
  // Written under another name first, so a half-written copy never counts as one of the `keep` good backups.
  const partialPath = finalPath + PARTIAL_SUFFIX;
  try {
    // 0700, as the data directory: a backup is the whole DB, run output and jobs file included.
    makePrivateDir(dir);
  } catch (error) {
    return failed(`cannot create ${dir}: ${messageOf(error)}`);
  }

  const backup = store.backup(partialPath);
  const stopped = new Promise<'stopped'>((resolve) => {
    if (stop.signal.aborted) resolve('stopped');
    else stop.signal.addEventListener('abort', () => resolve('stopped'), { once: true });
  });
  let result: 'done' | 'stopped';
  try {
    result = await Promise.race([backup.then(() => 'done' as const), stopped]);
  } catch (error) {
    removeQuietly(partialPath);
    return failed(`backup to ${finalPath} failed: ${messageOf(error)}`);
  }
  if (result === 'stopped') {
    // SQLite's backup cannot be interrupted from here; let it finish in the background and throw its file away.
    backup.then(
      () => removeQuietly(partialPath),
      () => removeQuietly(partialPath),
    );
    const cause = stop.cause!;
    output.writeLine(`backup to ${finalPath} abandoned: ${cause.reason}`);
    return { status: cause.status, exitCode: null, signal: null, reason: cause.reason };
  }

  try {
    fs.renameSync(partialPath, finalPath);
  } catch (error) {
    removeQuietly(partialPath);
    return failed(`cannot move the backup into place at ${finalPath}: ${messageOf(error)}`);
  }
  output.writeLine(`wrote ${finalPath} (${formatBytes(fs.statSync(finalPath).size)})`);

  const backups = fs
    .readdirSync(dir)
    .filter((name) => BACKUP_FILE_PATTERN.test(name))
    .sort()
    .reverse();
  const problems: string[] = [];
  for (const name of backups.slice(keep)) {
    try {
      fs.unlinkSync(path.join(dir, name));
      output.writeLine(`deleted ${name}`);
    } catch (error) {
      problems.push(`${name}: ${messageOf(error)}`);
    }
  }
  output.writeLine(`kept the newest ${Math.min(keep, backups.length)} of ${backups.length} backups in ${dir}`);
  if (problems.length > 0) {
    for (const problem of problems) output.writeLine(`could not delete ${problem}`);
    return failed(
      `backup written, but ${problems.length} old backup${problems.length === 1 ? '' : 's'} could not be deleted`,
    );
  }
  return succeeded();
}

async function pruneHistory(
  store: BuiltinStore,
  keepDays: number,
  keepRuns: number,
  output: ActionOutput,
  stop: StopControl,
  options: BuiltinOptions,
): Promise<ActionOutcome> {
  // Let `start()` return first; the prune itself is one synchronous transaction and cannot be cut in half.
  await Promise.resolve();
  const cause = stop.cause;
  if (cause) return { status: cause.status, exitCode: null, signal: null, reason: cause.reason };
  try {
    const { deleted } = store.prune({ keepDays, keepRuns, now: options.now() });
    output.writeLine(
      `deleted ${deleted} run${deleted === 1 ? '' : 's'} (older than ${keepDays} days and beyond the newest ${keepRuns} of their job)`,
    );
    return succeeded();
  } catch (error) {
    return failed(`prune failed: ${messageOf(error)}`);
  }
}

function removeQuietly(file: string): void {
  fs.rm(file, { force: true }, () => {});
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
