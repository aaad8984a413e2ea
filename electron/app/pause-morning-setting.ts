/**
 * The Settings value "a pause until the morning ends at" (HH:MM), kept in `<data>/desktop-settings.json` beside the
 * other desktop-only settings file (api-settings.json); a missing or bad file reads as the default, 08:00.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_PAUSE_MORNING, parseMorning } from '../policy/pause-morning';

export const DESKTOP_SETTINGS_FILE = 'desktop-settings.json';

export interface PauseMorningSetting {
  get(): string;
  /** Stores a valid HH:MM and returns it. */
  set(time: string): string;
}

export function pauseMorningSetting(dataDir: string): PauseMorningSetting {
  const file = path.join(dataDir, DESKTOP_SETTINGS_FILE);
  const read = (): Record<string, unknown> => {
    try {
      const value = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
      return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  };
  return {
    get() {
      const stored = read().pauseMorning;
      return typeof stored === 'string' && parseMorning(stored) ? stored : DEFAULT_PAUSE_MORNING;
    },
    set(time) {
      // The contract checked the shape; written atomically, keeping any other desktop setting in the file.
      const temp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, `${JSON.stringify({ ...read(), pauseMorning: time }, null, 2)}\n`, { mode: 0o600 });
      fs.renameSync(temp, file);
      return time;
    },
  };
}
