/** `cronbar config log|diff|revert` as a user runs them, beside a running daemon and without one. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Daemon, cronbar, tempHome } from './cli-helpers';

const nightly = (hour: number) =>
  `defaults:\n  timezone: UTC\njobs:\n  - id: backup\n    cron: "0 ${hour} * * *"\n    command: "true"\n`;

let daemon: Daemon | null = null;
afterEach(async () => {
  await daemon?.stop();
  daemon = null;
});

describe('cronbar config', () => {
  it('shows an outside edit that moves a job, with what moves, and reverts it', async () => {
    const home = tempHome();
    const jobsFile = path.join(home, 'jobs.yaml');
    fs.writeFileSync(jobsFile, nightly(2));
    daemon = new Daemon(home);
    await daemon.waitFor(/scheduling 1 jobs/, 20_000);
    fs.writeFileSync(jobsFile, nightly(14));
    await daemon.waitFor(/jobs file loaded \(file changed\)/, 20_000);

    const log = await cronbar(['config', 'log'], { home });
    expect(log.stderr).toBe('');
    expect(log.stdout).toMatch(/^rev 1 .* outside edit backup \(cron\)$/m);
    expect(log.stdout).toContain('~ backup (cron): every fire 12 h later (7 fires in 7 days');
    for (const line of log.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);

    const diff = await cronbar(['config', 'diff', '1'], { home });
    expect(diff.stdout).toContain('-    cron: "0 2 * * *"\n+    cron: "0 14 * * *"\n');

    const revert = await cronbar(['config', 'revert', '1'], { home });
    expect(revert.stdout).toContain('reverted revision 1 (and any later change): now revision 2');
    expect(revert.stdout).toContain('every fire 12 h earlier');
    expect(fs.readFileSync(jobsFile, 'utf8')).toBe(nightly(2));
    // The daemon picks the revert up and does not record it a second time as an outside edit.
    await daemon.waitFor(/jobs file loaded \(file changed\)[\s\S]*jobs file loaded \(file changed\)/, 20_000);
    const json = await cronbar(['config', 'log', '--json'], { home });
    const revisions = JSON.parse(json.stdout) as Array<{ rev: number; origin: string; moves: { jobs: unknown[] } }>;
    expect(revisions.map((entry) => [entry.rev, entry.origin])).toEqual([
      [2, 'cli'],
      [1, 'outside'],
    ]);
  });

  it('says what a bad revision is, and changes nothing', async () => {
    const home = tempHome();
    fs.writeFileSync(path.join(home, 'jobs.yaml'), nightly(2));
    const missing = await cronbar(['config', 'revert', '7'], { home });
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('no revision 7 of jobs.yaml');
    const bad = await cronbar(['config', 'show', 'latest'], { home });
    expect(bad.stderr).toContain('a revision is a number from cronbar config log');
    expect(fs.readFileSync(path.join(home, 'jobs.yaml'), 'utf8')).toBe(nightly(2));
  });
});
