/** The one function that builds a job's environment: the layers in order, PATH prepends, env files, the shell. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ActionSpec } from '../../../shared/config/schema';
import { parseJobsText } from '../../../electron/core/config/load-jobs-file';
import { createActionRunner } from '../../../electron/core/runner/action-runner';
import { parseEnvFile } from '../../../electron/core/runner/env-file';
import { buildJobEnvironment } from '../../../electron/core/runner/job-environment';
import { commandJob, manualRun } from './runner-fixtures';

type CommandAction = Extract<ActionSpec, { kind: 'command' }>;
const action = (extra: Partial<CommandAction> = {}): CommandAction => ({
  kind: 'command',
  command: 'restic backup',
  cwd: null,
  env: {},
  shell: null,
  ...extra,
});
const base = { env: { PATH: '/usr/bin:/bin', HOME: '/home/ann', SHELL: '/bin/zsh', REGION: 'us' }, source: 'test' };
const files = (contents: Record<string, string>) => (file: string) => {
  if (file in contents) return contents[file]!;
  throw Object.assign(new Error('missing'), { code: 'ENOENT' });
};

describe('the environment a job gets', () => {
  it('starts from the base, then the env file, then env:, then path: in front of PATH', () => {
    const built = buildJobEnvironment({
      action: action({
        env: { REGION: 'eu', FROM_JOB: '1' },
        path: ['/opt/homebrew/bin', '~/.local/bin'],
        envFile: '~/.backup.env',
      }),
      base,
      home: '/home/ann',
      readFile: files({ '/home/ann/.backup.env': 'REGION=ap\nRESTIC_REPOSITORY=s3:bucket\n' }),
      platform: 'linux',
    });
    expect(built).toMatchObject({ ok: true, cwd: '/home/ann', shell: '/bin/zsh', envFile: '/home/ann/.backup.env' });
    if (!built.ok) return;
    expect(built.env.REGION).toBe('eu');
    expect(built.env.RESTIC_REPOSITORY).toBe('s3:bucket');
    expect(built.env.PATH).toBe('/opt/homebrew/bin:/home/ann/.local/bin:/usr/bin:/bin');
    expect(built.pathEntries).toEqual(['/opt/homebrew/bin', '/home/ann/.local/bin', '/usr/bin', '/bin']);
    expect(built.env.CRONBAR_RUN_ID).toBeUndefined();
  });

  it('adds the run variables when given a run, and prepends to a PATH that env: set', () => {
    const built = buildJobEnvironment({
      action: action({ env: { PATH: '/srv/bin' }, path: ['/opt/x'] }),
      base,
      home: '/home/ann',
      context: { ...manualRun, scheduledFor: Date.UTC(2027, 0, 1, 2) },
      platform: 'linux',
    });
    expect(built.ok && built.env).toMatchObject({
      PATH: '/opt/x:/srv/bin',
      CRONBAR_JOB_ID: 'test-job',
      CRONBAR_RUN_ID: '7',
      CRONBAR_SCHEDULED_AT: '2027-01-01T02:00:00.000Z',
    });
  });

  it('keeps Windows' + "'" + 's Path name and separator', () => {
    const built = buildJobEnvironment({
      action: action({ command: ['restic'], path: ['C:\\tools'] }),
      base: { env: { Path: 'C:\\Windows' }, source: 'test' },
      home: 'C:\\Users\\ann',
      platform: 'win32',
    });
    expect(built.ok && built.env.Path).toMatch(/tools;C:\\Windows$/);
    expect(built.ok && built.shell).toBeNull();
  });

  it('fails with the env file placed at file:line:col, without quoting the line', () => {
    const built = buildJobEnvironment({
      action: action({ envFile: '/etc/backup.env' }),
      base,
      home: '/home/ann',
      readFile: files({ '/etc/backup.env': '# ok\nTOKEN=fine\nsk-live-123secret\n' }),
    });
    expect(built).toEqual({ ok: false, problem: '/etc/backup.env:3:1 not a KEY=value line' });
    const missing = buildJobEnvironment({
      action: action({ envFile: '/nope.env' }),
      base,
      home: '/h',
      readFile: files({}),
    });
    expect(missing).toEqual({ ok: false, problem: 'envFile /nope.env: no such file' });
  });
});

describe('env files', () => {
  it('reads comments, export, quotes and escapes', () => {
    const parsed = parseEnvFile(
      '# comment\n\nexport A=1\nB = two words # note\nC="line\\nnext \\"q\\""\nD=\'$HOME raw\'\nE=\n',
    );
    expect(parsed).toEqual({ ok: true, vars: { A: '1', B: 'two words', C: 'line\nnext "q"', D: '$HOME raw', E: '' } });
  });

  it('places every bad line', () => {
    expect(parseEnvFile("GOOD=1\n  1BAD=x\nQ=\"open\nX='a' b\n")).toEqual({
      ok: false,
      problems: [
        { line: 2, col: 3, message: 'not a variable name before = (letters, digits and _, not starting with a digit)' },
        { line: 3, col: 3, message: 'the " is never closed (values span one line)' },
        { line: 4, col: 6, message: "text after the closing '" },
      ],
    });
  });
});

describe('path: and envFile: in the jobs file', () => {
  it('merges a job' + "'" + 's path before the defaults' + "'" + ', and its envFile replaces theirs', () => {
    const parsed = parseJobsText(
      'defaults:\n  path: [/usr/local/bin]\n  envFile: /etc/all.env\njobs:\n  - id: a\n    every: 1h\n    command: restic\n    path: [/opt/homebrew/bin]\n    envFile: ~/a.env\n',
    );
    expect(parsed.ok && parsed.config.jobs[0]!.action).toMatchObject({
      path: ['/opt/homebrew/bin', '/usr/local/bin'],
      envFile: '~/a.env',
    });
  });

  it('refuses an empty path list, placed', () => {
    const parsed = parseJobsText('jobs:\n  - id: a\n    every: 1h\n    command: restic\n    path: []\n');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.issues[0]).toMatchObject({ line: 5, path: 'jobs[0].path' });
  });
});

describe('the runner', () => {
  it('runs the command in the environment the function builds, from the base it is given', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-env-'));
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'only-here'), '#!/bin/sh\necho "found; region=$REGION; from=$FROM_BASE"\n', {
      mode: 0o755,
    });
    fs.writeFileSync(path.join(dir, 'job.env'), 'REGION=eu\n');
    const runner = createActionRunner({
      dataDir: dir,
      baseEnvironment: () => ({ env: { PATH: '/usr/bin:/bin', FROM_BASE: 'login' }, source: 'test' }),
    });
    const result = await runner.start(
      commandJob('only-here', { path: [bin], envFile: path.join(dir, 'job.env') }),
      manualRun,
    ).done;
    expect(result.outputTail.toString()).toBe('found; region=eu; from=login\n');
    const broken = await runner.start(commandJob('true', { envFile: path.join(dir, 'none.env') }), manualRun).done;
    expect(broken).toMatchObject({ status: 'failed', reason: `envFile ${path.join(dir, 'none.env')}: no such file` });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
