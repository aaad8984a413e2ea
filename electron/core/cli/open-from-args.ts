/** Resolves the data directory, jobs file and DB from the CLI flags and opens the core on them. */
import fs from 'node:fs';
import path from 'node:path';
import { defaultDataDir } from '../store/data-paths';
import type { CronbarService, OpenCronbarOptions } from '../service/types';
import type { CliArgs } from './args';

export function resolveDataDir(args: CliArgs): string {
  return path.resolve(args.dataDir ?? defaultDataDir());
}

/**
 * better-sqlite3's addon by its path: its default lookup (the `bindings` package) tries a dozen paths and parses a
 * stack trace on every start. The bundled CLI (out/cli) sits two levels under the package root whose node_modules
 * holds it; anywhere else, or when the file is not where npm builds it, the default lookup stays.
 */
function sqliteBinding(): string | undefined {
  if (typeof __dirname !== 'string') return undefined;
  const file = path.join(
    __dirname,
    '..',
    '..',
    'node_modules',
    'better-sqlite3',
    'build',
    'Release',
    'better_sqlite3.node',
  );
  return fs.existsSync(file) ? file : undefined;
}

/** The core loads here, not at the command's start: a command that finds a scheduler to ask never needs it. */
export async function openFromArgs(args: CliArgs, extra: Partial<OpenCronbarOptions> = {}): Promise<CronbarService> {
  const { openCronbar } = await import('../service/open-cronbar');
  return openCronbar({
    dataDir: resolveDataDir(args),
    ...(args.config !== undefined ? { configPath: path.resolve(args.config) } : {}),
    ...(args.db !== undefined ? { dbPath: args.db === ':memory:' ? ':memory:' : path.resolve(args.db) } : {}),
    schedule: false,
    // Only `run` and `daemon` run jobs; the others need not load the runner.
    runs: false,
    nativeBinding: sqliteBinding(),
    ...extra,
  });
}
