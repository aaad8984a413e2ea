/**
 * Defect: a start-up failure showed nothing (no window, no tray, no dialog). Here the database is damaged and a backup
 * exists: the app explains it in a dialog that names the backup, and on "start from the backup" moves the broken file
 * aside (nothing deleted) and starts on the restored copy, with its tray.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openStore } from '../../electron/core/store/open-store';

vi.mock('electron', () => import('../mocks/electron'));

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-startfail-'));
fs.writeFileSync(path.join(dataDir, 'jobs.yaml'), 'jobs: []\n');
fs.writeFileSync(
  path.join(dataDir, 'cronbar.db'),
  'this is not an SQLite file, it was overwritten by accident\n'.repeat(200),
);
fs.mkdirSync(path.join(dataDir, 'backups'));
const backup = path.join(dataDir, 'backups', 'cronbar-20261130-020000.db');
openStore(backup).close();
vi.stubEnv('CRONBAR_HOME', dataDir);

const electron = await import('../mocks/electron');
electron.resetElectronMock({ ready: false });
electron.dialog.nextMessageBoxResponse = 0;
await import('../../electron/main');
electron.app.emitReady();

afterAll(() => {
  vi.unstubAllEnvs();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a damaged database at start', () => {
  it('is explained in a dialog naming the newest backup, and the log says so too', async () => {
    await vi.waitFor(() => expect(electron.dialog.messageBoxes).toHaveLength(1), { timeout: 20_000 });
    const box = electron.dialog.messageBoxes[0]!;
    expect(box.title).toBe("Cronbar's database is damaged");
    expect(String(box.detail)).toContain(backup);
    expect(box.buttons).toEqual(['Move it aside and start from the backup', 'Quit']);
    expect(fs.readFileSync(path.join(dataDir, 'cronbar.log'), 'utf8')).toMatch(/start-up failed \(corrupt-database\)/);
  });

  it('on "start from the backup": the broken file is kept aside and the app starts on the restored copy', async () => {
    await vi.waitFor(() => expect(electron.Tray.instances).toHaveLength(1), { timeout: 20_000 });
    const aside = fs.readdirSync(dataDir).filter((name) => name.startsWith('cronbar.db.broken-'));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(dataDir, aside[0]!), 'utf8')).toContain('overwritten by accident');
    expect(electron.app.exit).not.toHaveBeenCalled();
    expect(electron.dialog.errorBoxes).toEqual([]);
  });
});
