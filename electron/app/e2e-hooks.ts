/**
 * Test hooks for the Playwright smoke test, installed only when CRONBAR_E2E=1 in an unpackaged app. Playwright cannot
 * reach the OS tray or notification centre, so the test reads the tray template, clicks items by id and reads
 * recorded notifications here (through `electronApp.evaluate`). A packaged app never installs them, whatever its
 * environment says: they would let anyone who can set an environment variable drive the app and hide its
 * notifications.
 */
import type { TrayMenuItem } from '../policy/tray-menu-text';
import type { RecordedNotice } from './notifier';

export interface CronbarE2EHooks {
  trayTemplate(): TrayMenuItem[];
  trayTooltip(): string;
  trayIcon(): string | null;
  refreshTray(): Promise<void>;
  clickTray(id: string): boolean;
  notifications: RecordedNotice[];
  clickNotification(index: number): boolean;
  openWindow(): void;
  dataDir: string;
}

declare global {
  var __cronbarE2E: CronbarE2EHooks | undefined;
}

export function isE2E(env: Record<string, string | undefined>, isPackaged: boolean): boolean {
  return !isPackaged && env.CRONBAR_E2E === '1';
}

export function installE2EHooks(hooks: CronbarE2EHooks): void {
  globalThis.__cronbarE2E = hooks;
}
