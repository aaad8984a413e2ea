/**
 * Runs a `command:` job: a string through the user's shell, an argv list directly. The job leads its own process
 * group so a timeout or cancel reaches everything it started, and nothing it started outlives it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { ActionSpec } from '../../../shared/config/schema';
import type { Clock, RunContext, TimerHandle } from '../ports';
import type { ActionOutput } from './action-output';
import { type ActionOutcome, type StartedAction, failed } from './action-outcome';
import { expandHome } from './expand-home';
import { keepProcessAlive } from './keep-alive';
import { isProcessGroupAlive, killProcessGroup } from './process-group';
import type { StopControl } from './stop-control';

export type CommandActionSpec = Extract<ActionSpec, { kind: 'command' }>;

export interface CommandActionOptions {
  clock: Clock;
  /** SIGTERM first; SIGKILL this long after if anything in the group is still running. */
  killGraceMs: number;
  /** Used when the job sets no `shell:`; falls back to $SHELL, then /bin/sh. */
  shell?: string;
  homeDir?: string;
}

const isWindows = process.platform === 'win32';
/** How often to look whether a stopped group is empty yet. */
const GROUP_POLL_MS = 50;
/** How long after SIGKILL before we report a process that would not die (uninterruptible I/O, another user's). */
const AFTER_KILL_WAIT_MS = 2_000;
/** After the group is gone, pipes still held by a process that left the group (setsid) are given this long. */
const STDIO_DRAIN_MS = 1_000;

interface Invocation {
  file: string;
  args: string[];
  /** What to call the program in a "not found" message: the shell for string commands. */
  shell: string | null;
  windowsVerbatimArguments: boolean;
}

export function startCommandAction(
  action: CommandActionSpec,
  context: RunContext,
  output: ActionOutput,
  stop: StopControl,
  options: CommandActionOptions,
): StartedAction {
  const home = options.homeDir ?? os.homedir();
  const cwd = expandHome(action.cwd ?? home, home);
  const cwdProblem = directoryProblem(cwd);
  if (cwdProblem) return { pid: null, outcome: Promise.resolve(failed(cwdProblem)) };

  const invocation = buildInvocation(action, options.shell, home);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...action.env,
    CRONBAR_JOB_ID: context.jobId,
    CRONBAR_RUN_ID: String(context.runId),
    CRONBAR_SCHEDULED_AT: context.scheduledFor === null ? '' : new Date(context.scheduledFor).toISOString(),
    CRONBAR_ATTEMPT: String(context.attempt),
    // A chain run (after:) can find what its parent made (`cronbar logs $CRONBAR_PARENT_RUN_ID`, files named by it).
    ...(context.parent
      ? { CRONBAR_PARENT_RUN_ID: String(context.parent.runId), CRONBAR_PARENT_JOB: context.parent.jobId }
      : {}),
  };

  let child: ChildProcess;
  try {
    child = spawn(invocation.file, invocation.args, {
      cwd,
      env,
      stdio: [context.stdin === 'inherit' ? 'inherit' : 'ignore', 'pipe', 'pipe'],
      // POSIX: the child becomes a process group leader (pgid = pid). Windows has no groups; taskkill /T walks the tree.
      detached: !isWindows,
      windowsHide: true,
      windowsVerbatimArguments: invocation.windowsVerbatimArguments,
    });
  } catch (error) {
    // Synchronous spawn errors: a NUL byte in an argument, an invalid option.
    return { pid: null, outcome: Promise.resolve(failed(spawnErrorReason(error, invocation))) };
  }

  const pid = child.pid;
  if (pid === undefined) {
    // ENOENT, EACCES…: Node reports them on the next tick through 'error'.
    const outcome = new Promise<ActionOutcome>((resolve) => {
      child.once('error', (error) => resolve(failed(spawnErrorReason(error, invocation))));
    });
    return { pid: null, outcome };
  }
  return { pid, outcome: supervise(child, pid, output, stop, options) };
}

