/**
 * Command-line parsing for `cronbar`: global flags, one command, its own flags (declared in commands/index.ts).
 * Usage errors exit with code 2 and suggest what was probably meant (`lsit` → `list`, `--jsno` → `--json`).
 *
 * The command table is handed in by cli/main.ts, never imported here: every command imports this file for
 * `UsageError` and `expectPositionals`, so importing the table back would tie all of them into one import circle.
 */
import { parseArgs } from 'node:util';
import { suggestKey } from '../config/did-you-mean';
import type { CliArgs, CommandSpec, OptionSpec, OptionValue } from './command-spec';
import { wrap } from './format';

export type { CliArgs, OptionValue } from './command-spec';

export class UsageError extends Error {
  /** The command whose help should follow the message, when the mistake was in its options. */
  command?: string;
  /** A bare `cronbar`: the whole help, not one line, is the answer. */
  showHelp?: boolean;
}

const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  config: { type: 'string', value: 'file', help: 'The jobs file (default: <data-dir>/jobs.yaml)' },
  'data-dir': {
    type: 'string',
    value: 'dir',
    help: 'Data directory (default: $CRONBAR_HOME or the per-OS app-data folder)',
  },
  db: { type: 'string', value: 'file|:memory:', help: 'The database (default: <data-dir>/cronbar.db)' },
  debug: { type: 'boolean', help: 'On an unexpected error, print its stack trace too (or set CRONBAR_DEBUG=1)' },
  color: {
    type: 'string',
    value: 'always|never|auto',
    help: 'Colour status words (auto: on a terminal, unless NO_COLOR is set)',
  },
  help: { type: 'boolean', short: 'h', help: 'Show this help' },
  version: { type: 'boolean', short: 'v', help: 'Show the version' },
};

const EXIT_CODES =
  "Exit codes: 0 ok, 1 failed job or invalid jobs file (run: the job's own code, 128+N for signal N), 2 usage error, 3 not found.";

const FLAG_COLUMN = 28;

function usageLine(spec: CommandSpec): string {
  return `${spec.name}${spec.synopsis ? ` ${spec.synopsis}` : ''}`;
}

/** `  --flag <value>   help`, the help wrapped under itself; a long flag puts its help on the next line. */
function optionLines(options: Record<string, OptionSpec>, width: number): string[] {
  return Object.entries(options).map(([name, option]) => {
    const flag = `  ${option.short ? `-${option.short}, ` : ''}--${name}${option.value ? ` <${option.value}>` : ''}`;
    const help = wrap(option.help, width, FLAG_COLUMN, FLAG_COLUMN);
    return flag.length < FLAG_COLUMN ? flag.padEnd(FLAG_COLUMN) + help.trimStart() : `${flag}\n${help}`;
  });
}

/** The whole help, built from the command declarations: one line per command, the details in `help <command>`. */
export function usage(commands: readonly CommandSpec[], width = 80): string {
  const nameWidth = Math.max(...commands.map((spec) => spec.name.length)) + 4;
  const lines = commands.map(
    (spec) => `  ${spec.name.padEnd(nameWidth - 2)}${wrap(spec.summary, width, nameWidth, nameWidth).trimStart()}`,
  );
  return [
    'Usage: cronbar <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Options:',
    ...optionLines(GLOBAL_OPTIONS, width),
    '',
    wrap('Run `cronbar help <command>` for its options and examples. The docs: docs/cli.md.', width),
    wrap(EXIT_CODES, width),
  ].join('\n');
}

/** One command's help: `cronbar help run`, `cronbar run --help`. */
export function commandUsage(spec: CommandSpec, width = 80): string {
  const own = optionLines(spec.options, width);
  const examples = spec.examples ?? [];
  return [
    wrap(`Usage: cronbar ${usageLine(spec)}`, width, 4),
    '',
    wrap(spec.summary, width),
    ...(own.length ? ['', 'Options:', ...own] : []),
    ...(examples.length
      ? ['', 'Examples:', ...examples.map(([command, what]) => `  ${command}\n${wrap(what, width, 6, 6)}`)]
      : []),
    '',
    'Global options:',
    ...optionLines(GLOBAL_OPTIONS, width),
    '',
    wrap(EXIT_CODES, width),
  ].join('\n');
}

/** A usage error as one line and where to look: `cronbar: unknown command "lsit" — did you mean "list"? See cronbar help.` */
export function usageErrorLine(error: UsageError): string {
  const message = error.message.replace(/\s+$/, '');
  const stop = /[.?!]$/.test(message) ? '' : '.';
  return `cronbar: ${message}${stop} See cronbar help${error.command ? ` ${error.command}` : ''}.`;
}

