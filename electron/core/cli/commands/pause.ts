/**
 * `cronbar pause [<job>|--all] [--until TIME|--for 2h]` and `cronbar resume [<job>|--all]`. Work whether or not a
 * scheduler runs: the daemon or app that holds the data directory applies the change at once (over its control
 * socket); with none, it is stored for the next start. The message says which happened.
 */
import { systemTimezone } from '../../../../shared/config/zones-and-times';
import type { CliArgs } from '../args';
import { UsageError, expectPositionals, stringOption } from '../args';
import { formatLocal } from '../format';
import { openFromArgs, resolveDataDir } from '../open-from-args';
import { outcomeWords, pauseEnd } from '../pause-until';
import type { MethodInput } from '../../../../shared/api/contract';
import type { ControlOutcome } from '../../control/control-protocol';
import { askScheduler } from '../../control/reach-scheduler';
import type { CronbarService } from '../../service/types';

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

/**
 * The running scheduler applies it (asked over its socket, without opening the core here); with none, the core opens
 * with an engine that is not started, which applies it and persists it for the next start.
 */
async function apply<M extends 'pauseJob' | 'resumeJob' | 'pauseAll' | 'resumeAll'>(
  args: CliArgs,
  method: M,
  input: MethodInput<M>,
  offline: (control: CronbarService['control']) => Promise<ControlOutcome>,
): Promise<ControlOutcome> {
  const asked = await askScheduler(resolveDataDir(args), method, input);
  if (asked) return { how: 'scheduler', by: { pid: asked.by.pid, kind: asked.by.kind } };
  const service = await openFromArgs(args);
  try {
    return await offline(service.control);
  } finally {
    await service.shutdown();
  }
}

export async function pauseCommand(args: CliArgs, out: NodeJS.WritableStream): Promise<number> {
  const id = target(args);
  const options = { until: stringOption(args, 'until'), for: stringOption(args, 'for') };
  // The zone (ICU) only for a time to read.
  const until = pauseEnd(options, Date.now(), options.until === undefined ? 'UTC' : systemTimezone());
  const outcome =
    id === null
      ? await apply(args, 'pauseAll', { until }, (control) => control.pauseAll(until))
      : await apply(args, 'pauseJob', { id, until }, (control) => control.pauseJob(id, until));
  // Echoed with its weekday, so a misread word shows at once ("paused until Tue 2026-12-15 08:00").
  const what = `paused ${id ?? 'all jobs'}${until !== null ? ` until ${weekday(until)} ${formatLocal(until).slice(0, 16)}` : ' until resumed'}`;
  return report(args, out, what, outcome, {
    paused: id ?? 'all',
    until: until === null ? null : new Date(until).toISOString(),
  });
}

const weekday = (at: number) => new Date(at).toLocaleDateString('en-US', { weekday: 'short' });

export async function resumeCommand(args: CliArgs, out: NodeJS.WritableStream): Promise<number> {
  const id = target(args);
  const outcome =
    id === null
      ? await apply(args, 'resumeAll', {}, (control) => control.resumeAll())
      : await apply(args, 'resumeJob', { id }, (control) => control.resumeJob(id));
  return report(args, out, `resumed ${id ?? 'all jobs'}`, outcome, { resumed: id ?? 'all' });
}
