/**
 * One scheduler per data directory. Two schedulers on one DB would double-run every job, so the second one (app or
 * daemon) refuses to schedule and says who holds the lock; read-only commands never take it.
 *
 * The lock is a file created with O_EXCL holding the owner's pid and host. A lock whose process is gone (Cronbar was
 * killed), or whose pid now names a process that started after the lock was taken (a power cut, then a reboot), is
 * stale and taken over.
 */
import fs from 'node:fs';
import os from 'node:os';
import { isPidAlive, isSameProcessAlive } from '../runner/process-group';

export interface LockOwner {
  pid: number;
  host: string;
  /** `daemon`, `app`, … */
  kind: string;
  since: number;
}

export type LockResult =
  | { acquired: true; owner: LockOwner; release: () => void }
  | { acquired: false; holder: LockOwner; description: string };

export function describeOwner(owner: LockOwner): string {
  return `cronbar ${owner.kind} (pid ${owner.pid} on ${owner.host}, since ${new Date(owner.since).toISOString()})`;
}

function readOwner(lockPath: string): LockOwner | null {
  try {
    const owner = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockOwner;
    return typeof owner.pid === 'number' ? owner : null;
  } catch {
    return null;
  }
}

/** The holder still runs: its pid is alive and was not taken, after a reboot say, by a process started since. */
function isHeldBy(holder: LockOwner): boolean {
  return typeof holder.since === 'number' ? isSameProcessAlive(holder.pid, holder.since) : isPidAlive(holder.pid);
}

export function acquireInstanceLock(lockPath: string, kind: string, now: () => number = Date.now): LockResult {
  const me: LockOwner = { pid: process.pid, host: os.hostname(), kind, since: now() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx', 0o644);
      fs.writeSync(fd, JSON.stringify(me));
      fs.closeSync(fd);
      let released = false;
      return {
        acquired: true,
        owner: me,
        release: () => {
          if (released) return;
          released = true;
          // Only remove the lock if it is still ours (a stale-lock takeover by another process must not be undone).
          if (readOwner(lockPath)?.pid === me.pid) fs.rmSync(lockPath, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readOwner(lockPath);
    // A lock from another host cannot be checked; treat it as held (shared home directories over NFS).
    if (holder && (holder.host !== me.host || isHeldBy(holder)) && holder.pid !== process.pid) {
      return { acquired: false, holder, description: describeOwner(holder) };
    }
    // Stale (the owner died) or unreadable (a crash mid-write): take it over.
    fs.rmSync(lockPath, { force: true });
  }
  const holder = readOwner(lockPath) ?? { pid: -1, host: 'unknown', kind: 'unknown', since: now() };
  return { acquired: false, holder, description: describeOwner(holder) };
}

/**
 * Who schedules this data directory right now, without trying to take the lock: the live holder, or null when the
 * lock is free or stale. A holder on another host cannot be checked and counts as live.
 */
export function readLockHolder(lockPath: string): LockOwner | null {
  const holder = readOwner(lockPath);
  if (!holder) return null;
  return holder.host !== os.hostname() || isHeldBy(holder) ? holder : null;
}
