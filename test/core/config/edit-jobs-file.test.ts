import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_JOBS_FILE } from '../../../electron/core/config/default-jobs-file';
import { deleteJob, setJobEnabled, upsertJob } from '../../../electron/core/config/edit-jobs-file';
import { parseJobsText } from '../../../electron/core/config/load-jobs-file';
import { CronbarError } from '../../../shared/api/contract';

const FILE = `# My jobs — hand-written, keep my notes!
defaults:
  timeout: 1h           # aligned comment
  overlap: skip

jobs:
  # Nightly backup of home.
  - id: backup-home
    name: Back up home
    cron: "0 2 * * *"     # two in the morning
    command: restic backup ~/
    env: { RESTIC_REPOSITORY: /mnt/nas }

  # Keep notes in sync.
  - id: notes-sync
    every: 15m
    command: ["git", "pull"]   # argv, no shell

  - { id: site-up, every: 1m, http: { url: "https://example.org" } }

  # Disabled example:
  # - id: old
  #   every: 1h
`;

const jobs = (text: string) => {
  const result = parseJobsText(text, { timezone: 'UTC' });
  if (!result.ok) throw new Error(`edit produced an invalid file: ${JSON.stringify(result.issues)}`);
  return result.config.jobs;
};

/** The lines of `text` that are not in `edited`, and the ones added: what an admin would see in a diff. */
function diff(text: string, edited: string): { removed: string[]; added: string[] } {
  const before = text.split('\n');
  const after = edited.split('\n');
  let head = 0;
  while (head < before.length && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < before.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return { removed: before.slice(head, before.length - tail), added: after.slice(head, after.length - tail) };
}

const expectError = (fn: () => unknown, code: string) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CronbarError);
    expect((error as CronbarError).code).toBe(code);
    return;
  }
  throw new Error('expected an error');
};

describe('setJobEnabled', () => {
  it('adds `enabled: false` under the id and changes nothing else', () => {
    const edited = setJobEnabled(FILE, 'backup-home', false);
    expect(diff(FILE, edited)).toEqual({ removed: [], added: ['    enabled: false'] });
    expect(jobs(edited).find((job) => job.id === 'backup-home')?.enabled).toBe(false);
  });

  it('flips an existing value in place, and enabling a job without the key leaves the text as it is', () => {
    const disabled = setJobEnabled(FILE, 'notes-sync', false);
    const enabled = setJobEnabled(disabled, 'notes-sync', true);
    expect(diff(FILE, enabled)).toEqual({ removed: [], added: ['    enabled: true'] });
    expect(setJobEnabled(FILE, 'notes-sync', true)).toBe(FILE);
  });

  it('works on a job written as a one-line map', () => {
    const edited = setJobEnabled(FILE, 'site-up', false);
    expect(diff(FILE, edited)).toEqual({
      removed: ['  - { id: site-up, every: 1m, http: { url: "https://example.org" } }'],
      added: ['  - { id: site-up, enabled: false, every: 1m, http: { url: "https://example.org" } }'],
    });
    expect(jobs(edited).find((job) => job.id === 'site-up')?.enabled).toBe(false);
  });

  it('says not-found for an unknown id', () => {
    expectError(() => setJobEnabled(FILE, 'nope', false), 'not-found');
  });
});

describe('deleteJob', () => {
  it('removes the job and the comment directly above it, keeping everything else byte for byte', () => {
    const edited = deleteJob(FILE, 'notes-sync');
    const removed =
      '  # Keep notes in sync.\n  - id: notes-sync\n    every: 15m\n    command: ["git", "pull"]   # argv, no shell\n\n';
    expect(FILE).toContain(removed);
    expect(edited).toBe(FILE.replace(removed, ''));
    expect(jobs(edited).map((job) => job.id)).toEqual(['backup-home', 'site-up']);
  });

  it('leaves a valid file when the last job goes', () => {
    const edited = ['backup-home', 'notes-sync', 'site-up'].reduce((text, id) => deleteJob(text, id), FILE);
    expect(jobs(edited)).toEqual([]);
    expect(edited).toContain('# My jobs — hand-written, keep my notes!');
    expect(edited).toContain('  # Disabled example:\n  # - id: old\n');
  });

  it('says not-found for an unknown id', () => {
    expectError(() => deleteJob(FILE, 'nope'), 'not-found');
  });
});

