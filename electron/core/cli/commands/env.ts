/**
 * `cronbar env <job> [--diff] [--json]`: the exact environment, shell, working directory and user the job gets from
 * the process that schedules it, asked of that process over its control socket (the daemon's own environment, or
 * the desktop app's login-shell one). With no scheduler, what `cronbar run` here would give, and who would decide.
 * The values are the user's own, shown to the user in their terminal (reveal: true); nothing here is logged.
 * `--diff` compares it with this shell's environment: what the job gets that you do not, and PATH entry by entry.
 */
import type { JobEnvironmentView } from '../../../../shared/api/environment-methods';
import type { CliArgs } from '../args';
import { expectPositionals } from '../args';
import { openFromArgs, resolveDataDir } from '../open-from-args';
import { askScheduler } from '../../control/reach-scheduler';

/** The shell's own bookkeeping: differs between any two processes, says nothing about the job. */
const NOISE = new Set(['_', 'SHLVL', 'PWD', 'OLDPWD']);

export async function envCommand(args: CliArgs, out: NodeJS.WritableStream): Promise<number> {
  expectPositionals(args, 1, 1, 'a job id');
  const id = args.positionals[0]!;
  const view = await jobEnvironment(args, id);
  const diff = args.options.diff === true ? environmentDiff(process.env, view) : null;
  if (args.json) {
    out.write(`${JSON.stringify(diff ? { ...view, diff } : view, null, 2)}\n`);
    return view.problem ? 1 : 0;
  }
  out.write(
    header(view)
      .map((line) => `# ${line}\n`)
      .join(''),
  );
  if (diff) out.write(formatDiff(diff));
  else for (const [name, value] of Object.entries(view.env).sort(byName)) out.write(`${name}=${quoted(value)}\n`);
  return view.problem ? 1 : 0;
}

async function jobEnvironment(args: CliArgs, id: string): Promise<JobEnvironmentView> {
  const asked = await askScheduler(resolveDataDir(args), 'jobEnvironment', { id, reveal: true });
  if (asked) return asked.value;
  const service = await openFromArgs(args);
  try {
    return await service.jobEnvironment({ id, reveal: true });
  } finally {
    await service.shutdown({ graceMs: 0 });
  }
}

function header(view: JobEnvironmentView): string[] {
  const lines = view.scheduler
    ? [`${view.jobId}: as run by ${view.by}, starting from ${view.source}`]
    : [
        `${view.jobId}: no scheduler runs; this is what \`cronbar run ${view.jobId}\` here would give (${view.source})`,
        'the desktop app would start it from your login shell; `cronbar daemon` (and its service) from its own environment',
      ];
  lines.push(`shell ${view.shell ?? '(none: the command runs directly)'}; cwd ${view.cwd}; user ${view.user}`);
  if (view.envFile) lines.push(`envFile ${view.envFile}`);
  if (view.problem) lines.push(`a run would fail before starting: ${view.problem}`);
  lines.push('each run also gets CRONBAR_JOB_ID, CRONBAR_RUN_ID, CRONBAR_SCHEDULED_AT and CRONBAR_ATTEMPT');
  return lines;
}

export interface EnvironmentDiff {
  /** In the job's environment, not in yours. */
  added: Record<string, string>;
  /** In yours, not in the job's. */
  removed: string[];
  changed: Record<string, { yours: string; job: string }>;
  /** PATH entries: `+` the job's only, `-` yours only, ` ` both; in the job's order, then yours. */
  path: Array<{ mark: '+' | '-' | ' '; entry: string }>;
}

export function environmentDiff(yours: NodeJS.ProcessEnv, view: JobEnvironmentView): EnvironmentDiff {
  const diff: EnvironmentDiff = { added: {}, removed: [], changed: {}, path: [] };
  for (const [name, value] of Object.entries(view.env).sort(byName)) {
    if (NOISE.has(name) || name === 'PATH') continue;
    const own = yours[name];
    if (own === undefined) diff.added[name] = value;
    else if (own !== value && !view.masked.includes(name)) diff.changed[name] = { yours: own, job: value };
  }
  for (const name of Object.keys(yours).sort()) if (!NOISE.has(name) && !(name in view.env)) diff.removed.push(name);
  const ownPath = (yours.PATH ?? '').split(':').filter(Boolean);
  for (const entry of view.pathEntries) diff.path.push({ mark: ownPath.includes(entry) ? ' ' : '+', entry });
  for (const entry of ownPath) if (!view.pathEntries.includes(entry)) diff.path.push({ mark: '-', entry });
  return diff;
}

function formatDiff(diff: EnvironmentDiff): string {
  const lines = ['# + only the job gets it, - only you have it, ~ different'];
  for (const [name, value] of Object.entries(diff.added)) lines.push(`+ ${name}=${quoted(value)}`);
  for (const name of diff.removed) lines.push(`- ${name}`);
  for (const [name, { yours, job }] of Object.entries(diff.changed))
    lines.push(`~ ${name}: yours ${quoted(yours)}, the job's ${quoted(job)}`);
  lines.push('PATH (the job searches top to bottom):');
  for (const { mark, entry } of diff.path) lines.push(`  ${mark} ${entry}`);
  return `${lines.join('\n')}\n`;
}

/** As an env file reads it back (env-file.ts): a value with a newline or surrounding blanks is double-quoted. */
function quoted(value: string): string {
  return /[\n\r"\\]|^\s|\s$/.test(value)
    ? `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`
    : value;
}

const byName = ([a]: [string, string], [b]: [string, string]) => (a < b ? -1 : a > b ? 1 : 0);
