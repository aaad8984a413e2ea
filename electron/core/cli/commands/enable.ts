/**
 * `cronbar enable <job>` / `cronbar disable <job>`: sets `enabled` in the jobs file through the same edit as the
 * window (comments and layout kept, atomic write, validated). A running scheduler picks the file up by its watcher.
 */
import type { CliArgs } from '../args';
import { expectPositionals } from '../args';
import { openFromArgs } from '../open-from-args';

export function enableCommand(enabled: boolean) {
  return async (args: CliArgs, out: NodeJS.WritableStream): Promise<number> => {
    expectPositionals(args, 1, 1, 'a job id');
    const id = args.positionals[0]!;
    const service = await openFromArgs(args);
    try {
      const { job } = await service.getJob({ id, fireCount: 1 });
      const changed = job.enabled !== enabled;
      if (changed) await service.setJobEnabled({ id, enabled });
      const scheduler = service.control.scheduler();
      const effect = !changed
        ? `it already was`
        : scheduler
          ? `the running ${scheduler.kind} (pid ${scheduler.pid}) reloads ${service.configPath} within a second`
          : `written to ${service.configPath}; takes effect when the scheduler starts`;
      if (args.json)
        out.write(
          `${JSON.stringify({ job: id, enabled, changed, configPath: service.configPath, scheduler: scheduler ? { pid: scheduler.pid, kind: scheduler.kind } : null }, null, 2)}\n`,
        );
      else out.write(`${enabled ? 'enabled' : 'disabled'} ${id}; ${effect}\n`);
      return 0;
    } finally {
      await service.shutdown();
    }
  };
}
