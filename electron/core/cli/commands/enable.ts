/**
 * `cronbar enable <job>` / `cronbar disable <job>`: sets `enabled` in the jobs file through the same edit as the
 * window (comments and layout kept, atomic write, validated). A running scheduler makes the edit itself, over its
 * control socket, and applies it as it writes; with none, this process edits the file for the next start.
 */
import type { CliArgs } from '../args';
import { expectPositionals } from '../args';
import { openFromArgs, resolveDataDir } from '../open-from-args';
import { reachScheduler } from '../../control/reach-scheduler';

interface Toggled {
  changed: boolean;
  configPath: string;
  scheduler: { pid: number; kind: string } | null;
}

async function toggle(args: CliArgs, id: string, enabled: boolean): Promise<Toggled> {
  // A jobs file named with --config is edited here: the scheduler may be running another one.
  const scheduler = args.config === undefined ? await reachScheduler(resolveDataDir(args)) : null;
  if (scheduler) {
    try {
      const { job } = await scheduler.call('getJob', { id, fireCount: 1 });
      const changed = job.enabled !== enabled;
      if (changed) await scheduler.call('setJobEnabled', { id, enabled });
      const { configPath } = await scheduler.call('status', {});
      return { changed, configPath, scheduler: { pid: scheduler.scheduler.pid, kind: scheduler.scheduler.kind } };
    } finally {
      scheduler.close();
    }
  }
  const service = await openFromArgs(args);
  try {
    const { job } = await service.getJob({ id, fireCount: 1 });
    const changed = job.enabled !== enabled;
    if (changed) await service.setJobEnabled({ id, enabled });
    const holder = service.control.scheduler();
    return {
      changed,
      configPath: service.configPath,
      scheduler: holder ? { pid: holder.pid, kind: holder.kind } : null,
    };
  } finally {
    await service.shutdown();
  }
}

export function enableCommand(enabled: boolean) {
  return async (args: CliArgs, out: NodeJS.WritableStream): Promise<number> => {
    expectPositionals(args, 1, 1, 'a job id');
    const id = args.positionals[0]!;
    const { changed, configPath, scheduler } = await toggle(args, id, enabled);
    const effect = !changed
      ? `it already was`
      : scheduler
        ? `the running ${scheduler.kind} (pid ${scheduler.pid}) reloads ${configPath} as it writes it`
        : `written to ${configPath}; takes effect when the scheduler starts`;
    if (args.json) out.write(`${JSON.stringify({ job: id, enabled, changed, configPath, scheduler }, null, 2)}\n`);
    else out.write(`${enabled ? 'enabled' : 'disabled'} ${id}; ${effect}\n`);
    return 0;
  };
}
