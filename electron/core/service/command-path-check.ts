/**
 * "Works in my shell, fails in Cronbar": a command whose program is not on the PATH the job will get (the
 * scheduler's environment through runner/job-environment.ts, the same function runs use) is found before 02:00, with
 * where the user's login shell finds it and the fix. Also an env file that would fail the run. Warnings, placed at
 * the job's `command:` (or `envFile:`); the file is still valid.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JobsConfig } from '../../../shared/config/schema';
import type { ConfigIssue } from '../../../shared/model';
import { formatPath, placePaths } from '../config/load-jobs-file';
import { type BaseEnvironment, buildJobEnvironment } from '../runner/job-environment';

/** Words a POSIX shell runs itself (builtins, keywords): no program to find. */
const SHELL_OWN = new Set(
  (
    '! { } ( [ [[ . : alias bg break builtin case cd command continue declare do done echo elif else esac eval exec ' +
    'exit export false fc fg for function getopts hash if jobs kill let local printf pwd read readonly return select ' +
    'set shift source test then time times trap true type typeset ulimit umask unalias unset until wait while'
  ).split(' '),
);

/** The program a command starts: argv[0], or a shell line's first word after `NAME=value` assignments; null when it cannot be known without running it. */
export function programOf(command: string | readonly string[]): string | null {
  if (Array.isArray(command)) return command[0] || null;
  for (const word of (command as string).trim().split(/\s+/)) {
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(word)) continue;
    const bare = word.replace(/^(['"])(.*)\1$/, '$2');
    if (bare === '' || SHELL_OWN.has(bare) || /[$`*?(){};|&<>'"\\]/.test(bare)) return null;
    return bare;
  }
  return null;
}

export function findOnPath(program: string, entries: readonly string[], isExecutable = executable): string | null {
  for (const dir of entries) {
    if (!path.isAbsolute(dir)) continue;
    const candidate = path.join(dir, program);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

function executable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export interface PathCheckInput {
  config: JobsConfig;
  text: string;
  fileName: string;
  /** What the jobs start from: the scheduler's base environment. */
  base: BaseEnvironment;
  /** The user's login-shell PATH entries, for "found at"; null when it could not be read. */
  loginPath: readonly string[] | null;
  home?: string;
  isExecutable?: (file: string) => boolean;
}

export function commandPathWarnings(input: PathCheckInput): ConfigIssue[] {
  const home = input.home ?? os.homedir();
  const found: Array<{ path: (string | number)[]; message: string }> = [];
  const onJobPath = new Map<string, boolean>();
  input.config.jobs.forEach((job, index) => {
    if (job.action.kind !== 'command') return;
    const built = buildJobEnvironment({ action: job.action, base: input.base, home });
    if (!built.ok) {
      found.push({ path: ['jobs', index, 'envFile'], message: `a run would fail before starting: ${built.problem}` });
      return;
    }
    const program = programOf(job.action.command);
    // A path (./x, /opt/x/bin/x, ~/bin/x) is not searched for: the runner reports a missing one by name.
    if (program === null || program.includes('/') || program.startsWith('~')) return;
    const jobPath = built.pathEntries.join(path.delimiter);
    const key = `${program}\0${jobPath}`;
    // Many jobs share a program and a PATH: one look each.
    if (!onJobPath.has(key)) onJobPath.set(key, findOnPath(program, built.pathEntries, input.isExecutable) !== null);
    if (onJobPath.get(key)) return;
    const elsewhere = input.loginPath ? findOnPath(program, input.loginPath, input.isExecutable) : null;
    // A long PATH would bury the fix; `cronbar env` lists it entry by entry.
    const shownPath =
      jobPath.length <= 60 ? jobPath : `${built.pathEntries.length} directories: \`cronbar env ${job.id}\` lists them`;
    const message = elsewhere
      ? `\`${program}\`: not on the PATH jobs get (${shownPath}); found at ${elsewhere} — add \`path: [${path.dirname(elsewhere)}]\` or use the full path`
      : `\`${program}\`: not on the PATH jobs get (${shownPath})${input.loginPath ? ", nor on your login shell's" : ''} — install it, add its directory with \`path: [...]\` or use the full path`;
    found.push({ path: ['jobs', index, 'command'], message });
  });
  const places = placePaths(
    input.text,
    found.map((warning) => warning.path),
  );
  return found.map((warning, index) => ({
    file: input.fileName,
    ...places[index]!,
    path: formatPath(warning.path),
    message: warning.message,
  }));
}
