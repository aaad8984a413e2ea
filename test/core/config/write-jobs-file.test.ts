import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_JOBS_FILE } from '../../../electron/core/config/default-jobs-file';
import { jobsTextVersion } from '../../../electron/core/config/load-jobs-file';
import { ensureJobsFile, writeJobsFile } from '../../../electron/core/config/write-jobs-file';
import { CronbarError } from '../../../shared/api/contract';

const VALID = 'jobs:\n  - id: a # mine\n    every: 1m\n    command: ls\n';
const CHANGED = 'jobs:\n  - id: a # mine\n    every: 5m\n    command: ls\n';

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-write-'));
  file = path.join(dir, 'jobs.yaml');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function thrown(fn: () => unknown): CronbarError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CronbarError);
    return error as CronbarError;
  }
  throw new Error('expected an error');
}

const leftovers = () => fs.readdirSync(dir).filter((name) => name !== 'jobs.yaml');

describe('writeJobsFile', () => {
  it('replaces the file, returns the new version and the parsed jobs, and leaves no temp file', () => {
    fs.writeFileSync(file, VALID);
    const written = writeJobsFile(file, CHANGED, { baseVersion: jobsTextVersion(VALID) });
    expect(fs.readFileSync(file, 'utf8')).toBe(CHANGED);
    expect(written.version).toBe(jobsTextVersion(CHANGED));
    expect(written.config.jobs[0]?.schedule).toMatchObject({ kind: 'every', everyMs: 300_000 });
    expect(leftovers()).toEqual([]);
  });

  it('keeps the original file mode', () => {
    fs.writeFileSync(file, VALID, { mode: 0o640 });
    fs.chmodSync(file, 0o640);
    writeJobsFile(file, CHANGED);
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
  });

  it('creates a new file readable by its owner only (it may hold secrets in env)', () => {
    writeJobsFile(file, VALID, { baseVersion: null });
    expect(fs.readFileSync(file, 'utf8')).toBe(VALID);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('is an atomic rename: a reader holding the old file still sees the old text', () => {
    fs.writeFileSync(file, VALID);
    const before = fs.statSync(file).ino;
    writeJobsFile(file, CHANGED);
    expect(fs.statSync(file).ino).not.toBe(before);
  });

  it('refuses with conflict when the file changed on disk since baseVersion, and writes nothing', () => {
    fs.writeFileSync(file, VALID);
    const base = jobsTextVersion(VALID);
    const outside = VALID.replace('1m', '2m');
    fs.writeFileSync(file, outside);
    const error = thrown(() => writeJobsFile(file, CHANGED, { baseVersion: base }));
    expect(error.code).toBe('conflict');
    expect(fs.readFileSync(file, 'utf8')).toBe(outside);
    expect(leftovers()).toEqual([]);
  });

  it('refuses with conflict when the file was deleted since it was read', () => {
    const error = thrown(() => writeJobsFile(file, CHANGED, { baseVersion: jobsTextVersion(VALID) }));
    expect(error.code).toBe('conflict');
    expect(fs.existsSync(file)).toBe(false);
  });

  it('refuses invalid text with every issue, and leaves the file unchanged', () => {
    fs.writeFileSync(file, VALID);
    const error = thrown(() =>
      writeJobsFile(file, 'jobs:\n  - id: a\n    cron: "0 25 * * *"\n    command: ls\n    comand: x\n', {
        baseVersion: jobsTextVersion(VALID),
      }),
    );
    expect(error.code).toBe('invalid-config');
    expect(error.message).toContain('jobs.yaml not saved: 2 problems');
    expect(error.issues?.map((issue) => `${issue.line}:${issue.col} ${issue.path}`)).toEqual([
      '3:11 jobs[0].cron',
      '5:5 jobs[0]',
    ]);
    expect(fs.readFileSync(file, 'utf8')).toBe(VALID);
    expect(leftovers()).toEqual([]);
  });

  it('writes through a symlinked jobs file to its target, keeping the link', () => {
    if (process.platform === 'win32') return;
    const target = path.join(dir, 'dotfiles-jobs.yaml');
    fs.writeFileSync(target, VALID);
    fs.symlinkSync(target, file);
    writeJobsFile(file, CHANGED);
    expect(fs.lstatSync(file).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(target, 'utf8')).toBe(CHANGED);
  });
});

describe('ensureJobsFile', () => {
  it('creates the directory and the commented default file when missing', () => {
    const nested = path.join(dir, 'config', 'cronbar', 'jobs.yaml');
    expect(ensureJobsFile(nested)).toEqual({ created: true });
    expect(fs.readFileSync(nested, 'utf8')).toBe(DEFAULT_JOBS_FILE);
  });

  it('never touches an existing file', () => {
    fs.writeFileSync(file, 'jobs: 5\n');
    expect(ensureJobsFile(file)).toEqual({ created: false });
    expect(fs.readFileSync(file, 'utf8')).toBe('jobs: 5\n');
  });
});
