/** The `cronbar` CLI entry point. Returns the exit code: 0 ok, 1 failed job or invalid file, 2 usage error, 3 not found. */
import { CronbarError } from '../../../shared/api/cronbar-error';
import { formatConfigIssue } from '../../../shared/format-config-issue';
import {
  type CliArgs,
  UsageError,
  commandUsage,
  findCommand,
  parseCliArgs,
  unknownCommand,
  usage,
  usageErrorLine,
} from './args';
import { COMMANDS } from './commands';
import { terminalWidth } from './format';
import { withJobSuggestion } from './job-suggestion';

declare const CRONBAR_VERSION: string | undefined;

/** A job or run id that does not exist (also for a jobs file given with --config that is not there). */
export const EXIT_NOT_FOUND = 3;

export async function main(
  argv: string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv, COMMANDS);
  } catch (error) {
    if (!(error instanceof UsageError)) {
      err.write(unexpectedErrorText(error, argv.includes('--debug')));
      return 1;
    }
    // One line and where to look, as git does: the whole help would scroll the did-you-mean away.
    err.write(
      error.showHelp
        ? `cronbar: ${error.message}\n\n${usage(COMMANDS, terminalWidth(err))}\n`
        : `${usageErrorLine(error)}\n`,
    );
    return 2;
  }
  if (args.version) {
    out.write(`${typeof CRONBAR_VERSION === 'string' ? CRONBAR_VERSION : 'dev'}\n`);
    return 0;
  }
  const spec = findCommand(args.command, COMMANDS);
  if (args.command === 'help' || args.command === '' || args.help) {
    const topic = args.command === 'help' ? findCommand(args.positionals[0] ?? '', COMMANDS) : spec;
    if (args.command === 'help' && args.positionals[0] !== undefined && !topic) {
      err.write(`${usageErrorLine(unknownCommand(args.positionals[0], COMMANDS))}\n`);
      return 2;
    }
    const width = terminalWidth(out);
    out.write(`${topic ? commandUsage(topic, width) : usage(COMMANDS, width)}\n`);
    return 0;
  }
  try {
    const run = await spec!.load();
    return await run(args, out, err);
  } catch (error) {
    if (error instanceof UsageError) {
      error.command ??= spec!.name;
      err.write(`${usageErrorLine(error)}\n`);
      return 2;
    }
    if (error instanceof CronbarError) {
      err.write(`cronbar: ${await withJobSuggestion(error, args)}\n`);
      for (const issue of error.issues ?? []) err.write(`${formatConfigIssue(issue)}\n`);
      return error.code === 'not-found' ? EXIT_NOT_FOUND : 1;
    }
    err.write(unexpectedErrorText(error, args.debug));
    return 1;
  }
}

/**
 * An error Cronbar has no message of its own for (the store's, the OS's, a bug): one line and what to do about it.
 * The stack is for a bug report, so only with --debug or CRONBAR_DEBUG=1.
 */
export function unexpectedErrorText(error: unknown, debug: boolean): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = `cronbar: ${message} (${hintFor(error)})\n`;
  const wantsStack = debug || process.env.CRONBAR_DEBUG === '1';
  return wantsStack && error instanceof Error && error.stack ? `${line}${error.stack}\n` : line;
}

function hintFor(error: unknown): string {
  // A StoreError keeps SQLite's own error as its cause.
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const code = (cause as { code?: unknown }).code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')
      return 'another Cronbar process holds the database; try again';
  }
  return 'run again with --debug for the details';
}
