/** The desktop-only contract methods (`appMethods`): settings, launch at login, opening files, saving a run log. */
import fs from 'node:fs/promises';
import { type BrowserWindow, dialog, shell } from 'electron';
import { type AppApi, CronbarError } from '../../shared/api/contract';
import type { LoginItem } from './login-item';
import type { PauseMorningSetting } from './pause-morning-setting';

export interface AppMethodsOptions {
  loginItem: LoginItem;
  pauseMorning: PauseMorningSetting;
  platform: string;
  version: string;
  dataDir: string;
  configPath: string;
  runOutput(runId: number): Promise<{ text: string }>;
  getRun(runId: number): Promise<{ jobId: string; id: number }>;
  window(): BrowserWindow | null;
  /** Called after launch at login changes, so the tray checkbox follows. */
  onSettingsChanged?(): void;
  /** Set when the desktop probably shows no tray icon (policy/tray-support.ts). */
  trayWarning?: string | null;
}

async function openPath(target: string, what: string): Promise<Record<string, never>> {
  // shell.openPath resolves with an error message instead of rejecting.
  const problem = await shell.openPath(target);
  if (problem) throw new CronbarError('internal', `cannot open the ${what} (${target}): ${problem}`);
  return {};
}

/** All of AppApi but the HTTP API switch, which http-api-switch.ts implements. */
export function createAppMethods(options: AppMethodsOptions): Omit<AppApi, 'getHttpApi' | 'setHttpApi'> {
  return {
    getAppSettings: async () => ({
      launchAtLogin: options.loginItem.get(),
      platform: options.platform,
      version: options.version,
      trayWarning: options.trayWarning ?? null,
      pauseMorning: options.pauseMorning.get(),
    }),
    setPauseMorning: async ({ time }) => {
      const pauseMorning = options.pauseMorning.set(time);
      options.onSettingsChanged?.();
      return { pauseMorning };
    },
    setLaunchAtLogin: async ({ enabled }) => {
      const launchAtLogin = options.loginItem.set(enabled);
      options.onSettingsChanged?.();
      return { launchAtLogin };
    },
    openDataFolder: () => openPath(options.dataDir, 'data folder'),
    openJobsFile: () => openPath(options.configPath, 'jobs file'),
    saveRunLog: async ({ runId }) => {
      const run = await options.getRun(runId);
      const output = await options.runOutput(runId);
      const window = options.window();
      const dialogOptions = {
        title: 'Save run log',
        defaultPath: `${run.jobId}-run-${run.id}.log`,
        filters: [{ name: 'Log files', extensions: ['log', 'txt'] }],
      };
      const choice = window
        ? await dialog.showSaveDialog(window, dialogOptions)
        : await dialog.showSaveDialog(dialogOptions);
      if (choice.canceled || !choice.filePath) return { savedTo: null };
      await fs.writeFile(choice.filePath, output.text);
      return { savedTo: choice.filePath };
    },
  };
}
