/**
 * What an exported job runs: `cronbar run <id>` (the schedule moves, the run stays in Cronbar: history, timeout,
 * retries, notifications) or, with `--exec native`, the job's own command with what the target can express.
 */
import path from 'node:path';
import type { JobSpec } from '../../../../shared/config/schema';
import { expandHome } from '../../runner/expand-home';
import type { ExportContext } from './export-context';
import type { JobLosses } from './losses';

export interface Invocation {
  argv: string[];
  env: Record<string, string>;
  /** An absolute directory, or null for the target's default. */
  cwd: string | null;
  /** The command of a string job, for targets that run a shell line themselves (crontab). */
  shellLine: string | null;
  /** True when `cronbar run` runs it (Cronbar keeps timeout, retries, overlap and notifications). */
  viaCronbar: boolean;
}

/** The invocation for `job`, or null (refused, the reason in `losses`). */
export function invocationFor(job: JobSpec, context: ExportContext, losses: JobLosses): Invocation | null {
  if (context.exec === 'cronbar') {
    const argv = [...context.cronbarArgv, 'run', job.id];
    return { argv, env: { CRONBAR_HOME: context.dataDir }, cwd: null, shellLine: null, viaCronbar: true };
  }
  const action = job.action;
  if (action.kind === 'http') {
    losses.refuse(`an http check runs only inside Cronbar; export it with --exec cronbar`);
    return null;
  }
  if (action.kind === 'builtin') {
    losses.refuse(`builtin ${action.name} runs only inside Cronbar; export it with --exec cronbar`);
    return null;
  }
  const cwd = path.resolve(context.home, expandHome(action.cwd ?? context.home, context.home));
  const env = { ...action.env };
  if (Array.isArray(action.command)) {
    return {
      argv: action.command.map((arg) => expandHome(arg, context.home)),
      env,
      cwd,
      shellLine: null,
      viaCronbar: false,
    };
  }
  const shell = action.shell ?? context.defaultShell;
  return { argv: [shell, '-c', action.command], env, cwd, shellLine: action.command, viaCronbar: false };
}
