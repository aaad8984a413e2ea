/** Runs the built `cronbar` CLI as a user would: a real process, a temp CRONBAR_HOME, real exit codes. */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunRecord } from '../../shared/model';

export const BIN = path.resolve(__dirname, '../../bin/cronbar.cjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function tempHome(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-cli-'));
}

/** `input`: piped to the CLI's stdin (else stdin is /dev/null). */
export function cronbar(
  args: string[],
  options: { home: string; env?: Record<string, string>; timeoutMs?: number; input?: string },
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, CRONBAR_HOME: options.home, ...options.env },
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    if (options.input !== undefined) child.stdin!.end(options.input);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk) => (stdout += chunk));
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`cronbar ${args.join(' ')} did not finish\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 20_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A `cronbar` process left running (a daemon, a `run` of a long job) whose output can be awaited. */
export class LiveCli {
  readonly child: ChildProcess;
  /** stdout and stderr as they arrived. */
  log = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** `fdLimit`: the soft and hard open-file limit of the process (Node raises its soft limit to the hard one). */
  /** `env`: over this process's environment (a daemon started from another environment than the CLI's). */
  constructor(args: string[], options: { home: string; fdLimit?: number; env?: Record<string, string> }) {
    const command: [string, string[]] =
      options.fdLimit === undefined
        ? [process.execPath, [BIN, ...args]]
        : ['/bin/sh', ['-c', `ulimit -n ${options.fdLimit} && exec "$0" "$@"`, process.execPath, BIN, ...args]];
    this.child = spawn(command[0], command[1], {
      env: { ...process.env, CRONBAR_HOME: options.home, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
    this.child.stdout!.on('data', (chunk) => (this.log += chunk));
    this.child.stderr!.on('data', (chunk) => (this.log += chunk));
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Resolves when the output matches; rejects after the timeout, or when the process exits first, with the output so far. */
  async waitFor(pattern: RegExp, timeoutMs = 10_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = this.log.match(pattern);
      if (match) return match;
      if (Date.now() > deadline)
        throw new Error(
          `cronbar ${this.child.spawnargs.slice(2).join(' ')}: output never matched ${pattern} within ${timeoutMs} ms:\n${this.log}`,
        );
      if (this.#hasExited())
        throw new Error(
          `cronbar ${this.child.spawnargs.slice(2).join(' ')} exited (${this.child.exitCode ?? this.child.signalCode}) before ${pattern}:\n${this.log}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Sends the signal and resolves with the exit code (null when a signal ended it). */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    // A process killed by a signal has exitCode null and its 'exit' event is past: check both or wait forever.
    if (!this.#hasExited()) this.child.kill(signal);
    return (await this.exited).code;
  }

  #hasExited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }
}

/** A long-running `cronbar daemon`. */
export class Daemon extends LiveCli {
  constructor(home: string, args: string[] = [], options: { fdLimit?: number; env?: Record<string, string> } = {}) {
    super(['daemon', ...args], { home, ...options });
  }
}

/** A job's runs as `cronbar history <job> --json` gives them, newest first. */
export async function jobHistory(home: string, jobId: string): Promise<RunRecord[]> {
  const result = await cronbar(['history', jobId, '--json'], { home });
  return JSON.parse(result.stdout) as RunRecord[];
}

/** Polls `probe` every 200 ms until it gives a value (not null); throws naming `what` after `timeoutMs`. */
export async function waitUntil<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
