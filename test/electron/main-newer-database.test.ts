/** Defect: a database from a newer Cronbar failed silently at start. Now: an error box that says what to do, then exit 1. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../mocks/electron'));

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-newer-'));
fs.writeFileSync(path.join(dataDir, 'jobs.yaml'), 'jobs: []\n');
const db = new Database(path.join(dataDir, 'cronbar.db'));
db.pragma('user_version = 999');
db.close();
vi.stubEnv('CRONBAR_HOME', dataDir);

const electron = await import('../mocks/electron');
electron.resetElectronMock({ ready: false });
electron.app.platform = 'linux';
await import('../../electron/main');
electron.app.emitReady();

afterAll(() => {
  vi.unstubAllEnvs();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a database from a newer Cronbar at start', () => {
  it('shows an error dialog (after ready, so Linux shows a dialog, not stderr) and exits without a tray', async () => {
    await vi.waitFor(() => expect(electron.app.exit).toHaveBeenCalledWith(1), { timeout: 20_000 });
    expect(electron.dialog.errorBoxes).toEqual([
      {
        title: 'Cronbar is older than its database',
        content: expect.stringContaining('written by a newer Cronbar'),
        shownAs: 'dialog',
      },
    ]);
    expect(electron.dialog.errorBoxes[0]!.content).toContain('Install the newer Cronbar again');
    expect(electron.Tray.instances).toHaveLength(0);
  });
});
