/**
 * Tray menu item ids and what they mean. The template carries plain ids (so it can be compared and tested as data);
 * the glue turns a clicked id back into an action here.
 */
import { DEFAULT_PAUSE_MORNING, nextMorning } from './pause-morning';

export type PauseChoice = '1h' | 'tomorrow' | 'resumed';

export type TrayAction =
  | { kind: 'open-window' }
  | { kind: 'open-checks' }
  | { kind: 'open-job'; jobId: string }
  | { kind: 'open-run'; runId: number }
  | { kind: 'run-now'; jobId: string }
  | { kind: 'pause-all'; choice: PauseChoice }
  | { kind: 'resume-all' }
  | { kind: 'edit-jobs-file' }
  | { kind: 'open-data-folder' }
  | { kind: 'toggle-launch-at-login' }
  | { kind: 'quit' };

export const trayIds = {
  openWindow: 'open-window',
  openChecks: 'open-checks',
  openJob: (jobId: string) => `open-job:${jobId}`,
  openRun: (runId: number) => `open-run:${runId}`,
  runNow: (jobId: string) => `run-now:${jobId}`,
  pauseAll: (choice: PauseChoice) => `pause-all:${choice}`,
  resumeAll: 'resume-all',
  editJobsFile: 'edit-jobs-file',
  openDataFolder: 'open-data-folder',
  launchAtLogin: 'launch-at-login',
  quit: 'quit',
} as const;

const SIMPLE: Record<string, TrayAction> = {
  [trayIds.openWindow]: { kind: 'open-window' },
  [trayIds.openChecks]: { kind: 'open-checks' },
  [trayIds.resumeAll]: { kind: 'resume-all' },
  [trayIds.editJobsFile]: { kind: 'edit-jobs-file' },
  [trayIds.openDataFolder]: { kind: 'open-data-folder' },
  [trayIds.launchAtLogin]: { kind: 'toggle-launch-at-login' },
  [trayIds.quit]: { kind: 'quit' },
};

/** Returns null for ids that do nothing (status lines, headers) or that are not ours. */
export function parseTrayAction(id: string): TrayAction | null {
  const simple = SIMPLE[id];
  if (simple) return simple;
  const colon = id.indexOf(':');
  if (colon < 0) return null;
  const kind = id.slice(0, colon);
  const arg = id.slice(colon + 1);
  if (!arg) return null;
  switch (kind) {
    case 'open-job':
      return { kind: 'open-job', jobId: arg };
    case 'run-now':
      return { kind: 'run-now', jobId: arg };
    case 'open-run': {
      const runId = Number(arg);
      return Number.isInteger(runId) && runId > 0 ? { kind: 'open-run', runId } : null;
    }
    case 'pause-all':
      return arg === '1h' || arg === 'tomorrow' || arg === 'resumed' ? { kind: 'pause-all', choice: arg } : null;
    default:
      return null;
  }
}

/** When "pause all" ends for a menu choice (null: until resumed); "tomorrow" is the next `morning` (HH:MM). */
export function pauseUntil(
  choice: PauseChoice,
  now: number,
  timeZone?: string,
  morning: string = DEFAULT_PAUSE_MORNING,
): number | null {
  if (choice === '1h') return now + 3_600_000;
  if (choice === 'tomorrow') return nextMorning(now, morning, timeZone);
  return null;
}
