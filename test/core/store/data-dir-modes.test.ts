import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tightenDataDir } from '../../../electron/core/store/data-dir-modes';
import { openStore } from '../../../electron/core/store/open-store';
import { newRun, tempDir, track } from './store-fixtures';

const mode = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);

const savedHome = process.env.HOME;
afterEach(() => {
  process.env.HOME = savedHome;
});

describe.skipIf(process.platform === 'win32')('data directory permissions', () => {
  it('a DB and its backup are created 0600 in 0700 directories, whatever the umask', async () => {
    const dir = path.join(tempDir(), 'data');
    const store = track(openStore(path.join(dir, 'cronbar.db')));
    store.insertRun(newRun());
    await store.backup(path.join(dir, 'backups', 'copy.db'));
    expect(
      [dir, 'cronbar.db', 'cronbar.db-wal', 'cronbar.db-shm', 'backups', 'backups/copy.db'].map((name) =>
        mode(path.resolve(dir, name)),
      ),
    ).toEqual(['700', '600', '600', '600', '700', '600']);
  });

  it("leaves files that are not Cronbar's alone, and says nothing when all is private", () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine', { mode: 0o644 });
    fs.chmodSync(path.join(dir, 'notes.txt'), 0o644);
    expect(tightenDataDir(dir)).toBeNull();
    expect(mode(path.join(dir, 'notes.txt'))).toBe('644');
  });

  it("tightens Cronbar's files in a data directory that is the home directory, but not the home directory", () => {
    const home = tempDir();
    fs.chmodSync(home, 0o755);
    process.env.HOME = home;
    fs.writeFileSync(path.join(home, 'cronbar.db'), '');
    fs.chmodSync(path.join(home, 'cronbar.db'), 0o644);
    expect(tightenDataDir(home)).toMatch(/now private: cronbar\.db 0600$/);
    expect([mode(home), mode(path.join(home, 'cronbar.db'))]).toEqual(['755', '600']);
  });
});
