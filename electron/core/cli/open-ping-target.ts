/**
 * What `cronbar ping` and `cronbar exec` send their pings to. With a scheduler running, the ping goes to it over its
 * control socket: it validates, stores and handles it, and this process opens neither the jobs file nor the DB. With
 * none, the core is opened here without its engine (a ping from a machine's crontab should not compute the next fire
 * of every job first), with the same monitor the full core uses. `cronbar exec`'s output is not part of the contract,
 * so that ping is stored here and the scheduler is told to read it.
 */
import { askScheduler } from '../control/reach-scheduler';
import type { PingService } from '../service/types';
import type { CliArgs } from './args';
import { optionsFromArgs, resolveDataDir } from './open-from-args';

export async function openPingTarget(args: CliArgs): Promise<PingService> {
  const dataDir = resolveDataDir(args);
  let local: Promise<PingService> | null = null;
  const here = () =>
    (local ??= import('../service/open-cronbar').then(({ openCronbar }) =>
      openCronbar({ ...optionsFromArgs(args), engine: false }),
    ));
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
