/**
 * Each command job runs as the leader of its own process group (spawned `detached`), so one signal reaches the job
 * and everything it started: `restic` under `sh -c`, a `sleep 300 &` left behind, a child that traps SIGTERM.
 * Killing only the direct child leaves those running (Cronicle's bug: https://github.com/jhuckaby/Cronicle/issues/248).
 *
 * Crash recovery (engine/process-group-reaper.ts) uses the same checks: one notion of "alive" (zombies are dead) for
 * the runner's timeout, the reaper's kill and the check whether a run's owner process still lives.
 */
import fs from 'node:fs';
import { childProcess } from '../lazy-builtins';

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
    const taskkill = childProcess().spawn('taskkill', ['/T', '/F', '/PID', String(pgid)], {
      stdio: 'ignore',
      windowsHide: true,
    });
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

/** How much later than `time` a process must have started to count as a different one: /proc has 10 ms ticks and
 * whole-second boot times, and the wall clock may be nudged between the two readings. */
export const PID_REUSE_MARGIN_MS = 5_000;

/**
 * True when `pid` now names a process that started after `time` (epoch ms): it cannot be the process recorded then,
 * so the pid was reused (a reboot, a wrap-around). False when alive-and-older, gone, or unknown (no /proc).
 */
export function startedAfter(pid: number, time: number): boolean {
  const started = processStartEpoch(pid);
  return started !== null && started > time + PID_REUSE_MARGIN_MS;
}

/**
 * True while the process that was `pid` at `since` (epoch ms) still runs: the pid is alive and not a zombie, and was
 * not taken since by a newer process (a reboot, a wrap-around). For lock holders and run owners alike.
 */
export function isSameProcessAlive(pid: number, since: number): boolean {
  return isPidAlive(pid) && !startedAfter(pid, since);
}

/** Linux only: when the process started (epoch ms), from /proc; null when unknown. */
export function processStartEpoch(pid: number): number | null {
  const entry = process.platform === 'linux' ? readProcStat(pid) : null;
  if (!entry) return null;
  let bootLine: RegExpExecArray | null;
  try {
    bootLine = /^btime (\d+)$/m.exec(fs.readFileSync('/proc/stat', 'utf8'));
  } catch {
    return null;
  }
  // starttime is in clock ticks since boot; USER_HZ is 100 on every Linux build Node supports.
  return bootLine ? Number(bootLine[1]) * 1000 + entry.startTicks * 10 : null;
}

interface ProcEntry {
  pid: number;
  state: string;
  pgrp: number;
  startTicks: number;
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
  // Fields 3, 5 and 22 of proc(5), counted from the state.
  const state = fields[0];
  const pgrp = Number(fields[2]);
  const startTicks = Number(fields[19]);
  if (state === undefined || !Number.isInteger(pgrp) || !Number.isFinite(startTicks)) return null;
  return { pid, state, pgrp, startTicks };
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
