/** `cronbar status` with issue 12's facts: overdue jobs with their reason, late/down checks, the last recorded downtime. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StatusReport } from '../../electron/core/cli/commands/status';
import { Daemon, cronbar, tempHome } from './cli-helpers';

const daemons: Daemon[] = [];
afterEach(async () => {
  for (const daemon of daemons.splice(0)) await daemon.stop('SIGKILL');
});

const JOBS = `checks:
  - id: nas-backup
    every: 1d
  - id: ci-nightly
    every: 1d
jobs:
  - id: backup
    cron: "0 0 1 1 *"
    command: "exit 1"
    expect: { succeededWithin: 1s }
  - id: fine
    cron: "0 0 1 1 *"
    command: "true"
    expect: { succeededWithin: 1d }
`;

async function status(home: string, code: number): Promise<StatusReport> {
  const result = await cronbar(['status', '--json'], { home });
  expect(result.code, result.stderr).toBe(code);
  return JSON.parse(result.stdout) as StatusReport;
}

describe('status with expectations, checks and downtime', () => {
  it('names the overdue jobs with their reason, the down checks, and the last time no scheduler ran', async () => {
    const home = tempHome();
    // 1 h first, so nothing is overdue however slow these first commands are; then 1 s.
    fs.writeFileSync(path.join(home, 'jobs.yaml'), JOBS.replace('succeededWithin: 1s', 'succeededWithin: 1h'));
    const quiet = await status(home, 3);
    expect([quiet.overdue, quiet.checks, quiet.lastDowntime]).toEqual([[], [], null]);
    expect((await cronbar(['status'], { home })).stdout).not.toMatch(/^(overdue|checks|last down) /m);

    fs.writeFileSync(path.join(home, 'jobs.yaml'), JOBS);
    expect((await cronbar(['run', 'fine'], { home })).code).toBe(0);
    expect((await cronbar(['run', 'backup'], { home })).code).toBe(1);
    expect((await cronbar(['ping', 'nas-backup'], { home })).code).toBe(0);
    expect((await cronbar(['ping', 'ci-nightly', '--exit', '4', '--message', 'tests failed'], { home })).code).toBe(0);
    // A daemon that ran and was stopped, then another: the gap between them is recorded downtime.
    const first = new Daemon(home);
    daemons.push(first);
    await first.waitFor(/scheduling/);
    expect(await first.stop('SIGTERM')).toBe(0);
    const second = new Daemon(home);
    daemons.push(second);
    await second.waitFor(/scheduling/);

    // `backup` never succeeded within 1 s of its expectation being first seen (by the first status above).
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const report = await status(home, 1);
    expect(report.attention).toEqual([
      'job backup is failing (1 in a row)',
      'job backup is overdue',
      'check ci-nightly is down',
    ]);
    expect(report.overdue.map((job) => job.id)).toEqual(['backup']);
    expect(report.overdue[0]).toMatchObject({
      lastSuccessAt: null,
      reason: expect.stringMatching(/^no success yet .*since then: 1 failed/),
    });
    expect(report.checks.map((check) => [check.id, check.state])).toEqual([['ci-nightly', 'down']]);
    expect(report.checks[0]!.reason).toMatch(/exit 4/);
    expect(report.checks[0]!.lastPingAt).not.toBeNull();
    expect(report.lastDowntime).toMatchObject({ kind: 'stopped', reason: expect.stringContaining('was stopped') });
    expect(Date.parse(report.lastDowntime!.to)).toBeGreaterThanOrEqual(Date.parse(report.lastDowntime!.from));

    // An item too long for the terminal goes on under itself: read each as one line.
    const text = (await cronbar(['status'], { home })).stdout.replace(/\n {13}/g, ' ');
    expect(text).toMatch(/^overdue {4}backup \(since (\w{3} )?[\d:]+: no success yet/m);
    expect(text).toMatch(/^checks {5}ci-nightly DOWN \(.*exit 4.*\), last ping .* ago/m);
    expect(text).toMatch(/^last down {2}no scheduler ran (\w{3} )?[\d:]+ → (\w{3} )?[\d:]+ \(\d+ (s|min)/m);
    expect(text).not.toMatch(/nas-backup/);
  });
});
