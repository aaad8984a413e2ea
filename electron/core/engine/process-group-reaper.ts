/**
 * Crash recovery for processes: a run left `running` by a Cronbar that died may still have its process group alive.
 * We kill that group so an orphaned job does not keep running unseen — but only when it is plausibly ours: a pid can
 * be reused after a reboot, so on Linux a group whose leader started after the run did is left alone.
 */
import { readFileSync } from 'node:fs';

export type KillOutcome = 'killed' | 'gone' | 'not-ours' | 'unsupported' | 'failed';

/** Linux only: when the process started (epoch ms), from /proc; null when unknown. */
function processStartEpoch(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime, in clock ticks since boot) follows the parenthesised command, which may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const startTicks = Number(fields[19]);
    const bootLine = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'));
    if (!bootLine || !Number.isFinite(startTicks)) return null;
    // USER_HZ is 100 on every Linux build Node supports.
    return Number(bootLine[1]) * 1000 + (startTicks / 100) * 1000;
  } catch {
    return null;
  }
}

function isAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else — not ours to kill either way.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Kills process group `pgid` left by run started at `runStartedAt` (epoch ms), if it is still alive and ours. */
export function killLeftoverProcessGroup(pgid: number, runStartedAt: number | null): KillOutcome {
  if (process.platform === 'win32') return 'unsupported';
  if (!Number.isInteger(pgid) || pgid <= 1) return 'failed';
  if (!isAlive(pgid)) return 'gone';
  const leaderStart = processStartEpoch(pgid);
  // Allow for clock granularity and the time between the row's startedAt and the spawn.
  if (leaderStart !== null && runStartedAt !== null && leaderStart > runStartedAt + 5_000) return 'not-ours';
  try {
    process.kill(-pgid, 'SIGKILL');
    return 'killed';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH' ? 'gone' : 'failed';
  }
}
