/**
 * One scheduler per data directory. Two schedulers on one DB would double-run every job, so the second one (app or
 * daemon) refuses to schedule and says who holds the lock; read-only commands never take it.
 *
 * The lock is a file holding the owner's pid and host. It appears whole, by a hard link from a file already written,
 * so no one ever reads a half-written lock. A lock whose process is gone (Cronbar was killed), or whose pid now names
 * a process that started after the lock was taken (a power cut, then a reboot), is stale and taken over — by one
 * process at a time: removing it needs the takeover claim (`cronbar.lock.takeover`, created exclusively), and under
 * the claim the lock is removed only if it still is the stale one that was read. Without the claim, two schedulers
 * starting together after a crash could each remove the stale lock, the second removing the first's fresh one, and
 * both schedule.
 */
import { randomBytes } from 'node:crypto';
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

/** A claim this old was left by a process killed while taking over: no takeover takes this long. */
const ABANDONED_CLAIM_MS = 10_000;
/**
 * How long a start waits for another process's takeover to finish. A takeover is a few file operations, so this is
 * reached only past an abandoned claim, which it outlasts so that the start then takes the lock over itself.
 */
const TAKEOVER_WAIT_MS = ABANDONED_CLAIM_MS + 2_000;
/** A lock file this young that does not parse may still be being written (by a Cronbar without the link). */
const UNREADABLE_GRACE_MS = 2_000;

export function describeOwner(owner: LockOwner): string {
  return `cronbar ${owner.kind} (pid ${owner.pid} on ${owner.host}, since ${new Date(owner.since).toISOString()})`;
}

function readRaw(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function parseOwner(raw: string | null): LockOwner | null {
  try {
    const owner = JSON.parse(raw ?? '') as LockOwner;
    return typeof owner?.pid === 'number' ? owner : null;
  } catch {
    return null;
  }
}

function readOwner(lockPath: string): LockOwner | null {
  return parseOwner(readRaw(lockPath));
}

/** The holder still runs: its pid is alive and was not taken, after a reboot say, by a process started since. */
function isHeldBy(holder: LockOwner): boolean {
  return typeof holder.since === 'number' ? isSameProcessAlive(holder.pid, holder.since) : isPidAlive(holder.pid);
}

function ageMs(file: string): number | null {
  try {
    return Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function acquireInstanceLock(lockPath: string, kind: string, now: () => number = Date.now): LockResult {
  const me: LockOwner = { pid: process.pid, host: os.hostname(), kind, since: now() };
  // Real time: this bounds a wait for other processes, whatever clock the caller runs on.
  const giveUpAt = Date.now() + TAKEOVER_WAIT_MS;
  for (;;) {
    if (createLock(lockPath, JSON.stringify(me)))
      return { acquired: true, owner: me, release: () => releaseLock(lockPath, me) };
    const raw = readRaw(lockPath);
    const holder = parseOwner(raw);
    // A lock from another host cannot be checked; treat it as held (shared home directories over NFS).
    if (holder && (holder.host !== me.host || isHeldBy(holder)) && holder.pid !== process.pid)
      return { acquired: false, holder, description: describeOwner(holder) };
    if (raw !== null) {
      // Stale (the owner died) or unreadable (a crash mid-write): take it over, unless another process is doing so
      // or, unreadable and new, it may still be being written.
      const beingWritten = !holder && (ageMs(lockPath) ?? Infinity) < UNREADABLE_GRACE_MS;
      if (!beingWritten && removeStaleLock(lockPath, raw)) continue;
    } // else released just now: try again
    if (Date.now() > giveUpAt) break;
    if (raw !== null) sleep(5);
  }
  const holder = readOwner(lockPath) ?? { pid: -1, host: 'unknown', kind: 'unknown', since: now() };
  return { acquired: false, holder, description: describeOwner(holder) };
}

/** Creates the lock holding `content`, whole, unless one exists. */
function createLock(lockPath: string, content: string): boolean {
  const written = `${lockPath}.${process.pid}-${randomBytes(4).toString('hex')}.new`;
  fs.writeFileSync(written, content, { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(written, lockPath);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // A file system without hard links: create in place (a reader may then see it empty for a moment).
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') return createInPlace(lockPath, content);
    throw error;
  } finally {
    fs.rmSync(written, { force: true });
  }
}

function createInPlace(lockPath: string, content: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(lockPath, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    fs.writeSync(fd, content);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/**
 * Removes the lock if it still reads `staleRaw`, holding the takeover claim; false when another process holds the
 * claim (the caller waits and looks again). Under the claim the stale lock cannot change: its holder is dead and
 * cannot release it, no one can create a lock while it exists, and only the claim's holder removes it.
 */
function removeStaleLock(lockPath: string, staleRaw: string): boolean {
  const claimPath = `${lockPath}.takeover`;
  try {
    fs.closeSync(fs.openSync(claimPath, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if ((ageMs(claimPath) ?? 0) > ABANDONED_CLAIM_MS) fs.rmSync(claimPath, { force: true });
    return false;
  }
  try {
    if (readRaw(lockPath) === staleRaw) fs.rmSync(lockPath, { force: true });
  } finally {
    fs.rmSync(claimPath, { force: true });
  }
  return true;
}

function releaseLock(lockPath: string, me: LockOwner): void {
  // Only remove the lock if it is still ours (a stale-lock takeover by another process must not be undone).
  const holder = readOwner(lockPath);
  if (holder?.pid === me.pid && holder.since === me.since) fs.rmSync(lockPath, { force: true });
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
