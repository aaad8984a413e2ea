/** The PATH check behind validate's warning: which word is the program, and where it is (not) found. */
import { describe, expect, it } from 'vitest';
import { parseJobsText } from '../../../electron/core/config/load-jobs-file';
import { commandPathWarnings, programOf } from '../../../electron/core/service/command-path-check';

describe('the program of a command', () => {
  it('is the first word after assignments, or argv[0]', () => {
    expect(programOf('restic backup ~')).toBe('restic');
    expect(programOf('RESTIC_CACHE=/tmp B=2 restic backup')).toBe('restic');
    expect(programOf(['/usr/bin/rsync', '-a'])).toBe('/usr/bin/rsync');
    expect(programOf('"restic" snapshots')).toBe('restic');
  });

  it('is unknown for shell builtins and words the shell expands', () => {
    for (const line of ['cd ~/src && make', 'echo hi', 'if true; then x; fi', '$TOOL run', '[ -f x ] && y', 'exec foo'])
      expect(programOf(line), line).toBeNull();
  });
});

describe('commandPathWarnings', () => {
  const text =
    'jobs:\n  - id: a\n    every: 1h\n    command: restic backup\n  - id: b\n    every: 1h\n    command: cd /x && restic\n  - id: c\n    every: 1h\n    command: [ls]\n';
  const parsed = parseJobsText(text);
  if (!parsed.ok) throw new Error('fixture');
  const exists = new Set(['/opt/homebrew/bin/restic', '/bin/ls']);
  const check = (loginPath: string[] | null, path = '/usr/bin:/bin') =>
    commandPathWarnings({
      config: parsed.config,
      text,
      fileName: 'jobs.yaml',
      base: { env: { PATH: path }, source: 'test' },
      loginPath,
      home: '/home/ann',
      isExecutable: (file) => exists.has(file),
    });

  it('places one warning at the command that will not be found, with the fix', () => {
    expect(check(['/opt/homebrew/bin', '/usr/bin'])).toEqual([
      {
        file: 'jobs.yaml',
        line: 4,
        col: 14,
        path: 'jobs[0].command',
        message:
          '`restic`: not on the PATH jobs get (/usr/bin:/bin); found at /opt/homebrew/bin/restic — add `path: [/opt/homebrew/bin]` or use the full path',
      },
    ]);
  });

  it("says so when the login shell has no such program either, and nothing when the job's PATH has it", () => {
    expect(check(['/usr/local/bin'])[0]!.message).toBe(
      "`restic`: not on the PATH jobs get (/usr/bin:/bin), nor on your login shell's — install it, add its directory with `path: [...]` or use the full path",
    );
    expect(check(null, '/opt/homebrew/bin:/bin')).toEqual([]);
  });
});
