/** Resolves the data directory, jobs file and DB from the CLI flags and opens the core on them. */
import path from 'node:path';
import { defaultDataDir } from '../store/data-paths';
import { openCronbar } from '../service/open-cronbar';
import type { CronbarService, OpenCronbarOptions } from '../service/types';
import type { CliArgs } from './args';

export function resolveDataDir(args: CliArgs): string {
  return path.resolve(args.dataDir ?? defaultDataDir());
}

export function openFromArgs(args: CliArgs, extra: Partial<OpenCronbarOptions> = {}): Promise<CronbarService> {
  return openCronbar({
    dataDir: resolveDataDir(args),
    ...(args.config !== undefined ? { configPath: path.resolve(args.config) } : {}),
    ...(args.db !== undefined ? { dbPath: args.db === ':memory:' ? ':memory:' : path.resolve(args.db) } : {}),
    schedule: false,
    // Only `run` and `daemon` run jobs; the others need not load the runner.
    runs: false,
    ...extra,
  });
}
