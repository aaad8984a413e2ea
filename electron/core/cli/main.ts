/** The `cronbar` CLI entry point. Returns the exit code: 0 ok, 1 failed job or invalid file, 2 usage error. */
import { CronbarError } from '../../../shared/api/contract';
import { formatConfigIssue } from '../../../shared/model';
import { type CliArgs, USAGE, UsageError, parseCliArgs } from './args';
import { daemonCommand } from './commands/daemon';
import { historyCommand } from './commands/history';
import { listCommand } from './commands/list';
import { nextCommand } from './commands/next';
import { runCommand } from './commands/run';
import { validateCommand } from './commands/validate';

declare const CRONBAR_VERSION: string | undefined;

type Command = (args: CliArgs, out: NodeJS.WritableStream, err: NodeJS.WritableStream) => Promise<number>;
const COMMANDS: Record<string, Command> = {
  validate: validateCommand,
  list: listCommand,
  next: nextCommand,
  run: runCommand,
  history: historyCommand,
  daemon: daemonCommand,
};

export async function main(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err.write(`cronbar: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.version) {
    out.write(`${typeof CRONBAR_VERSION === 'string' ? CRONBAR_VERSION : 'dev'}\n`);
    return 0;
  }
  if (args.help || args.command === 'help') {
    out.write(`${USAGE}\n`);
    return 0;
  }
  try {
    return await COMMANDS[args.command]!(args, out, err);
  } catch (error) {
    if (error instanceof UsageError) {
      err.write(`cronbar: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof CronbarError) {
      err.write(`cronbar: ${error.message}\n`);
      for (const issue of error.issues ?? []) err.write(`${formatConfigIssue(issue)}\n`);
      return 1;
    }
    throw error;
  }
}
