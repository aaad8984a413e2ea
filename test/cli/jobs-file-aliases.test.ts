/** A jobs file whose aliases cannot be read is a placed problem for every command, and never stops the daemon. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../shared/model';
import { Daemon, cronbar, tempHome } from './cli-helpers';

const daemons: Daemon[] = [];
afterEach(async () => {
  for (const daemon of daemons.splice(0)) await daemon.stop('SIGKILL');
});

const GOOD = 'jobs:\n  - id: tick\n    every: 1s\n    command: echo tick\n';
/** `*x` names no anchor: line 5, column 9. */
const UNDEFINED_ALIAS = 'jobs:\n  - id: tick\n    every: 1s\n    command: echo tick\n    <<: *x\n';
const PLACED = 'jobs.yaml:5:9 *x names no anchor';

function writeJobs(home: string, yaml: string): string {
  const file = path.join(home, 'jobs.yaml');
  fs.writeFileSync(file, yaml);
  return file;
}

async function tickRuns(home: string): Promise<number> {
  const result = await cronbar(['history', 'tick', '--json', '--limit', '1000'], { home });
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as RunRecord[]).filter((run) => run.status === 'succeeded').length;
}

function startDaemon(home: string): Daemon {
  const daemon = new Daemon(home);
  daemons.push(daemon);
  return daemon;
}

describe('a jobs file with an alias that names no anchor', () => {
  it('validate prints the placed problem and exits 1, with no stack trace', async () => {
    const home = tempHome();
    writeJobs(home, UNDEFINED_ALIAS);
    const result = await cronbar(['validate'], { home });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(PLACED);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('a running daemon keeps running the last good jobs when the file turns bad, and starts on them again', async () => {
    const home = tempHome();
    const file = writeJobs(home, GOOD);
    const first = startDaemon(home);
    await first.waitFor(/run \d+ tick succeeded/);

    fs.writeFileSync(file, UNDEFINED_ALIAS);
    await first.waitFor(new RegExp(`jobs file rejected[\\s\\S]*${PLACED.replace(/[.*]/g, '\\$&')}`));
    const afterEdit = (first.log.match(/tick succeeded/g) ?? []).length;
    await first.waitFor(new RegExp(`(?:[\\s\\S]*tick succeeded){${afterEdit + 2}}`));
    expect(await first.stop('SIGTERM')).toBe(0);

    // A fresh start on the broken file runs the jobs of the last good one.
    const runsBefore = await tickRuns(home);
    const second = startDaemon(home);
    await second.waitFor(/running the last good jobs file \(1 jobs\)/);
    await second.waitFor(/(?:[\s\S]*tick succeeded){2}/);
    expect(await tickRuns(home)).toBeGreaterThanOrEqual(runsBefore + 2);

    // Readers beside it answer instead of crashing; status names the problem.
    const list = await cronbar(['list'], { home });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/^tick /m);
    const status = await cronbar(['status'], { home });
    expect(status.code, status.stderr).toBe(1); // a broken edit needs attention

    expect(status.stdout).toContain(PLACED);
    expect(await second.stop('SIGTERM')).toBe(0);
  });
});
