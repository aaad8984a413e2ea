/**
 * Each command job runs as the leader of its own process group (spawned `detached`), so one signal reaches the job
 * and everything it started: `restic` under `sh -c`, a `sleep 300 &` left behind, a child that traps SIGTERM.
 * Killing only the direct child leaves those running (Cronicle's bug: https://github.com/jhuckaby/Cronicle/issues/248).
 *
 * The engine also uses these after a crash: a run recorded as live with a pgid gets its group killed on restart.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';

const isWindows = process.platform === 'win32';

/**
 * A pgid we may signal. `process.kill(-0)` would hit our own group and `process.kill(-1)` every process we may
 * signal, so anything that is not a plausible job leader (including ourselves) is refused.
 */
function isSafeGroupId(pgid: number): boolean {
  return Number.isSafeInteger(pgid) && pgid > 1 && pgid !== process.pid;
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/**
 * True while any process of the group can still run. Zombies do not count: where PID 1 does not reap orphans (some
 * containers) a killed grandchild stays a zombie forever and `kill(-pgid, 0)` keeps succeeding.
 */
export function isProcessGroupAlive(pgid: number): boolean {
  if (!isSafeGroupId(pgid)) return false;
  if (isWindows) return isPidAlive(pgid);
  try {
    process.kill(-pgid, 0);
  } catch (error) {
    // EPERM: the group exists but belongs to someone else (pid reuse after a crash); it is alive, just not ours.
    return errorCode(error) === 'EPERM';
  }
  const members = linuxGroupMembers(pgid);
  return members === null || members.some((member) => member.state !== 'Z');
}

/**
 * Sends `signal` to every process in the group. Returns false when the group is already gone (or only zombies are
 * left). On Windows there are
 * no groups or SIGTERM for console programs: `taskkill /T /F` ends the tree rooted at the pid, whatever the signal
 * (untested here: the CI and dev machines are POSIX).
 */
export function killProcessGroup(pgid: number, signal: NodeJS.Signals): boolean {
  if (!isSafeGroupId(pgid)) return false;
  if (isWindows) {
    if (!isPidAlive(pgid)) return false;
    const taskkill = spawn('taskkill', ['/T', '/F', '/PID', String(pgid)], { stdio: 'ignore', windowsHide: true });
    taskkill.on('error', () => {});
    return true;
  }
  if (!isProcessGroupAlive(pgid)) return false;
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ESRCH') return false;
    if (errorCode(error) === 'EPERM') return false;
    throw error;
  }
}

/** A single process, not a group (the Windows check, and for tests). Zombies count as dead on Linux. */
export function isPidAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid < 1) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
  return procState(pid) !== 'Z';
}

interface ProcEntry {
  pid: number;
  state: string;
  pgrp: number;
}

/** `/proc/<pid>/stat`: the command name may hold spaces and parentheses, so split after the last `)`. */
function readProcStat(pid: number): ProcEntry | null {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const pgrp = Number(fields[2]);
  if (state === undefined || !Number.isInteger(pgrp)) return null;
  return { pid, state, pgrp };
}

function procState(pid: number): string | null {
  if (process.platform !== 'linux') return null;
  return readProcStat(pid)?.state ?? null;
}

/** The group's members from /proc, or null where there is no /proc (macOS): then `kill(-pgid, 0)` is the answer. */
function linuxGroupMembers(pgid: number): ProcEntry[] | null {
  if (process.platform !== 'linux') return null;
  let names: string[];
  try {
    names = fs.readdirSync('/proc');
  } catch {
    return null;
  }
  const members: ProcEntry[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const entry = readProcStat(Number(name));
    if (entry?.pgrp === pgid) members.push(entry);
  }
  return members;
}
