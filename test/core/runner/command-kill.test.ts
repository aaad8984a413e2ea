/**
 * Timeouts, cancels and left-behind processes, with real process trees. The grace is short (300 ms) so the tests
 * are quick; they check what survives, not how fast.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActionRunner } from '../../../electron/core/runner/action-runner';
import { commandJob, isRunning, manualRun, printedPids } from './runner-fixtures';

let dataDir: string;
const spawnedPids: number[] = [];
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-kill-'));
});
afterEach(() => {
  // Should a test fail, do not leave its processes behind for the next one.
  for (const pid of spawnedPids.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const runner = () => createActionRunner({ dataDir, killGraceMs: 300 });

/**
 * A shell that starts `sleep 300` in the background and a child that ignores SIGTERM (its own `sleep`s inherit the
 * ignore), prints their pids, then waits. Only a group SIGKILL ends all of it.
 */
const STUBBORN_TREE = [
  'sleep 300 & echo "background $!"',
  `sh -c 'trap "" TERM; echo "stubborn $$"; while :; do sleep 0.05; done' &`,
  'echo "shell $$"',
  'wait',
].join('\n');

async function waitForPids(read: () => Buffer, labels: string[]): Promise<Map<string, number>> {
  for (let tries = 0; tries < 200; tries++) {
    const found = new Map(labels.flatMap((label) => printedPids(read(), label).map((pid) => [label, pid] as const)));
    if (found.size === labels.length) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`the job never printed ${labels.join(', ')}`);
}

describe('timeout', () => {
  it('kills the whole tree, including a grandchild that ignores SIGTERM, and says it timed out', async () => {
    const running = runner().start(commandJob(STUBBORN_TREE, {}, { timeoutMs: 500 }), manualRun);
    let printed = Buffer.alloc(0);
    running.onOutput((chunk) => (printed = Buffer.concat([printed, chunk])));
    const pids = await waitForPids(() => printed, ['background', 'stubborn', 'shell']);
    spawnedPids.push(...pids.values());
    expect([...pids.values()].every(isRunning)).toBe(true);

    const result = await running.done;

    expect(result.status).toBe('timed-out');
    expect(result.reason).toBe('timed out after 500ms');
    expect(result.signal).toBe('SIGTERM');
    for (const [label, pid] of pids) expect(isRunning(pid), `${label} ${pid}`).toBe(false);
  });

  it('does not fire for a job that finishes in time', async () => {
    const result = await runner().start(commandJob('echo quick', {}, { timeoutMs: 5_000 }), manualRun).done;
    expect(result).toMatchObject({ status: 'succeeded', reason: null, signal: null });
  });
});

describe('cancel', () => {
  it('stops the whole tree and records the given reason as interrupted', async () => {
    const running = runner().start(commandJob(STUBBORN_TREE, {}, { timeoutMs: 60_000 }), manualRun);
    let printed = Buffer.alloc(0);
    running.onOutput((chunk) => (printed = Buffer.concat([printed, chunk])));
    const pids = await waitForPids(() => printed, ['background', 'stubborn', 'shell']);
    spawnedPids.push(...pids.values());

    running.cancel('stopped from the tray');
    running.cancel('a second cancel changes nothing');
    const result = await running.done;

    expect(result).toMatchObject({ status: 'interrupted', reason: 'stopped from the tray', signal: 'SIGTERM' });
    for (const [label, pid] of pids) expect(isRunning(pid), `${label} ${pid}`).toBe(false);
  });

  it('lets a job that handles SIGTERM clean up within the grace', async () => {
    const job = commandJob(`trap 'echo "cleaning up"; exit 0' TERM; echo ready; while :; do sleep 0.05; done`);
    const running = runner().start(job, manualRun);
    await new Promise<void>((resolve) => running.onOutput((chunk) => chunk.toString().includes('ready') && resolve()));
    running.cancel('app quitting');
    const result = await running.done;
    expect(result).toMatchObject({ status: 'interrupted', reason: 'app quitting', exitCode: 0 });
    expect(result.outputTail.toString()).toContain('cleaning up');
  });

  it('after the job finished, changes nothing', async () => {
    const running = runner().start(commandJob('exit 0'), manualRun);
    const result = await running.done;
    running.cancel('too late');
    expect(result.status).toBe('succeeded');
  });
});

describe('processes left behind', () => {
  it('are stopped when the job exits, without changing its result', async () => {
    const result = await runner().start(
      commandJob('sleep 300 >/dev/null 2>&1 & echo "background $!"; exit 0'),
      manualRun,
    ).done;
    const [background] = printedPids(result.outputTail, 'background');
    spawnedPids.push(background!);
    expect(result).toMatchObject({ status: 'succeeded', exitCode: 0, reason: null });
    expect(result.outputTail.toString()).toContain('left processes running');
    expect(isRunning(background!)).toBe(false);
  });

  it('are stopped even when they ignore SIGTERM and keep the output pipe open', async () => {
    const job = commandJob(`sh -c 'trap "" TERM; echo "stubborn $$"; exec sleep 300' & sleep 0.2; exit 4`);
    const result = await runner().start(job, manualRun).done;
    const [stubborn] = printedPids(result.outputTail, 'stubborn');
    spawnedPids.push(stubborn!);
    expect(result).toMatchObject({ status: 'failed', exitCode: 4, reason: 'exited with code 4' });
    expect(isRunning(stubborn!)).toBe(false);
  });

  it('do not include a process that moved to its own session: the run still ends', async () => {
    // setsid leaves our group; we cannot (and should not) chase it, but must not wait forever on the pipe it holds.
    const job = commandJob('setsid sh -c \'echo "escaped $$"; exec sleep 300\' & sleep 0.2');
    const result = await runner().start(job, manualRun).done;
    const [escaped] = printedPids(result.outputTail, 'escaped');
    spawnedPids.push(escaped!);
    expect(result.status).toBe('succeeded');
  });
});
