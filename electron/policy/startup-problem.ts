/**
 * What to tell the user when the app cannot start. Before the window or tray exist, a failure is otherwise invisible:
 * no window, no tray, no dialog. Pure: the error's text (and its causes) in, a title, an explanation with what to do,
 * and whether restoring a backup can help, out.
 */
import path from 'node:path';

export type StartupProblemKind = 'native-module' | 'newer-database' | 'corrupt-database' | 'other';

export interface StartupProblem {
  kind: StartupProblemKind;
  title: string;
  message: string;
  /** For a damaged database: the newest backup to start from, when there is one. */
  restoreFrom: string | null;
}

export interface StartupContext {
  dataDir: string;
  dbPath: string;
  logPath: string;
  /** File names in <data>/backups that are complete backups, any order. */
  backups: readonly string[];
  isPackaged: boolean;
}

/** The error's message followed by its causes' messages. */
export function errorText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    if (current instanceof Error) {
      const code = (current as { code?: unknown }).code;
      parts.push(
        typeof code === 'string' && !current.message.includes(code) ? `${current.message} (${code})` : current.message,
      );
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.join(' — caused by: ');
}

const NATIVE =
  /NODE_MODULE_VERSION|compiled against a different Node\.js version|better_sqlite3\.node|ERR_DLOPEN_FAILED|invalid ELF header|Could not locate the bindings file|Cannot find module 'better-sqlite3'/i;
const NEWER = /written by a newer Cronbar/i;
const CORRUPT =
  /not a Cronbar database: not SQLite, or damaged|SQLITE_CORRUPT|SQLITE_NOTADB|database disk image is malformed|file is not a database/i;

export function describeStartupProblem(error: unknown, context: StartupContext): StartupProblem {
  const cause = errorText(error);
  const logLine = `The details are in ${context.logPath}.`;
  if (NATIVE.test(cause)) {
    const fix = context.isPackaged
      ? 'Reinstall Cronbar (the installed copy is damaged or was built for another Electron).'
      : 'Run `node scripts/ensure-electron-sqlite.mjs` (it fetches or builds better-sqlite3 for this Electron), then `npm start` again.';
    return {
      kind: 'native-module',
      title: 'Cronbar cannot load its database driver',
      message: `better-sqlite3 could not be loaded: ${cause}\n\n${fix}\n\n${logLine}`,
      restoreFrom: null,
    };
  }
  if (NEWER.test(cause)) {
    return {
      kind: 'newer-database',
      title: 'Cronbar is older than its database',
      message: `${cause}\n\nInstall the newer Cronbar again. To use this version instead, quit, move ${context.dbPath} aside (it keeps the history) and start Cronbar: it creates a fresh database.\n\n${logLine}`,
      restoreFrom: null,
    };
  }
  if (CORRUPT.test(cause)) {
    const newest = [...context.backups].sort().at(-1);
    const restoreFrom = newest ? path.join(context.dataDir, 'backups', newest) : null;
    const what = restoreFrom
      ? `The newest backup is ${restoreFrom}. Cronbar can move the damaged file aside (nothing is deleted) and start from that backup; runs since the backup are not in it.`
      : `There is no backup in ${path.join(context.dataDir, 'backups')}. Quit, move ${context.dbPath} aside and start Cronbar to begin with a fresh database (add a \`builtin: backup-database\` job to have backups).`;
    return {
      kind: 'corrupt-database',
      title: "Cronbar's database is damaged",
      message: `${cause}\n\n${what}\n\n${logLine}`,
      restoreFrom,
    };
  }
  return { kind: 'other', title: 'Cronbar could not start', message: `${cause}\n\n${logLine}`, restoreFrom: null };
}
