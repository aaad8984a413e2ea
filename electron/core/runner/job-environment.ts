/**
 * The environment, shell and working directory a command job gets: one pure function used by the runner for every
 * run, by `cronbar env` and by the PATH check of `validate`, so what they show is what runs. The order, each layer
 * overriding the one before: the base environment (the login shell's in the desktop app, the daemon's own in the
 * daemon), the `envFile:`, the job's `env:`, then the `path:` directories in front of PATH, then Cronbar's own
 * CRONBAR_* variables of the run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ActionSpec } from '../../../shared/config/schema';
import type { RunContext } from '../ports';
import { parseEnvFile } from './env-file';
import { expandHome } from './expand-home';

type CommandActionSpec = Extract<ActionSpec, { kind: 'command' }>;

/** What every job of a process starts from, and where it came from in words. */
export interface BaseEnvironment {
  env: Readonly<Record<string, string>>;
  /** `login shell /bin/zsh`, `the daemon's own environment`. */
  source: string;
}

export interface JobEnvironmentInput {
  action: CommandActionSpec;
  base: BaseEnvironment;
  home: string;
  /** The shell for string commands when the job names none (the runner's option); else SHELL, then /bin/sh. */
  defaultShell?: string;
  /** Adds the run's CRONBAR_* variables; without it, what any run of the job gets besides them. */
  context?: RunContext;
  readFile?: (file: string) => string;
  platform?: NodeJS.Platform;
}

export type JobEnvironment =
  | {
      ok: true;
      env: Record<string, string>;
      /** The PATH entries in order, as the job's shell searches them. */
      pathEntries: string[];
      /** The shell a string command runs in; null for an argv command (run directly). */
      shell: string | null;
      cwd: string;
      /** The env file read, absolute (null: none). */
      envFile: string | null;
    }
  | { ok: false; problem: string };

export function buildJobEnvironment(input: JobEnvironmentInput): JobEnvironment {
  const { action, base, home, context } = input;
  const platform = input.platform ?? process.platform;
  const delimiter = platform === 'win32' ? ';' : ':';
  const cwd = expandHome(action.cwd ?? home, home);
  const env: Record<string, string> = { ...base.env };

  let envFile: string | null = null;
  if (action.envFile) {
    envFile = path.resolve(cwd, expandHome(action.envFile, home));
    let text: string;
    try {
      text = (input.readFile ?? ((file) => fs.readFileSync(file, 'utf8')))(envFile);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return {
        ok: false,
        problem: `envFile ${envFile}: ${code === 'ENOENT' ? 'no such file' : (code ?? String(error))}`,
      };
    }
    const parsed = parseEnvFile(text);
    if (!parsed.ok) {
      const first = parsed.problems[0]!;
      const more = parsed.problems.length > 1 ? ` (and ${parsed.problems.length - 1} more)` : '';
      return { ok: false, problem: `${envFile}:${first.line}:${first.col} ${first.message}${more}` };
    }
    Object.assign(env, parsed.vars);
  }
  Object.assign(env, action.env);

  // Windows names it Path; a copied environment is no longer case-insensitive, so keep the name it has.
  const pathKey = Object.keys(env).find((key) =>
    platform === 'win32' ? key.toUpperCase() === 'PATH' : key === 'PATH',
  );
  const inherited = pathKey === undefined ? [] : env[pathKey]!.split(delimiter).filter((entry) => entry !== '');
  const prepended = [...new Set((action.path ?? []).map((entry) => path.resolve(cwd, expandHome(entry, home))))];
  // PATH is rewritten only to prepend: an inherited one is passed on exactly as it was.
  if (prepended.length > 0)
    env[pathKey ?? 'PATH'] = [...prepended, ...(pathKey ? [env[pathKey]!] : [])].join(delimiter);
  const pathEntries = [...prepended, ...inherited];

  if (context) {
    env.CRONBAR_JOB_ID = context.jobId;
    env.CRONBAR_RUN_ID = String(context.runId);
    env.CRONBAR_SCHEDULED_AT = context.scheduledFor === null ? '' : new Date(context.scheduledFor).toISOString();
    env.CRONBAR_ATTEMPT = String(context.attempt);
    // A chain run (after:) can find what its parent made (`cronbar logs $CRONBAR_PARENT_RUN_ID`, files named by it).
    if (context.parent) {
      env.CRONBAR_PARENT_RUN_ID = String(context.parent.runId);
      env.CRONBAR_PARENT_JOB = context.parent.jobId;
    }
  }

  const shell = Array.isArray(action.command)
    ? null
    : (action.shell ??
      input.defaultShell ??
      (base.env.SHELL || undefined) ??
      (platform === 'win32' ? base.env.ComSpec || 'cmd.exe' : '/bin/sh'));
  return { ok: true, env, pathEntries, shell, cwd, envFile };
}

/** A process's own environment as a base, named for who it is (`the daemon's own environment`). */
export function ownEnvironment(who: string, env: NodeJS.ProcessEnv = process.env): BaseEnvironment {
  const copy: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) copy[key] = value;
  return { env: copy, source: `${who}'s own environment` };
}

/** The user the job runs as: the scheduling process's. */
export function currentUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? String(process.getuid?.() ?? '?');
  }
}
