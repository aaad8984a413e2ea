/** Runs the built `cronbar` CLI as a user would: a real process, a temp CRONBAR_HOME, real exit codes. */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const BIN = path.resolve(__dirname, '../../bin/cronbar.cjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function tempHome(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-cli-'));
}

export function cronbar(args: string[], options: { home: string; env?: Record<string, string>; timeoutMs?: number }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, CRONBAR_HOME: options.home, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
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

/** A long-running `cronbar daemon` whose log can be awaited line by line. */
export class Daemon {
  readonly child: ChildProcess;
  log = '';
  constructor(home: string, args: string[] = []) {
    this.child = spawn(process.execPath, [BIN, 'daemon', ...args], {
      env: { ...process.env, CRONBAR_HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (chunk) => (this.log += chunk));
    this.child.stderr!.on('data', (chunk) => (this.log += chunk));
  }

  /** Resolves when the log matches; rejects after the timeout with the log so far. */
  async waitFor(pattern: RegExp, timeoutMs = 10_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = this.log.match(pattern);
      if (match) return match;
      if (Date.now() > deadline) throw new Error(`daemon log never matched ${pattern}:\n${this.log}`);
      if (this.child.exitCode !== null) throw new Error(`daemon exited (${this.child.exitCode}) before ${pattern}:\n${this.log}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve(this.child.exitCode);
      this.child.once('exit', (code) => resolve(code));
      this.child.kill(signal);
    });
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
