/**
 * What `cronbar ping` and `cronbar exec` open: the jobs file (for its checks) and the two DB connections, with the
 * same monitor service the full core uses (the same validation, storage and nudge) but no engine: a ping from a
 * machine's crontab should not compute the next fire of every job first. A jobs file that does not parse falls back
 * to the full service, which knows the last good file.
 */
import path from 'node:path';
import { readJobsFile } from '../config/load-jobs-file';
import { systemClock } from '../ports';
import { createMonitorService } from '../service/monitor-service';
import { dataPaths } from '../store/data-paths';
import { openMonitorStore } from '../store/monitor-sqlite';
import { openStore } from '../store/open-store';
import type { CronbarService } from '../service/types';
import type { CliArgs } from './args';
import { openFromArgs, resolveDataDir } from './open-from-args';

export type PingTarget = Pick<CronbarService, 'ping' | 'dataDir' | 'shutdown'>;

export async function openPingTarget(args: CliArgs): Promise<PingTarget> {
  const dataDir = resolveDataDir(args);
  const paths = dataPaths(dataDir);
  const configPath = args.config !== undefined ? path.resolve(args.config) : paths.configPath;
  const dbPath = args.db === undefined ? paths.dbPath : args.db === ':memory:' ? ':memory:' : path.resolve(args.db);
  let parsed: ReturnType<typeof readJobsFile>;
  try {
    parsed = readJobsFile(configPath);
  } catch {
    return openFromArgs(args);
  }
  if (!parsed.ok) return openFromArgs(args);
  const store = openStore(dbPath);
  const monitorStore = openMonitorStore(dbPath);
  const monitoring = createMonitorService({
    store,
    monitorStore,
    clock: systemClock,
    dataDir,
    scheduling: false,
    sessionKind: 'cli',
    emit: () => {},
    log: () => {},
  });
  monitoring.applyConfig(parsed.config);
  return {
    dataDir,
    ping: (input) => monitoring.ping(input),
    async shutdown() {
      monitoring.stop();
      store.close();
      return { interrupted: 0 };
    },
  };
}
