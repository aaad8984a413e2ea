/**
 * One of several processes starting a scheduler at the same moments, each trial on a data directory whose lock a dead
 * process left: `node --import tsx lock-race-worker.ts <root> <trials> <slotMs> <startAt>`. Trial i calls
 * acquireInstanceLock(<root>/t<i>/cronbar.lock) at startAt + i × slotMs and never releases it (this process stays
 * alive, as a scheduler would). Prints one line per trial: `acquired`, `refused <holder pid>` or `error <message>`.
 */
import path from 'node:path';
import { acquireInstanceLock } from '../../electron/core/service/instance-lock';

const [root, trials, slotMs, startAt] = process.argv.slice(2);
const pause = new Int32Array(new SharedArrayBuffer(4));
const lines: string[] = [];
for (let trial = 0; trial < Number(trials); trial++) {
  const wait = Number(startAt) + trial * Number(slotMs) - Date.now();
  if (wait > 0) Atomics.wait(pause, 0, 0, wait);
  // A random few hundred microseconds more, so that over the trials the workers interleave every which way.
  const until = process.hrtime.bigint() + BigInt(Math.floor(Math.random() * 400_000));
  while (process.hrtime.bigint() < until);
  try {
    const result = acquireInstanceLock(path.join(root!, `t${trial}`, 'cronbar.lock'), 'daemon');
    lines.push(result.acquired ? 'acquired' : `refused ${result.holder.pid}`);
  } catch (error) {
    lines.push(`error ${String((error as Error).message).replace(/\s+/g, ' ')}`);
  }
}
process.stdout.write(`${lines.join('\n')}\n`);
