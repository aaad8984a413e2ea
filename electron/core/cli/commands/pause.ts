/**
 * `cronbar pause [<job>|--all] [--until TIME|--for 2h]` and `cronbar resume [<job>|--all]`. Work whether or not a
 * scheduler runs: the daemon or app that holds the data directory applies the change at once; with none, it is
 * stored for the next start. The message says which happened.
 */
import { systemTimezone } from '../../../../shared/config/zones-and-times';
import type { CliArgs } from '../args';
import { UsageError, expectPositionals, stringOption } from '../args';
import { formatLocal } from '../format';
import { openFromArgs } from '../open-from-args';
import { outcomeWords, pauseEnd } from '../pause-until';
import type { ControlOutcome } from '../../service/process-control';

function target(args: CliArgs): string | null {
  expectPositionals(args, 0, 1, 'a job id or --all');
  const all = args.options.all === true;
  const id = args.positionals[0];
  if (all && id !== undefined) throw new UsageError(`give a job id or --all, not both`);
  if (!all && id === undefined) throw new UsageError(`${args.command} needs a job id or --all`);
  return all ? null : id!;
}

function report(
  args: CliArgs,
  out: NodeJS.WritableStream,
  what: string,
  outcome: ControlOutcome,
  extra: Record<string, unknown>,
): number {
  if (args.json) out.write(`${JSON.stringify({ ...extra, applied: outcome.how, by: outcome.by }, null, 2)}\n`);
  else out.write(`${what}; ${outcomeWords(outcome)}\n`);
  return 0;
}

export async function pauseCommand(args: CliArgs, out: NodeJS.WritableStream): Promise<number> {
  const id = target(args);
  const until = pauseEnd(
    { until: stringOption(args, 'until'), for: stringOption(args, 'for') },
    Date.now(),
    systemTimezone(),
  );
  const service = await openFromArgs(args);
  try {
    const outcome = id === null ? await service.control.pauseAll(until) : await service.control.pauseJob(id, until);
    const what = `paused ${id ?? 'all jobs'}${until !== null ? ` until ${formatLocal(until)}` : ' until resumed'}`;
    return report(args, out, what, outcome, {
      paused: id ?? 'all',
      until: until === null ? null : new Date(until).toISOString(),
    });
  } finally {
    await service.shutdown();
  }
}

export async function resumeCommand(args: CliArgs, out: NodeJS.WritableStream): Promise<number> {
  const id = target(args);
  const service = await openFromArgs(args);
  try {
    const outcome = id === null ? await service.control.resumeAll() : await service.control.resumeJob(id);
    return report(args, out, `resumed ${id ?? 'all jobs'}`, outcome, { resumed: id ?? 'all' });
  } finally {
    await service.shutdown();
  }
}