async function supervise(
  child: ChildProcess,
  pgid: number,
  output: ActionOutput,
  stop: StopControl,
  options: CommandActionOptions,
): Promise<ActionOutcome> {
  const { clock, killGraceMs } = options;
  const streams = [child.stdout, child.stderr].filter((stream): stream is Readable => stream !== null);
  const streamsClosed = Promise.all(
    streams.map((stream) => new Promise<void>((resolve) => stream.once('close', () => resolve()))),
  );
  // Both pipes feed one tail, so stdout and stderr interleave as they arrive.
  for (const stream of streams) stream.on('data', (chunk: Buffer) => output.write(chunk));
  // After a successful start 'error' only reports a failed kill; the group kill below does not go through it.
  child.on('error', () => {});
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });

  let exited = false;
  let terminating = false;
  let lastSignal: NodeJS.Signals | null = null;
  let sigkillAt: number | null = null;
  let killTimer: TimerHandle | null = null;

  const signalGroup = (signal: NodeJS.Signals) => {
    if (killProcessGroup(pgid, signal)) lastSignal = signal;
  };
  const sendSigkill = () => {
    killTimer = null;
    sigkillAt = clock.monotonic();
    signalGroup('SIGKILL');
  };
  const terminate = () => {
    if (terminating) return;
    terminating = true;
    signalGroup('SIGTERM');
    killTimer = keepProcessAlive(clock.setTimeout(sendSigkill, killGraceMs));
  };
  const onStop = () => {
    if (!exited) terminate();
  };
  if (stop.signal.aborted) onStop();
  else stop.signal.addEventListener('abort', onStop, { once: true });

  const { code, signal } = await exit;
  exited = true;
  const cause = stop.cause;

  // The direct child is gone; anything still in its group (a `sleep 300 &`, a child that trapped SIGTERM) goes too.
  if (isProcessGroupAlive(pgid)) {
    if (!terminating)
      output.writeLine('[cronbar] the job exited but left processes running in its process group; stopping them');
    terminate();
    while (isProcessGroupAlive(pgid)) {
      if (sigkillAt !== null && clock.monotonic() - sigkillAt > AFTER_KILL_WAIT_MS) {
        output.writeLine(`[cronbar] process group ${pgid} is still alive ${AFTER_KILL_WAIT_MS} ms after SIGKILL`);
        break;
      }
      await sleep(clock, GROUP_POLL_MS);
    }
  }
  if (killTimer !== null) clock.clearTimeout(killTimer);
  killTimer = null;
  stop.signal.removeEventListener('abort', onStop);

  const drainTimer: { handle: TimerHandle | null } = { handle: null };
  await Promise.race([
    streamsClosed,
    new Promise<void>((resolve) => (drainTimer.handle = clock.setTimeout(resolve, STDIO_DRAIN_MS))),
  ]);
  if (drainTimer.handle !== null) clock.clearTimeout(drainTimer.handle);
  for (const stream of streams) stream.destroy();

  if (cause) return { status: cause.status, reason: cause.reason, exitCode: code, signal: signal ?? lastSignal };
  if (signal) return { status: 'failed', exitCode: null, signal, reason: `killed by ${signal}` };
  if (code === 0) return { status: 'succeeded', exitCode: 0, signal: null, reason: null };
  return { status: 'failed', exitCode: code, signal: null, reason: `exited with code ${code}${exitCodeHint(code)}` };
}

function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => keepProcessAlive(clock.setTimeout(resolve, ms)));
}

/** The shell's conventions (POSIX 2.8.2): 127 = not found, 126 = found but not executable. */
function exitCodeHint(code: number | null): string {
  if (code === 127) return ' (command not found)';
  if (code === 126) return ' (command not executable)';
  return '';
}

function directoryProblem(dir: string): string | null {
  let stats: fs.Stats;
  try {
    stats = fs.statSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `working directory not found: ${dir}`;
    return `working directory not usable: ${dir} (${code ?? String(error)})`;
  }
  return stats.isDirectory() ? null : `working directory is not a directory: ${dir}`;
}

function buildInvocation(action: CommandActionSpec, defaultShell: string | undefined, home: string): Invocation {
  if (Array.isArray(action.command)) {
    const [file = '', ...args] = action.command.map((item) => expandHome(item, home));
    return { file, args, shell: null, windowsVerbatimArguments: false };
  }
  const shell =
    action.shell ??
    defaultShell ??
    (process.env.SHELL || undefined) ??
    (isWindows ? process.env.ComSpec || 'cmd.exe' : '/bin/sh');
  if (isWindows && /^cmd(\.exe)?$/i.test(path.basename(shell))) {
    // What Node itself does for `shell: true` on Windows: cmd needs the command quoted whole and passed verbatim.
    return { file: shell, args: ['/d', '/s', '/c', `"${action.command}"`], shell, windowsVerbatimArguments: true };
  }
  return { file: shell, args: ['-c', action.command], shell, windowsVerbatimArguments: false };
}

function spawnErrorReason(error: unknown, invocation: Invocation): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const what = invocation.shell ? `shell ${invocation.shell}` : invocation.file;
  if (code === 'ENOENT')
    return invocation.shell ? `shell not found: ${invocation.shell}` : `command not found: ${invocation.file}`;
  if (code === 'EACCES') return `permission denied: ${what} is not executable`;
  const message = error instanceof Error ? error.message : String(error);
  return `could not start ${what}: ${message}`;
}
