/** Command-line parsing for `cronbar`: global flags, one command, its flags. Usage errors exit with code 2. */
import { parseArgs } from 'node:util';

export class UsageError extends Error {}

export const USAGE = `Usage: cronbar <command> [options]

Commands:
  validate                    Check the jobs file; print every problem as file:line:col
  list [--json]               Every job with its schedule, next run and last result
  next <job> [--count N] [--json]
                              The next N fire times of a job (default 5)
  run <job> [--force]         Run a job once now, stream its output, record the run, exit with its status
  history [job] [--limit N] [--json]
                              Recent runs, newest first (default 20)
  daemon [--grace 30s]        Run the scheduler in the foreground, one log line per event

Options:
  --config <file>             The jobs file (default: <data-dir>/jobs.yaml)
  --data-dir <dir>            Data directory (default: $CRONBAR_HOME or the per-OS app-data folder)
  --db <file|:memory:>        The database (default: <data-dir>/cronbar.db)
  -h, --help                  Show this help
  -v, --version               Show the version

Exit codes: 0 ok, 1 failed job or invalid jobs file, 2 usage error.`;

export interface CliArgs {
  command: string;
  positionals: string[];
  config?: string;
  dataDir?: string;
  db?: string;
  json: boolean;
  force: boolean;
  count?: number;
  limit?: number;
  grace?: string;
  help: boolean;
  version: boolean;
}

const COMMANDS = ['validate', 'list', 'next', 'run', 'history', 'daemon', 'help'];

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new UsageError(`--${name} takes a whole number ≥ 1, not ${JSON.stringify(value)}`);
  return number;
}

export function parseCliArgs(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: 'string' },
        'data-dir': { type: 'string' },
        db: { type: 'string' },
        json: { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        count: { type: 'string' },
        limit: { type: 'string' },
        grace: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [command = '', ...positionals] = parsed.positionals;
  const { values } = parsed;
  if (!values.help && !values.version) {
    if (command === '') throw new UsageError('no command given');
    if (!COMMANDS.includes(command)) throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  }
  return {
    command,
    positionals,
    config: values.config,
    dataDir: values['data-dir'],
    db: values.db,
    json: values.json ?? false,
    force: values.force ?? false,
    count: positiveInt('count', values.count),
    limit: positiveInt('limit', values.limit),
    grace: values.grace,
    help: values.help ?? false,
    version: values.version ?? false,
  };
}

export function expectPositionals(args: CliArgs, min: number, max: number, names: string): void {
  if (args.positionals.length < min) throw new UsageError(`${args.command} needs ${names}`);
  if (args.positionals.length > max) throw new UsageError(`${args.command} takes ${max === 0 ? 'no arguments' : names}; unexpected ${JSON.stringify(args.positionals[max])}`);
}
