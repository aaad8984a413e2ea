import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActionRunner } from '../../../electron/core/runner/action-runner';
import { commandJob, manualRun } from './runner-fixtures';

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-runner-'));
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const run = (...args: Parameters<typeof commandJob>) =>
  createActionRunner({ dataDir }).start(commandJob(...args), manualRun).done;
const text = (buffer: Buffer) => buffer.toString('utf8');

describe('command actions: how they end', () => {
  it('succeeds on exit code 0 and keeps what it printed', async () => {
    const result = await run('echo hello');
    expect(result).toMatchObject({ status: 'succeeded', exitCode: 0, signal: null, reason: null, outputBytes: 6 });
    expect(text(result.outputTail)).toBe('hello\n');
  });

  it('fails on a non-zero exit code and says which', async () => {
    const result = await run('echo partial; exit 3');
    expect(result).toMatchObject({ status: 'failed', exitCode: 3, signal: null, reason: 'exited with code 3' });
    expect(text(result.outputTail)).toBe('partial\n');
  });

  it('fails with the signal when the job is killed by one it did not get from us', async () => {
    const result = await run('kill -SEGV $$');
    expect(result).toMatchObject({ status: 'failed', exitCode: null, signal: 'SIGSEGV', reason: 'killed by SIGSEGV' });
  });

  it('reports a missing program in an argv command by name, without a shell', async () => {
    const result = await run(['resticc-not-installed', 'backup']);
    expect(result).toMatchObject({
      status: 'failed',
      exitCode: null,
      reason: 'command not found: resticc-not-installed',
    });
  });

  it('explains exit code 127 when the shell cannot find the command', async () => {
    const result = await run('resticc-not-installed backup');
    expect(result.status).toBe('failed');
    expect(result.reason).toBe('exited with code 127 (command not found)');
    expect(text(result.outputTail)).toMatch(/resticc-not-installed.*not found/);
  });

  it('reports a missing shell as such, not as a missing command', async () => {
    const result = await run('echo hi', { shell: '/no/such/shell' });
    expect(result).toMatchObject({ status: 'failed', reason: 'shell not found: /no/such/shell' });
  });

  it('reports a missing working directory instead of a misleading ENOENT for the program', async () => {
    const missing = path.join(dataDir, 'gone');
    const result = await run(['ls'], { cwd: missing });
    expect(result).toMatchObject({ status: 'failed', reason: `working directory not found: ${missing}` });
  });

  it('reports a working directory that is a file', async () => {
    const file = path.join(dataDir, 'file.txt');
    fs.writeFileSync(file, 'x');
    const result = await run(['ls'], { cwd: file });
    expect(result).toMatchObject({ status: 'failed', reason: `working directory is not a directory: ${file}` });
  });

  it('reports a program that is not executable', async () => {
    const script = path.join(dataDir, 'script.sh');
    fs.writeFileSync(script, '#!/bin/sh\necho hi\n', { mode: 0o644 });
    const result = await run([script]);
    expect(result).toMatchObject({ status: 'failed', reason: `permission denied: ${script} is not executable` });
  });
});

