/**
 * Shows why the app could not start (the window and tray do not exist yet, so without this nothing at all appears)
 * and writes it to the log. For a damaged database it offers to move the file aside and start from the newest
 * backup. Called after `ready`: before it, Linux prints error boxes to stderr only
 * (https://www.electronjs.org/docs/latest/api/dialog#dialogshowerrorboxtitle-content).
 */
import fs from 'node:fs';
import path from 'node:path';
import { dialog } from 'electron';
import { BACKUP_FILE_PATTERN } from '../core/runner/builtin-actions';
import { type StartupContext, describeStartupProblem } from '../policy/startup-problem';

export type StartupFailureOutcome = 'quit' | 'retry';

export function listBackups(dataDir: string): string[] {
  try {
    return fs.readdirSync(path.join(dataDir, 'backups')).filter((name) => BACKUP_FILE_PATTERN.test(name));
  } catch {
    return [];
  }
}

/**
 * Renames the database and its WAL/SHM files to `<name>.broken-<time>` (nothing is deleted) and copies the backup
 * into its place. Returns the new name of the damaged file.
 */
export function moveAsideAndRestore(dbPath: string, backupPath: string, now: number = Date.now()): string {
  const aside = `${dbPath}.broken-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (fs.existsSync(dbPath + suffix)) fs.renameSync(dbPath + suffix, aside + suffix);
  }
  fs.copyFileSync(backupPath, dbPath, fs.constants.COPYFILE_EXCL);
  return aside;
}

export function reportStartupFailure(
  error: unknown,
  context: Omit<StartupContext, 'backups'>,
  log: (line: string) => void,
): StartupFailureOutcome {
  const problem = describeStartupProblem(error, { ...context, backups: listBackups(context.dataDir) });
  log(`start-up failed (${problem.kind}): ${problem.message.replace(/\n+/g, ' ')}`);
  if (!problem.restoreFrom) {
    dialog.showErrorBox(problem.title, problem.message);
    return 'quit';
  }
  const choice = dialog.showMessageBoxSync({
    type: 'error',
    title: problem.title,
    message: problem.title,
    detail: problem.message,
    buttons: ['Move it aside and start from the backup', 'Quit'],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  });
  if (choice !== 0) return 'quit';
  try {
    const aside = moveAsideAndRestore(context.dbPath, problem.restoreFrom);
    log(`start-up: moved the damaged database to ${aside} and restored ${problem.restoreFrom}`);
    return 'retry';
  } catch (restoreError) {
    const message = restoreError instanceof Error ? restoreError.message : String(restoreError);
    log(`start-up: restore failed: ${message}`);
    dialog.showErrorBox(
      'Cronbar could not restore the backup',
      `${message}\n\nThe files are as they were; move ${context.dbPath} aside by hand.`,
    );
    return 'quit';
  }
}
