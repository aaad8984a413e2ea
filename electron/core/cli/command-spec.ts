/**
 * What a `cronbar` command declares: its name, its usage line, its own options and how to load it. The parser, the
 * help text and the did-you-mean suggestions all come from these declarations, so a command is added in one place.
 */
export type OptionValue = string | boolean | (string | boolean)[] | undefined;

/** What a command is run with: the parsed command line (parsed by args.ts). */
export interface CliArgs {
  command: string;
  positionals: string[];
  /** Every option of the command as given (`args.options.until`), by its long name. */
  options: Record<string, OptionValue>;
  config?: string;
  dataDir?: string;
  db?: string;
  json: boolean;
  force: boolean;
  count?: number;
  limit?: number;
  grace?: string;
  /** Print the stack of an unexpected error (`--debug` or CRONBAR_DEBUG=1). */
  debug: boolean;
  help: boolean;
  version: boolean;
}

/** One option as `node:util` parseArgs takes it, plus the words shown in the help. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** The value's placeholder in the help (`N`, `TIME`); omit for a boolean. */
  value?: string;
  help: string;
}

export type CommandRun = (args: CliArgs, out: NodeJS.WritableStream, err: NodeJS.WritableStream) => Promise<number>;

export interface CommandSpec {
  name: string;
  /** What follows the name in the usage line: `<job> [--count N] [--json]`. */
  synopsis: string;
  summary: string;
  options: Record<string, OptionSpec>;
  /** `cronbar help <command>`'s Examples: the command line and what it does. */
  examples?: ReadonlyArray<readonly [command: string, what: string]>;
  /** Loaded only when the command runs, so `cronbar list` does not load the runner or the daemon. */
  load: () => Promise<CommandRun>;
}

export const jsonOption: OptionSpec = { type: 'boolean', help: 'Print JSON (the shapes: docs/cli.md)' };
