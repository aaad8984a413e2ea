/**
 * `cronbar next <job>`: the next fire times, in the job's zone and this machine's; with no scheduler running, stderr
 * says once that nothing will run them (as `cronbar list` does).
 */
import type { CliArgs } from '../args';
import { expectPositionals } from '../args';
import { formatLocal, formatRelative, terminalWidth, wrap } from '../format';
import { openFromArgs } from '../open-from-args';
import { NO_SCHEDULER_LINE } from './list';

export async function nextCommand(
  args: CliArgs,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  expectPositionals(args, 1, 1, 'a job id');
  const id = args.positionals[0]!;
  const service = await openFromArgs(args);
  try {
    const { job, nextFires } = await service.getJob({ id, fireCount: args.count ?? 5 });
    if (args.json) {
      out.write(
        `${JSON.stringify({ jobId: id, timezone: job.timezone, fires: nextFires.map((at) => new Date(at).toISOString()) }, null, 2)}\n`,
      );
      return 0;
    }
    if (nextFires.length === 0) {
      out.write(
        `${id}: no upcoming runs (${!job.enabled ? 'disabled' : job.paused ? 'paused' : 'nothing left to run'})\n`,
      );
      return 0;
    }
    const localZone = service.localZone();
    const now = Date.now();
    out.write(
      `${wrap(`${id}: ${job.schedule.text} (${job.schedule.description}), ${job.timezone}`, terminalWidth(out), 2)}\n`,
    );
    for (const at of nextFires) {
      const inLocalZone = job.timezone === localZone;
      const local = inLocalZone ? '' : `  (${formatLocal(at)} local)`;
      out.write(`  ${formatLocal(at, inLocalZone ? undefined : job.timezone)}${local}  ${formatRelative(at, now)}\n`);
    }
    if (service.control.scheduler() === null) err.write(`cronbar: ${NO_SCHEDULER_LINE}\n`);
    return 0;
  } finally {
    await service.shutdown();
  }
}
