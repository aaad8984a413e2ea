/** Resolves the data directory, jobs file and DB from the CLI flags and opens the core on them. */
import fs from 'node:fs';
import path from 'node:path';
import { CronbarError } from '../../../shared/api/cronbar-error';
import { defaultDataDir } from '../store/data-paths';
import type { CronbarService, OpenCronbarOptions } from '../service/types';
import type { CliArgs } from './args';

/** The data directory the flags name; a file in its place (or above it) is refused here, before anything opens it. */
export function resolveDataDir(args: CliArgs): string {
  const dataDir = path.resolve(args.dataDir ?? defaultDataDir());
  refuseFileInPlace(dataDir);
  return dataDir;
}

/** mkdir would say only `EEXIST` (or `ENOTDIR` for a file above it); name the file and what to do instead. */
function refuseFileInPlace(dataDir: string): void {
  for (let at = dataDir; ; at = path.dirname(at)) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(at);
    } catch {
      if (path.dirname(at) === at) return;
      continue;
    }
    if (stat.isDirectory()) return;
    throw new CronbarError(
      'invalid-input',
      `${at} is a file, not a directory: the data directory must be one; point --data-dir or CRONBAR_HOME elsewhere, or move the file aside`,
    );
  }
}

/** The core loads here, not at the command's start: a command that finds a scheduler to ask never needs it. */
export async function openFromArgs(args: CliArgs, extra: Partial<OpenCronbarOptions> = {}): Promise<CronbarService> {
  const { openCronbar } = await import('../service/open-cronbar');
  return openCronbar({ ...optionsFromArgs(args), ...extra });
}

/** The flags as the core's options: relative paths taken from the working directory; the defaults are the core's. */
export function optionsFromArgs(args: CliArgs): OpenCronbarOptions {
  return {
    dataDir: resolveDataDir(args),
    ...(args.config !== undefined ? { configPath: path.resolve(args.config) } : {}),
    ...(args.db !== undefined ? { dbPath: args.db === ':memory:' ? ':memory:' : path.resolve(args.db) } : {}),
    schedule: false,
    // Only `run` and `daemon` run jobs; the others need not load the runner.
    runs: false,
  };
}
