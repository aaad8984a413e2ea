/**
 * Comments out imported lines in the user's own crontab, the way an admin would: `crontab -l`, a copy of it in
 * Cronbar's backups folder, the edited table through `crontab -` (cron reloads what `crontab` installs; writing the
 * spool file directly would not be seen everywhere). Nothing is installed when no line matched.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CronbarError } from '../../../../shared/api/cronbar-error';
import { PRIVATE_FILE_MODE, makePrivateDir } from '../../store/data-dir-modes';
import { type CommentOutResult, type MovedLine, commentOutCrontabLines } from './crontab-moved-lines';

export interface CrontabIo {
  list: () => string;
  install: (text: string) => void;
}

export const systemCrontab: CrontabIo = {
  list: () => execFileSync('crontab', ['-l'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
  install: (text) => {
    execFileSync('crontab', ['-'], { input: text, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  },
};

export interface DisableCrontabResult extends Omit<CommentOutResult, 'text'> {
  /** The crontab as it was, or null when nothing was changed (no line matched). */
  backupPath: string | null;
}

export function disableCrontabLines(
  wanted: readonly MovedLine[],
  options: { backupsDir: string; now: number; io?: CrontabIo },
): DisableCrontabResult {
  const io = options.io ?? systemCrontab;
  const before = run('crontab -l', () => io.list());
  const result = commentOutCrontabLines(before, wanted, localDate(options.now));
  if (result.commented.length === 0) return { backupPath: null, commented: [], notFound: result.notFound };
  makePrivateDir(options.backupsDir);
  const backupPath = freeName(options.backupsDir, `crontab-${stamp(options.now)}`);
  // wx: a backup is never overwritten, whatever runs beside this.
  fs.writeFileSync(backupPath, before, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  run('crontab -', () => io.install(result.text));
  return { backupPath, commented: result.commented, notFound: result.notFound };
}

function run<T>(what: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new CronbarError('not-found', 'crontab is not installed here; nothing was changed');
    const stderr = String((error as { stderr?: unknown }).stderr ?? (error as Error).message).trim();
    throw new CronbarError('internal', `${what} failed: ${stderr || 'no message'}; nothing was changed`);
  }
}

/** Two edits in the same second keep both tables. */
function freeName(dir: string, base: string): string {
  for (let n = 1; ; n++) {
    const file = path.join(dir, `${base}${n === 1 ? '' : `-${n}`}.txt`);
    if (!fs.existsSync(file)) return file;
  }
}

const pad = (value: number) => String(value).padStart(2, '0');

function localDate(at: number): string {
  const date = new Date(at);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function stamp(at: number): string {
  const date = new Date(at);
  return `${localDate(at).replaceAll('-', '')}-${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}
