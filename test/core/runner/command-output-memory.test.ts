/**
 * A job that prints 100 MB must not cost 100 MB: only the last 256 KiB is kept. Memory is sampled while the job
 * runs, so a runner that piled up chunks and trimmed them at the end would still be caught.
 *
 * Each sample runs a full GC first. Node allocates a fresh buffer for every pipe read (64 KiB) and V8 frees them only
 * when external-memory pressure starts a GC, around 30 MB later; a bare `child.stdout.resume()` shows the same
 * 30-40 MB sawtooth. Collecting before measuring shows what the runner keeps, not when V8 gets round to cleaning.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createActionRunner } from '../../../electron/core/runner/action-runner';
import { OUTPUT_TAIL_BYTES } from '../../../electron/core/runner/output-tail';
import { commandJob, manualRun } from './runner-fixtures';

const PRINT_PATTERN = fileURLToPath(new URL('../../fixtures/runner/print-pattern.mjs', import.meta.url));
const TOTAL = 100 * 1024 * 1024;
const MB = 1024 * 1024;

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const liveMemory = () => {
  collectGarbage();
  return process.memoryUsage();
};

/**
 * What is still held once the run is over. Freed buffers' backing stores are released by V8's sweeper threads after
 * the GC returns, so one sample right after `gc()` can still count ~15 MB of dead pipe buffers; the lowest of a few
 * samples a moment apart is what the runner really keeps (a leak of the output would stay at ~100 MB in all of them).
 */
async function settledMemory(): Promise<NodeJS.MemoryUsage> {
  let lowest = liveMemory();
  for (let sample = 0; sample < 5; sample++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = liveMemory();
    if (now.heapUsed + now.external < lowest.heapUsed + lowest.external) lowest = now;
  }
  return lowest;
}

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-memory-'));
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('keeps memory flat for 100 MB of output and keeps exactly the last 256 KiB', async () => {
  const before = liveMemory();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed + before.external;
  const sampler = setInterval(() => {
    const now = liveMemory();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed + now.external);
  }, 20);

  const job = commandJob([process.execPath, PRINT_PATTERN, String(TOTAL)], {}, { timeoutMs: 120_000 });
  const result = await createActionRunner({ dataDir }).start(job, manualRun).done;
  clearInterval(sampler);
  const after = await settledMemory();
  peakRss = Math.max(peakRss, after.rss);
  peakHeap = Math.max(peakHeap, after.heapUsed + after.external);

  expect(result.status).toBe('succeeded');
  expect(result.outputBytes).toBe(TOTAL);
  expect(result.outputTail.length).toBe(OUTPUT_TAIL_BYTES);
  const expected = Buffer.alloc(OUTPUT_TAIL_BYTES);
  for (let index = 0; index < expected.length; index++) expected[index] = (TOTAL - OUTPUT_TAIL_BYTES + index) % 251;
  expect(result.outputTail.equals(expected)).toBe(true);

  const rssGrowthMb = (peakRss - before.rss) / MB;
  const heapGrowthMb = (peakHeap - before.heapUsed - before.external) / MB;
  const retainedMb = (after.heapUsed + after.external - before.heapUsed - before.external) / MB;
  console.log(
    `100 MB of output: peak RSS growth ${rssGrowthMb.toFixed(1)} MB, peak heap+external growth ${heapGrowthMb.toFixed(1)} MB, ` +
      `retained after the run ${retainedMb.toFixed(1)} MB`,
  );
  // Flat means not growing with the output: keeping it would add ≥ 100 MB. The bound leaves room for the pipe-buffer
  // sawtooth above (20-30 MB seen on a busy 2-core machine), which does not grow with the output's size.
  expect(rssGrowthMb).toBeLessThan(50);
  expect(heapGrowthMb).toBeLessThan(50);
  expect(retainedMb).toBeLessThan(8);
});
