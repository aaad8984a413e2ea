/**
 * `<data>/api.json`: which process serves the API of this data directory and where. Written by the serving (scheduling)
 * process once it listens, removed when it stops; the CLI and the app read it to find the API or to say who serves it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { isSameProcessAlive } from '../runner/process-group';

export const ENDPOINT_FILE = 'api.json';

export const ApiEndpointSchema = z.object({
  pid: z.number().int(),
  /** `daemon` or `app`. */
  kind: z.string(),
  url: z.string(),
  startedAt: z.number(),
  metricsNoAuth: z.boolean(),
});
export type ApiEndpoint = z.infer<typeof ApiEndpointSchema>;

export function endpointPath(dataDir: string): string {
  return path.join(dataDir, ENDPOINT_FILE);
}

export function writeEndpoint(dataDir: string, endpoint: ApiEndpoint): void {
  const file = endpointPath(dataDir);
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(endpoint, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temp, file);
}

/** The serving process, or null when none (no file, a damaged one, or its process is gone, its pid maybe reused since). */
export function readEndpoint(dataDir: string): ApiEndpoint | null {
  let text: string;
  try {
    text = fs.readFileSync(endpointPath(dataDir), 'utf8');
  } catch {
    return null;
  }
  let parsed;
  try {
    parsed = ApiEndpointSchema.safeParse(JSON.parse(text));
  } catch {
    return null;
  }
  if (!parsed.success || !isSameProcessAlive(parsed.data.pid, parsed.data.startedAt)) return null;
  return parsed.data;
}

/** Removes the file if it still names this process (a newer server may have replaced it). */
export function removeEndpoint(dataDir: string, pid: number = process.pid): void {
  const file = endpointPath(dataDir);
  try {
    const current = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid?: unknown };
    if (current.pid === pid) fs.rmSync(file, { force: true });
  } catch {
    // Missing or unreadable: nothing of ours to remove.
  }
}
