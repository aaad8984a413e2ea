/** Many `cronbar` processes on one data directory at once, as a crontab with several lines for the same minute makes. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../shared/model';
import { cronbar, tempHome } from './cli-helpers';

const PARALLEL_RUNS = 16;

describe.skipIf(process.platform === 'win32')('concurrent cronbar run', () => {
  it('every run that reported success is recorded succeeded: no other run marks it interrupted', async () => {
    const home = tempHome();
    const ids = Array.from({ length: PARALLEL_RUNS }, (_, index) => `q${String(index).padStart(2, '0')}`);
    // Short, different lengths: the runs finish while other `cronbar run` processes start and recover leftovers.
    const jobs = ids.map((id, index) => `  - id: ${id}\n    cron: "0 0 1 1 *"\n    command: sleep 0.0${index % 10}\n`);
    fs.writeFileSync(path.join(home, 'jobs.yaml'), `jobs:\n${jobs.join('')}`);

    const reported = new Map<number, string>();
    const deadline = Date.now() + 15_000;
    for (let round = 0; round < 6 && Date.now() < deadline; round++) {
      const results = await Promise.all(ids.map((id) => cronbar(['run', id], { home, timeoutMs: 30_000 })));
      for (const result of results) {
        expect(result.code, result.stderr).toBe(0);
        const match = /run (\d+) (q\d\d) succeeded \(exit 0\)/.exec(result.stderr);
        // What matters here is the record of every run that said it succeeded.
        if (!match) continue;
        reported.set(Number(match[1]), match[2]!);
      }
    }

    const history = await cronbar(['history', '--json', '--limit', '1000'], { home });
    expect(history.code, history.stderr).toBe(0);
    const statusById = new Map((JSON.parse(history.stdout) as RunRecord[]).map((run) => [run.id, run.status]));
    const wrong = [...reported].filter(([id]) => statusById.get(id) !== 'succeeded');
    expect(wrong.map(([id, job]) => `run ${id} ${job}: ${statusById.get(id)}`)).toEqual([]);
    expect(reported.size).toBeGreaterThanOrEqual(PARALLEL_RUNS * 2);
  }, 60_000);
});
