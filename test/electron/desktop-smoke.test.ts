/**
 * End-to-end smoke test of the built app under a real Electron, through Playwright's `_electron` and the test hooks
 * main installs when CRONBAR_E2E=1 (Playwright cannot reach the OS tray or notification centre). Needs
 * `npm run build`, an Electron binary (node_modules/electron/dist or ELECTRON_OVERRIDE_DIST_PATH) and
 * better-sqlite3 built for it (scripts/ensure-electron-sqlite.mjs); skips with the reason otherwise.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type * as Playwright from 'playwright-core';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const root = path.resolve(__dirname, '..', '..');

function electronBinary(): string | null {
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(root, 'node_modules', 'electron', 'dist');
  const name =
    process.platform === 'win32'
      ? 'electron.exe'
      : process.platform === 'darwin'
        ? 'Electron.app/Contents/MacOS/Electron'
        : 'electron';
  const binary = path.join(dist, name);
  return fs.existsSync(binary) ? binary : null;
}

function skipReason(): string | null {
  if (!electronBinary())
    return 'no Electron binary (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1; set ELECTRON_OVERRIDE_DIST_PATH to run it)';
  if (!fs.existsSync(path.join(root, 'out', 'main', 'main.js'))) return 'the app is not built (run `npm run build`)';
  if (!fs.existsSync(path.join(root, 'out', 'native')))
    return 'better-sqlite3 is not built for Electron (run `node scripts/ensure-electron-sqlite.mjs`)';
  return null;
}

const reason = skipReason();
if (reason) console.warn(`desktop smoke test skipped: ${reason}`);

interface Hooks {
  trayTemplate(): Array<{ id?: string; label?: string; submenu?: unknown[] }>;
  clickTray(id: string): boolean;
  refreshTray(): Promise<void>;
  notifications: Array<{ kind: string; title: string; body: string }>;
  openWindow(): void;
}
declare const __cronbarE2E: Hooks;

describe.skipIf(reason !== null)('desktop app (Electron smoke)', () => {
  it('launches into the tray with its window open, runs a job from the tray and records its failure notification', async () => {
    const { _electron: electron } = require('playwright-core') as typeof Playwright;
    const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-e2e-'));
    fs.writeFileSync(
      path.join(userData, 'jobs.yaml'),
      [
        'jobs:',
        '  - id: smoke-fails',
        '    name: Smoke test job',
        '    cron: "0 3 1 1 *"',
        '    command: "echo about to fail; exit 3"',
        '',
      ].join('\n'),
    );
    const app = await electron.launch({
      executablePath: electronBinary()!,
      // As root on CI, Chromium refuses to start without --no-sandbox; only this launcher passes it.
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), root],
      env: { ...process.env, CRONBAR_E2E: '1', CRONBAR_HOME: userData },
      timeout: 60_000,
    });
    try {
      await expect.poll(() => app.evaluate(() => typeof globalThis.__cronbarE2E), { timeout: 30_000 }).toBe('object');
      const template = await app.evaluate(() => __cronbarE2E.trayTemplate());
      expect(JSON.stringify(template)).toContain('run-now:smoke-fails');
      expect(template.some((item) => item.id === 'quit')).toBe(true);

      // Started by hand (no --hidden), the app opens its window: stock GNOME shows no tray to open it from.
      const page = await app.firstWindow({ timeout: 30_000 });
      await page.waitForLoadState('domcontentloaded');
      expect(page.url()).toBe('app://cronbar/index.html');
      expect(await page.evaluate(() => typeof (globalThis as { api?: { listJobs?: unknown } }).api?.listJobs)).toBe(
        'function',
      );

      expect(await app.evaluate(() => __cronbarE2E.clickTray('run-now:smoke-fails'))).toBe(true);
      await expect
        .poll(() => app.evaluate(() => __cronbarE2E.notifications.map((notice) => notice.title)), { timeout: 30_000 })
        .toContain('Smoke test job failed');
      const notices = await app.evaluate(() => __cronbarE2E.notifications);
      expect(notices[0]?.body).toBe('exit code 3: about to fail');
      await app.evaluate(() => __cronbarE2E.refreshTray());
      expect(JSON.stringify(await app.evaluate(() => __cronbarE2E.trayTemplate()))).toContain('Failing (1)');
    } finally {
      await app.evaluate(({ app: electronApp }) => electronApp.quit()).catch(() => {});
      await app.close().catch(() => {});
      fs.rmSync(userData, { recursive: true, force: true });
    }
  });
});
