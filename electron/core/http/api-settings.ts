/** The desktop app's "Local HTTP API" setting, in `<data>/api-settings.json` (written atomically; a bad file reads as off). */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_API_PORT } from './listen-address';

const ApiSettingsSchema = z.object({ enabled: z.boolean(), port: z.number().int().min(1).max(65_535) });
export type ApiSettings = z.infer<typeof ApiSettingsSchema>;

export const API_SETTINGS_FILE = 'api-settings.json';
export const DEFAULT_API_SETTINGS: ApiSettings = { enabled: false, port: DEFAULT_API_PORT };

export function readApiSettings(dataDir: string): ApiSettings {
  try {
    const parsed = ApiSettingsSchema.safeParse(
      JSON.parse(fs.readFileSync(path.join(dataDir, API_SETTINGS_FILE), 'utf8')),
    );
    return parsed.success ? parsed.data : DEFAULT_API_SETTINGS;
  } catch {
    return DEFAULT_API_SETTINGS;
  }
}

export function writeApiSettings(dataDir: string, settings: ApiSettings): void {
  const file = path.join(dataDir, API_SETTINGS_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(ApiSettingsSchema.parse(settings), null, 2)}\n`);
  fs.renameSync(temp, file);
}