function positiveInt(name: string, value: OptionValue): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new UsageError(`--${name} takes a whole number ≥ 1, not ${JSON.stringify(value)}`);
  return number;
}

function toParseArgs(options: Record<string, OptionSpec>) {
  return Object.fromEntries(
    Object.entries(options).map(([name, { type, short, multiple }]) => [
      name,
      { type, ...(short ? { short } : {}), ...(multiple ? { multiple } : {}) },
    ]),
  );
}

export function findCommand(name: string, commands: readonly CommandSpec[]): CommandSpec | undefined {
  return commands.find((spec) => spec.name === name);
}

export function unknownCommand(name: string, commands: readonly CommandSpec[]): UsageError {
  const suggestion = suggestKey(name, [...commands.map((spec) => spec.name), 'help']);
  return new UsageError(
    `unknown command ${JSON.stringify(name)}${suggestion ? ` — did you mean "${suggestion}"?` : ''}`,
  );
}

/** Turns parseArgs' own message into ours, with a did-you-mean for a mistyped option. */
function optionError(error: Error, known: Record<string, OptionSpec>, command: string): UsageError {
  const unknown = /Unknown option '(-{1,2})([^']+)'/.exec(error.message);
  if (unknown) {
    const suggestion = suggestKey(unknown[2]!, Object.keys(known));
    const where = command ? ` for ${command}` : '';
    return new UsageError(
      `unknown option ${unknown[1]}${unknown[2]}${where}${suggestion ? ` — did you mean --${suggestion}?` : ''}`,
    );
  }
  return new UsageError(error.message.replace(/\. To specify a positional argument.*$/s, ''));
}

export function parseCliArgs(argv: string[], commands: readonly CommandSpec[]): CliArgs {
  const spec = commandOf(argv, commands);
  try {
    return parseCommandArgs(argv, spec, commands);
  } catch (error) {
    if (error instanceof UsageError && spec) error.command = spec.name;
    throw error;
  }
}

function commandOf(argv: string[], commands: readonly CommandSpec[]): CommandSpec | undefined {
  // First pass, forgiving, only to find the command: every command's options are known so values are not taken
  // for the command name (`--count 3 next job`).
  const everyOption = Object.assign({}, GLOBAL_OPTIONS, ...commands.map((spec) => spec.options)) as Record<
    string,
    OptionSpec
  >;
  const first = parseArgs({ args: argv, allowPositionals: true, strict: false, options: toParseArgs(everyOption) });
  return findCommand(first.positionals[0] ?? '', commands);
}

function parseCommandArgs(argv: string[], spec: CommandSpec | undefined, commands: readonly CommandSpec[]): CliArgs {
  const known = { ...GLOBAL_OPTIONS, ...(spec?.options ?? {}) };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: toParseArgs(known) });
  } catch (error) {
    const command = firstPositional(argv);
    if (command !== '' && command !== 'help' && !spec) throw unknownCommand(command, commands);
    throw optionError(error as Error, known, spec?.name ?? '');
  }
  const [command = ''] = parsed.positionals;
  const values = parsed.values as Record<string, OptionValue>;
  const help = values.help === true;
  const version = values.version === true;
  if (values.color !== undefined && !['always', 'never', 'auto'].includes(values.color as string))
    throw new UsageError(`--color takes always, never or auto, not ${JSON.stringify(values.color)}`);
  if (!help && !version) {
    if (command === '') throw Object.assign(new UsageError('no command given'), { showHelp: true });
    if (command !== 'help' && !spec) throw unknownCommand(command, commands);
  }
  return {
    command,
    positionals: parsed.positionals.slice(1),
    options: values,
    config: values.config as string | undefined,
    dataDir: values['data-dir'] as string | undefined,
    db: values.db as string | undefined,
    json: values.json === true,
    force: values.force === true,
    count: positiveInt('count', values.count),
    limit: positiveInt('limit', values.limit),
    grace: values.grace as string | undefined,
    debug: values.debug === true,
    help,
    version,
  };
}

function firstPositional(argv: string[]): string {
  return (
    parseArgs({ args: argv, allowPositionals: true, strict: false, options: toParseArgs(GLOBAL_OPTIONS) })
      .positionals[0] ?? ''
  );
}

/** A string option's value, or undefined; a usage error when it was given as a bare flag. */
export function stringOption(args: CliArgs, name: string): string | undefined {
  const value = args.options[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new UsageError(`--${name} needs a value`);
  return value;
}

export function expectPositionals(args: CliArgs, min: number, max: number, names: string): void {
  if (args.positionals.length < min) throw new UsageError(`${args.command} needs ${names}`);
  if (args.positionals.length > max)
    throw new UsageError(
      `${args.command} takes ${max === 0 ? 'no arguments' : names}; unexpected ${JSON.stringify(args.positionals[max])}`,
    );
}