describe('upsertJob', () => {
  it('appends a new job after the last job, before the trailing comments, in the file’s spacing', () => {
    const edited = upsertJob(FILE, {
      id: 'tmp-cleanup',
      cron: '30 9 * * mon-fri',
      command: 'find ~/Downloads -mtime +30 -delete',
    });
    const lastJob = '  - { id: site-up, every: 1m, http: { url: "https://example.org" } }\n';
    expect(edited).toBe(
      FILE.replace(
        lastJob,
        `${lastJob}\n  - id: tmp-cleanup\n    cron: "30 9 * * mon-fri"\n    command: find ~/Downloads -mtime +30 -delete\n`,
      ),
    );
    expect(jobs(edited).map((job) => job.id)).toEqual(['backup-home', 'notes-sync', 'site-up', 'tmp-cleanup']);
  });

  it('replaces a job in place: only the changed value and the new key differ, every comment kept', () => {
    const edited = upsertJob(
      FILE,
      {
        id: 'backup-home',
        name: 'Back up home',
        cron: '0 3 * * *',
        command: 'restic backup ~/',
        env: { RESTIC_REPOSITORY: '/mnt/nas' },
        timeout: '2h',
      },
      'backup-home',
    );
    expect(edited).toBe(
      FILE.replace(
        '    cron: "0 2 * * *"     # two in the morning',
        '    cron: "0 3 * * *"     # two in the morning',
      ).replace(
        '    env: { RESTIC_REPOSITORY: /mnt/nas }\n',
        '    env: { RESTIC_REPOSITORY: /mnt/nas }\n    timeout: 2h\n',
      ),
    );
    expect(jobs(edited)[0]).toMatchObject({ id: 'backup-home', schedule: { expr: '0 3 * * *' }, timeoutMs: 7_200_000 });
  });

  it('drops keys the new version no longer has, and can rename the job', () => {
    const edited = upsertJob(
      FILE,
      { id: 'notes', every: '30m', http: { url: 'https://example.org/notes' } },
      'notes-sync',
    );
    expect(edited).toBe(
      FILE.replace(
        '  - id: notes-sync\n    every: 15m\n    command: ["git", "pull"]   # argv, no shell\n',
        '  - id: notes\n    every: 30m\n    http: { url: https://example.org/notes }\n',
      ),
    );
    expect(jobs(edited).map((job) => job.id)).toEqual(['backup-home', 'notes', 'site-up']);
  });

  it('keeps a one-line map on one line when it changes, and writes a big new map as a block', () => {
    const env = { A: '1', B: '2', C: '3', D: '4', E: '5', F: '6' };
    const backup = upsertJob(
      FILE,
      { id: 'backup-home', name: 'Back up home', cron: '0 2 * * *', command: 'restic backup ~/', env },
      'backup-home',
    );
    expect(backup).toBe(
      FILE.replace(
        '    env: { RESTIC_REPOSITORY: /mnt/nas }\n',
        '    env: { A: "1", B: "2", C: "3", D: "4", E: "5", F: "6" }\n',
      ),
    );
    const notes = upsertJob(FILE, { id: 'notes-sync', every: '15m', command: ['git', 'pull'], env }, 'notes-sync');
    expect(notes).toBe(
      FILE.replace(
        '# argv, no shell\n',
        '# argv, no shell\n    env:\n      A: "1"\n      B: "2"\n      C: "3"\n      D: "4"\n      E: "5"\n      F: "6"\n',
      ),
    );
    expect(jobs(notes)[1]?.action).toMatchObject({ env });
  });

  it('re-renders a one-line job and keeps it on one line', () => {
    const edited = upsertJob(FILE, { id: 'site-up', every: '5m', http: { url: 'https://example.org' } }, 'site-up');
    expect(edited).toBe(
      FILE.replace(
        '  - { id: site-up, every: 1m, http: { url: "https://example.org" } }',
        '  - { id: site-up, every: 5m, http: { url: "https://example.org" } }',
      ),
    );
  });

  it('creates the jobs section in an empty file and under an empty `jobs:`', () => {
    const job = { id: 'a', every: '1m', command: 'ls' };
    expect(upsertJob('', job)).toBe('jobs:\n  - id: a\n    every: 1m\n    command: ls\n');
    expect(upsertJob('jobs: []\n', job)).toBe('jobs:\n  - id: a\n    every: 1m\n    command: ls\n');
    expect(upsertJob('# mine\njobs:\n  # none yet\n', job)).toBe(
      '# mine\njobs:\n  - id: a\n    every: 1m\n    command: ls\n  # none yet\n',
    );
    expect(jobs(upsertJob('defaults: { timeout: 1h }', job)).map((entry) => entry.id)).toEqual(['a']);
  });

  it('quotes cron patterns so one starting with * stays valid YAML', () => {
    const edited = upsertJob('jobs: []\n', { id: 'a', cron: '*/5 * * * *', command: 'ls' });
    expect(edited).toContain('cron: "*/5 * * * *"');
    expect(jobs(edited)[0]?.schedule).toEqual({ kind: 'cron', expr: '*/5 * * * *' });
  });

  it('refuses a duplicate id, an unknown replaceId, a job without id, and a file with YAML errors', () => {
    expectError(() => upsertJob(FILE, { id: 'notes-sync', every: '1m', command: 'ls' }), 'conflict');
    expectError(() => upsertJob(FILE, { id: 'site-up', every: '1m', command: 'ls' }, 'notes-sync'), 'conflict');
    expectError(() => upsertJob(FILE, { id: 'x', every: '1m', command: 'ls' }, 'nope'), 'not-found');
    expectError(() => upsertJob(FILE, { every: '1m', command: 'ls' }), 'invalid-input');
    expectError(() => upsertJob('jobs: [\n', { id: 'x', every: '1m', command: 'ls' }), 'invalid-config');
  });
});

describe('saving a job unchanged from the editor', () => {
  const example = fs.readFileSync(path.join(__dirname, '../../fixtures/config/jobs-example.yaml'), 'utf8');

  it.each([
    ['the example file', example],
    ['the default file', DEFAULT_JOBS_FILE],
    ['a file of one-line jobs', FILE],
  ])('leaves %s byte for byte as it was', (_label, text) => {
    const parsed = parseJobsText(text);
    if (!parsed.ok) throw new Error('fixture rejected');
    for (const source of parsed.sources) expect(upsertJob(text, source, String(source.id))).toBe(text);
  });
});
