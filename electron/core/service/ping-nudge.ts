/**
 * The cross-process nudge for pings: `cronbar ping` (another process) writes the ping to the shared SQLite and then
 * rewrites `<data>/pings.nudge`; the scheduler watches the data directory (as for the jobs file) and reads the pings
 * after the last one it saw. No polling: an idle scheduler does nothing until a nudge arrives.
 */
import fs from 'node:fs';
import path from 'node:path';

export const PING_NUDGE_FILE = 'pings.nudge';

export function nudgeScheduler(dataDir: string, pingId: number): void {
  try {
    fs.writeFileSync(path.join(dataDir, PING_NUDGE_FILE), `${pingId}\n`);
  } catch {
    // The ping is stored; without the nudge the scheduler sees it at its next deadline or start. Never fail the ping.
  }
}

/** Calls `onNudge` (at most once per turn) after each nudge. Returns the stop function. */
export function watchPingNudges(dataDir: string, onNudge: () => void, onError: (error: Error) => void = () => {}): () => void {
  let queued = false;
  let stopped = false;
  const run = () => {
    queued = false;
    if (!stopped) onNudge();
  };
  let watcher: fs.FSWatcher;
  try {
    watcher = fs.watch(dataDir, { persistent: false }, (_event, changed) => {
      // Some platforms do not say which file changed: then any change is a candidate (the read is one indexed query).
      if (changed !== null && changed.toString() !== PING_NUDGE_FILE) return;
      if (queued) return;
      queued = true;
      setImmediate(run);
    });
  } catch (error) {
    onError(error as Error);
    return () => {};
  }
  watcher.on('error', onError);
  return () => {
    stopped = true;
    watcher.close();
  };
}
