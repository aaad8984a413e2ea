/**
 * What `cronbar ping` and `cronbar exec` send their pings to. With a scheduler running, the ping goes to it over its
 * control socket: it validates, stores and handles it, and this process opens neither the jobs file nor the DB. With
 * none, the jobs file (for its checks) and the two DB connections are opened here, with the same monitor service the
 * full core uses (the same validation and storage) but no engine: a ping from a machine's crontab should not compute
 * the next fire of every job first. A jobs file that does not parse falls back to the full service, which knows the
 * last good file. `cronbar exec`'s output is not part of the contract, so that ping is stored here and the scheduler
 * is told to read it.
 */
import path from 'node:path';
import { askScheduler } from '../control/reach-scheduler';
import { systemClock } from '../ports';
import { dataPaths } from '../store/data-paths';
import type { CronbarService } from '../service/types';
import type { CliArgs } from './args';
import { openFromArgs, resolveDataDir } from './open-from-args';

export type PingTarget = Pick<CronbarService, 'ping' | 'dataDir' | 'shutdown'>;

export async function openPingTarget(args: CliArgs): Promise<PingTarget> {
  const dataDir = resolveDataDir(args);
  let local: Promise<PingTarget> | null = null;
  const here = () => (local ??= openLocalPingTarget(args, dataDir));
  return {
    dataDir,
    async ping(input) {
      if (input.output === undefined) {
        const asked = await askScheduler(dataDir, 'ping', input);
        if (asked) return asked.value;
      }
      const stored = await (await here()).ping(input);
      if (input.output !== undefined) await askScheduler(dataDir, 'getCheck', { id: input.check }).catch(() => null);
      return stored;
    },
    async shutdown() {
      return local ? (await local).shutdown() : { interrupted: 0 };
    },
  };
}

async function openLocalPingTarget(args: CliArgs, dataDir: string): Promise<PingTarget> {
  const paths = dataPaths(dataDir);
  const configPath = args.config !== undefined ? path.resolve(args.config) : paths.configPath;
  const dbPath = args.db === undefined ? paths.dbPath : args.db === ':memory:' ? ':memory:' : path.resolve(args.db);
  const [{ readJobsFile }, { createMonitorService }, { openMonitorStore }, { openStore }] = await Promise.all([
    import('../config/load-jobs-file'),
    import('../service/monitor-service'),
    import('../store/monitor-sqlite'),
    import('../store/open-store'),
  ]);
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