describe('command actions: what the job sees', () => {
  it('passes the job env over the inherited environment, plus the CRONBAR_* variables', async () => {
    process.env.CRONBAR_TEST_INHERITED = 'from-parent';
    try {
      const job = commandJob('env', {
        env: { RESTIC_REPOSITORY: '/mnt/nas/restic', CRONBAR_TEST_INHERITED: 'overridden' },
      });
      const context = { runId: 41, jobId: 'backup-home', scheduledFor: Date.UTC(2027, 0, 1, 2, 0, 0), attempt: 2 };
      const result = await createActionRunner({ dataDir }).start(job, context).done;
      const env = new Map(
        text(result.outputTail)
          .trim()
          .split('\n')
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      );
      expect(env.get('RESTIC_REPOSITORY')).toBe('/mnt/nas/restic');
      expect(env.get('CRONBAR_TEST_INHERITED')).toBe('overridden');
      expect(env.get('PATH')).toBe(process.env.PATH);
      expect(env.get('CRONBAR_JOB_ID')).toBe('backup-home');
      expect(env.get('CRONBAR_RUN_ID')).toBe('41');
      expect(env.get('CRONBAR_SCHEDULED_AT')).toBe('2027-01-01T02:00:00.000Z');
      expect(env.get('CRONBAR_ATTEMPT')).toBe('2');
    } finally {
      delete process.env.CRONBAR_TEST_INHERITED;
    }
  });

  it('names the parent run and job of a chain run, and sets neither for any other run', async () => {
    const job = commandJob('printf "[%s|%s]" "${CRONBAR_PARENT_RUN_ID-unset}" "${CRONBAR_PARENT_JOB-unset}"');
    const context = { runId: 42, jobId: 'deploy', scheduledFor: null, attempt: 1 };
    const runner = createActionRunner({ dataDir });
    const chained = await runner.start(job, { ...context, parent: { runId: 41, jobId: 'build' } }).done;
    expect(text(chained.outputTail)).toBe('[41|build]');
    const plain = await runner.start(job, context).done;
    expect(text(plain.outputTail)).toBe('[unset|unset]');
  });

  it('leaves CRONBAR_SCHEDULED_AT empty for a manual run', async () => {
    const result = await run('printf "[%s]" "$CRONBAR_SCHEDULED_AT"');
    expect(text(result.outputTail)).toBe('[]');
  });

  it('runs a string through the shell, so pipes and variables work', async () => {
    const result = await run('X=piped; echo "$X" | tr a-z A-Z');
    expect(text(result.outputTail)).toBe('PIPED\n');
  });

  it('runs an argv list without a shell: no globbing, no variables, one argument per item', async () => {
    const result = await run(['printf', '%s|', '$HOME', '*', 'two words']);
    expect(text(result.outputTail)).toBe('$HOME|*|two words|');
  });

  it('uses the job shell, else the runner default, else $SHELL, else /bin/sh', async () => {
    // `$0` under `<shell> -c` is the shell as spawned.
    const shellOf = async (jobShell: string | null, runnerShell?: string) => {
      const runner = createActionRunner({ dataDir, shell: runnerShell });
      return text((await runner.start(commandJob('echo "$0"', { shell: jobShell }), manualRun).done).outputTail).trim();
    };
    const savedShell = process.env.SHELL;
    try {
      process.env.SHELL = '/bin/bash';
      expect(await shellOf('/bin/sh', '/bin/bash')).toBe('/bin/sh');
      expect(await shellOf(null, '/bin/dash')).toBe('/bin/dash');
      expect(await shellOf(null)).toBe('/bin/bash');
      delete process.env.SHELL;
      expect(await shellOf(null)).toBe('/bin/sh');
    } finally {
      process.env.SHELL = savedShell;
    }
  });

  it('expands ~ in cwd and in argv items, and defaults cwd to the home directory', async () => {
    const savedHome = process.env.HOME;
    const home = fs.realpathSync(dataDir);
    fs.mkdirSync(path.join(home, 'notes'));
    process.env.HOME = home;
    try {
      const inNotes = await run(['pwd'], { cwd: '~/notes' });
      expect(text(inNotes.outputTail)).toBe(`${home}/notes\n`);
      const inHome = await run('pwd');
      expect(text(inHome.outputTail)).toBe(`${home}\n`);
      const argv = await run(['ls', '-d', '~/notes', '~']);
      expect(text(argv.outputTail)).toBe(`${home}\n${home}/notes\n`);
    } finally {
      process.env.HOME = savedHome;
    }
  });

  it('gives the job no stdin, so a command that reads it does not hang', async () => {
    const result = await run('cat; echo "read done"');
    expect(result.status).toBe('succeeded');
    expect(text(result.outputTail)).toBe('read done\n');
  });
});

describe('command actions: output', () => {
  it('interleaves stdout and stderr in the order they were printed', async () => {
    const result = await run('echo one; sleep 0.05; echo two >&2; sleep 0.05; echo three');
    expect(text(result.outputTail)).toBe('one\ntwo\nthree\n');
    expect(result.outputBytes).toBe(14);
  });

  it('streams chunks live to listeners until they unsubscribe', async () => {
    const running = createActionRunner({ dataDir }).start(commandJob('echo first; sleep 0.3; echo second'), manualRun);
    const seen: string[] = [];
    const unsubscribe = running.onOutput((chunk) => {
      seen.push(text(chunk));
      unsubscribe();
    });
    const alsoSeen: string[] = [];
    running.onOutput((chunk) => alsoSeen.push(text(chunk)));
    const result = await running.done;
    expect(seen).toEqual(['first\n']);
    expect(alsoSeen.join('')).toBe('first\nsecond\n');
    expect(text(result.outputTail)).toBe('first\nsecond\n');
  });

  it('keeps running when a listener throws', async () => {
    const running = createActionRunner({ dataDir }).start(commandJob('echo a; echo b'), manualRun);
    running.onOutput(() => {
      throw new Error('viewer broke');
    });
    const result = await running.done;
    expect(result.status).toBe('succeeded');
    expect(text(result.outputTail)).toBe('a\nb\n');
  });

  it('exposes the pid, which is also the process group id', async () => {
    const running = createActionRunner({ dataDir }).start(commandJob('echo "pid $$"; ps -o pgid= -p $$'), manualRun);
    const result = await running.done;
    const [pidLine, pgidLine] = text(result.outputTail).trim().split('\n');
    expect(pidLine).toBe(`pid ${running.pid}`);
    expect(Number(pgidLine)).toBe(running.pid);
  });
});
