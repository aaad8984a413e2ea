/** What the user reads when a command fails unexpectedly: one line and what to do, the stack only when asked. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cronbar, tempHome } from './cli-helpers';

const STACK_LINE = /^\s+at /m;

/** A data directory whose DB is not SQLite: the store refuses it with an error of its own (not a CronbarError). */
function homeWithCorruptDb(): string {
  const home = tempHome();
  fs.writeFileSync(path.join(home, 'jobs.yaml'), 'jobs: []\n');
  fs.writeFileSync(path.join(home, 'cronbar.db'), 'not a database, just text that is long enough to have a header\n');
  return home;
}

describe('an unexpected error', () => {
  it('prints one line with the message and a hint, exit 1, and no stack trace', async () => {
    const home = homeWithCorruptDb();
    const result = await cronbar(['list'], { home });
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(
        /^cronbar: .*cronbar\.db: is not a Cronbar database.* \(run again with --debug for the details\)$/,
      ),
    ]);
  });

  it.each([
    ['--debug after the command', ['list', '--debug'], {}],
    ['--debug before the command', ['--debug', 'list'], {}],
    ['CRONBAR_DEBUG=1', ['list'], { CRONBAR_DEBUG: '1' }],
  ])('prints the stack trace with %s', async (_label, args, env) => {
    const result = await cronbar(args, { home: homeWithCorruptDb(), env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^cronbar: .*is not a Cronbar database/);
    expect(result.stderr).toMatch(STACK_LINE);
  });

  it('--debug is in the help', async () => {
    const help = await cronbar(['help'], { home: tempHome() });
    expect(help.stdout).toMatch(/--debug\s+\S.*stack/);
  });
});

describe('a file where the data directory should be', () => {
  it.each([
    ['CRONBAR_HOME', (file: string) => ({ args: ['list'], env: { CRONBAR_HOME: file } })],
    ['--data-dir', (file: string) => ({ args: ['list', '--data-dir', file], env: {} })],
    [
      'a data directory under a file',
      (file: string) => ({ args: ['list', '--data-dir', path.join(file, 'sub')], env: {} }),
    ],
  ])('given by %s is named in one line with what to do, exit 1', async (_label, given) => {
    const file = path.join(tempHome(), 'not-a-dir');
    fs.writeFileSync(file, 'something the user keeps\n');
    const { args, env } = given(file);
    const result = await cronbar(args, { home: tempHome(), env });
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.stderr).not.toContain('EEXIST');
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      `cronbar: ${file} is a file, not a directory: the data directory must be one; point --data-dir or CRONBAR_HOME elsewhere, or move the file aside`,
    ]);
    expect(fs.readFileSync(file, 'utf8')).toBe('something the user keeps\n');
  });
});
