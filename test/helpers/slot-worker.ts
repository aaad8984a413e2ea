/**
 * Runs one of the helper workers (`lock-race-worker.ts`, `first-use-worker.ts`) as its own Node process: many of them
 * started together race on one data directory, each in time slots from `startAt`. Resolves with its output lines.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

export function runSlotWorker(
  script: string,
  root: string,
  rounds: number,
  slotMs: number,
  startAt: number,
): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', script, root, String(rounds), String(slotMs), String(startAt)],
      { cwd: path.resolve(__dirname, '../..'), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(stdout.trim().split('\n')) : reject(new Error(`worker exited ${code}: ${stderr}`)),
    );
  });
}
