/**
 * One of many processes opening fresh data directories at the same moments, as several `cronbar` commands do on a new
 * machine: `node --import tsx first-use-worker.ts <root> <rounds> <slotMs> <startAt>`. Round i opens
 * <root>/d<i>/cronbar.db at startAt + i × slotMs, so every worker hits the same fresh file together. Prints one line
 * per round: `ok` or `fail <message>`.
 */
import path from 'node:path';
import { openStore } from '../../electron/core/store/open-store';

const [root, rounds, slotMs, startAt] = process.argv.slice(2);
const pause = new Int32Array(new SharedArrayBuffer(4));
const lines: string[] = [];
for (let round = 0; round < Number(rounds); round++) {
  const wait = Number(startAt) + round * Number(slotMs) - Date.now();
  if (wait > 0) Atomics.wait(pause, 0, 0, wait);
  try {
    const store = openStore(path.join(root!, `d${round}`, 'cronbar.db'));
    store.liveRuns();
    store.close();
    lines.push('ok');
  } catch (error) {
    lines.push(`fail ${String((error as Error).message).replace(/\s+/g, ' ')}`);
  }
}
process.stdout.write(`${lines.join('\n')}\n`);
