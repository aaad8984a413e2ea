/**
 * Notices edits made to the jobs file outside Cronbar. Watches the DIRECTORY, not the file: editors such as vim and
 * VS Code save by writing a new file and renaming it over the old one, and a watch on the old file's inode goes quiet
 * after the first such save (https://nodejs.org/api/fs.html#caveats, "Inodes").
 */
import fs from 'node:fs';
import path from 'node:path';
import { jobsTextVersion } from './jobs-file-text';

export interface WatchJobsOptions {
  /** Editors write in bursts (truncate, write, rename); wait this long after the last event before reading. */
  debounceMs?: number;
  /** A watch or read failure other than "the file is briefly gone". */
  onError?: (error: Error) => void;
}

/** Call it (or `.stop()`) to stop watching. */
export interface JobsFileWatcher {
  (): void;
  stop(): void;
  /** Tells the watcher a version we wrote ourselves, so that write does not come back as a change. */
  markOwnWrite(version: string): void;
}

export function watchJobsFile(
  filePath: string,
  onChange: (text: string, version: string) => void,
  options: WatchJobsOptions = {},
): JobsFileWatcher {
  const debounceMs = options.debounceMs ?? 200;
  const directory = path.dirname(path.resolve(filePath));
  const name = path.basename(filePath);
  let lastVersion = readVersioned(filePath)?.version ?? null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const check = () => {
    timer = null;
    if (stopped) return;
    let current: { text: string; version: string } | null;
    try {
      current = readVersioned(filePath);
    } catch (error) {
      options.onError?.(error as Error);
      return;
    }
    // Gone: an editor between delete and create, or the admin moved it away. Keep the last jobs; wait for it.
    if (current === null || current.version === lastVersion) return;
    lastVersion = current.version;
    onChange(current.text, current.version);
  };

  const watcher = fs.watch(directory, { persistent: false }, (_event, changed) => {
    // Some platforms do not say which file changed; then any change in the directory is a candidate.
    if (changed !== null && changed.toString() !== name) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(check, debounceMs);
  });
  watcher.on('error', (error) => options.onError?.(error));

  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (timer) clearTimeout(timer);
    watcher.close();
  };
  return Object.assign(stop, {
    stop,
    markOwnWrite(version: string) {
      lastVersion = version;
    },
  });
}

function readVersioned(filePath: string): { text: string; version: string } | null {
  try {
    const text = fs.readFileSync(filePath, 'utf8');
    return { text, version: jobsTextVersion(text) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
