/** Many processes using a new data directory at once: every one opens it, none refuses it or fails on a lock. */
import { runSlotWorker } from '../../helpers/slot-worker';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './store-fixtures';

const WORKER = path.resolve(__dirname, '../../helpers/first-use-worker.ts');
const PROCESSES = 12;

const worker = (root: string, rounds: number, slotMs: number, startAt: number) =>
  runSlotWorker(WORKER, root, rounds, slotMs, startAt);

describe('first use of a new data directory by many processes at once', () => {
  it(`${PROCESSES} processes opening the same fresh DB, round after round: every open succeeds`, async () => {
    const root = tempDir();
    const rounds = Number(process.env.FIRST_USE_ROUNDS ?? 80);
    // Workers start (tsx) at their own pace; the first round is far enough ahead that all of them are waiting for it.
    const startAt = Date.now() + 4_000;
    const results = (
      await Promise.all(Array.from({ length: PROCESSES }, () => worker(root, rounds, 150, startAt)))
    ).flat();
    expect(results).toHaveLength(PROCESSES * rounds);
    const failures = results.filter((line) => line !== 'ok');
    expect(failures).toEqual([]);
  }, 120_000);
});
