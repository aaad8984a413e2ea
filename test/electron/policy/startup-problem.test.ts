import { describe, expect, it } from 'vitest';
import { describeStartupProblem } from '../../../electron/policy/startup-problem';
import { StoreError } from '../../../electron/core/store/store-error';

const context = {
  dataDir: '/home/ada/.config/Cronbar',
  dbPath: '/home/ada/.config/Cronbar/cronbar.db',
  logPath: '/home/ada/.config/Cronbar/cronbar.log',
  backups: [],
  isPackaged: true,
};

describe('start-up problems explained', () => {
  it('a wrong-ABI better-sqlite3: says reinstall (packaged) or how to rebuild (development)', () => {
    const error = new Error(
      "The module '/opt/Cronbar/resources/native/better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 127. This version of Node.js requires NODE_MODULE_VERSION 140.",
    );
    const packaged = describeStartupProblem(new StoreError(context.dbPath, 'cannot open the database', error), context);
    expect(packaged.kind).toBe('native-module');
    expect(packaged.message).toContain('NODE_MODULE_VERSION 127');
    expect(packaged.message).toContain('Reinstall Cronbar');
    expect(packaged.message).toContain(context.logPath);
    expect(describeStartupProblem(error, { ...context, isPackaged: false }).message).toContain(
      'node scripts/ensure-electron-sqlite.mjs',
    );
  });

  it('a database from a newer Cronbar: install the newer one, or move the file aside', () => {
    const problem = describeStartupProblem(
      new StoreError(
        context.dbPath,
        'the database is at schema version 9, but this Cronbar knows only up to 5: it was written by a newer Cronbar. ',
      ),
      context,
    );
    expect(problem.kind).toBe('newer-database');
    expect(problem.message).toContain(`move ${context.dbPath} aside`);
    expect(problem.restoreFrom).toBeNull();
  });

  it('a damaged database: names the newest backup to restore', () => {
    const error = new StoreError(
      context.dbPath,
      'is not a Cronbar database: not SQLite, or damaged. Move it aside to start a fresh one',
      Object.assign(new Error('file is not a database'), { code: 'SQLITE_NOTADB' }),
    );
    const problem = describeStartupProblem(error, {
      ...context,
      backups: ['cronbar-20261101-020000.db', 'cronbar-20261130-020000.db', 'cronbar-20261015-020000.db'],
    });
    expect(problem.kind).toBe('corrupt-database');
    expect(problem.restoreFrom).toBe('/home/ada/.config/Cronbar/backups/cronbar-20261130-020000.db');
    expect(problem.message).toContain('cronbar-20261130-020000.db');
    const none = describeStartupProblem(error, context);
    expect(none.restoreFrom).toBeNull();
    expect(none.message).toContain('There is no backup in /home/ada/.config/Cronbar/backups');
  });

  it('anything else still names the cause and the log', () => {
    const problem = describeStartupProblem(new Error('EACCES: permission denied, mkdir'), context);
    expect(problem).toMatchObject({ kind: 'other', title: 'Cronbar could not start' });
    expect(problem.message).toContain('EACCES');
  });
});
