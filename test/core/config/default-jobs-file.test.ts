import { describe, expect, it } from 'vitest';
import { DEFAULT_JOBS_FILE } from '../../../electron/core/config/default-jobs-file';
import { parseJobsText } from '../../../electron/core/config/load-jobs-file';

describe('the default jobs file', () => {
  const result = parseJobsText(DEFAULT_JOBS_FILE, { timezone: 'UTC' });

  it('validates and enables exactly the two builtins', () => {
    if (!result.ok) throw new Error(`default file rejected: ${JSON.stringify(result.issues)}`);
    expect(result.config.jobs.map((job) => [job.id, job.enabled])).toEqual([
      ['backup-database', true],
      ['prune-history', true],
    ]);
  });

  it('backs up the database daily at 02:00 keeping 7 copies, and prunes daily to 30 days and 1000 runs per job', () => {
    if (!result.ok) throw new Error('default file rejected');
    const [backup, prune] = result.config.jobs;
    expect(backup?.schedule).toEqual({ kind: 'cron', expr: '0 2 * * *' });
    expect(backup?.action).toEqual({ kind: 'builtin', name: 'backup-database', keep: 7 });
    expect(prune?.schedule.kind).toBe('cron');
    expect(prune?.schedule.kind === 'cron' && prune.schedule.expr).toMatch(/^\d+ \d+ \* \* \*$/);
    expect(prune?.action).toEqual({ kind: 'builtin', name: 'prune-history', keepDays: 30, keepRuns: 1000 });
  });

  it('shows commented-out examples that validate once uncommented: shell, argv, every and http', () => {
    // Uncomment the example blocks the way an admin would: drop the "# " after the list indentation.
    const uncommented = DEFAULT_JOBS_FILE.replace(/^ {2}# ( *)(- id:| {2}\w+:)/gm, '  $1$2');
    const examples = parseJobsText(uncommented, { timezone: 'UTC' });
    if (!examples.ok) throw new Error(`examples rejected: ${JSON.stringify(examples.issues)}`);
    const byId = new Map(examples.config.jobs.map((job) => [job.id, job]));
    expect([...byId.keys()]).toEqual(['backup-database', 'prune-history', 'backup-home', 'notes-sync', 'site-up']);
    expect(byId.get('backup-home')?.action).toMatchObject({
      kind: 'command',
      command: 'restic backup ~/ --tag nightly',
    });
    expect(byId.get('notes-sync')?.action).toMatchObject({
      kind: 'command',
      command: ['git', '-C', '/home/me/notes', 'pull', '--ff-only'],
    });
    expect(byId.get('notes-sync')?.schedule).toMatchObject({ kind: 'every', everyMs: 900_000 });
    expect(byId.get('site-up')?.action).toMatchObject({
      kind: 'http',
      url: 'https://example.org/health',
      expectStatus: [200],
    });
  });
});
