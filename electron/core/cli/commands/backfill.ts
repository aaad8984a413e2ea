/**
 * `cronbar backfill <job> --from TIME --to TIME`: runs a job once for every slot its schedule held in the range, as
 * if scheduled then (trigger `backfill`, CRONBAR_SCHEDULED_AT = the slot). `--dry-run` lists the slots and starts
 * nothing. With a scheduler running, it takes the backfill and this command returns at once (follow it with
 * `cronbar history`); with none, this process runs the slots and waits for the last one. Ctrl-C (or `cronbar cancel`
 * on any of its runs) cancels the slots still waiting.
 */
import type { BackfillResult } from '../../../../shared/api/backfill-methods';
import { BACKFILL_DEFAULT_MAX } from '../../../../shared/api/backfill-methods';
import type { RunRecord } from '../../../../shared/model';
import type { CliArgs } from '../args';
import { expectPositionals, stringOption, UsageError } from '../args';
import { formatLocal, labelledLines } from '../format';
import { openFromArgs } from '../open-from-args';
import { zoneOffsetMs } from '../../../../shared/zoned-time-parts';
import { sinceOption } from './history';

const WIDTH = 80;
/** Slots listed one by one in the dry run's flagged lists; past this, a count. */
const LISTED = 12;

export async function backfillCommand(args: CliArgs, out: NodeJS.WritableStream): Promise<number> {
  expectPositionals(args, 1, 1, 'a job id');
  const input = backfillInput(args, Date.now());
  const service = await openFromArgs(args, { runs: true });
  const finished: RunRecord[] = [];
  const onSignal = () => service.cancelBackfills();
  try {
    service.on('run:finished', (run) => {
      if (run.trigger === 'backfill' && run.jobId === input.id) finished.push(run);
    });
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const result = await service.backfill(input);
    const here = !result.dryRun && !result.scheduler;
    if (here) await service.backfillsIdle();
    if (args.json) {
      const runs = here ? finished.map(({ id, scheduledFor, status }) => ({ id, scheduledFor, status })) : undefined;
      out.write(`${JSON.stringify(runs ? { ...result, finished: runs } : result, null, 2)}\n`);
    } else out.write(describe(result, here ? finished : null).join('\n') + '\n');
    return here && finished.some((run) => run.status !== 'succeeded') ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await service.shutdown({ graceMs: 0 });
  }
}

function backfillInput(args: CliArgs, now: number) {
  const time = (flag: string) => {
    const text = stringOption(args, flag);
    return text === 'now' ? now : sinceOption(text, now, `--${flag}`);
  };
  const from = time('from');
  const to = time('to');
  if (from === undefined || to === undefined) throw new UsageError('backfill needs --from TIME and --to TIME');
  if (to < from) throw new UsageError('--to is before --from');
  const overlap = stringOption(args, 'overlap') ?? 'queue';
  if (overlap !== 'queue' && overlap !== 'parallel')
    throw new UsageError(`--overlap takes queue or parallel, not ${JSON.stringify(overlap)}`);
  return {
    id: args.positionals[0]!,
    from,
    to,
    dryRun: args.options['dry-run'] === true,
    rerun: args.options.rerun === true,
    overlap: overlap as 'queue' | 'parallel',
    maxParallel: countOption(args, 'max-parallel', 4, 64),
    max: countOption(args, 'max', BACKFILL_DEFAULT_MAX, 100_000),
  };
}

function utcOffset(ms: number): string {
  const minutes = Math.abs(ms) / 60_000;
  return `${ms < 0 ? '-' : '+'}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function countOption(args: CliArgs, name: string, fallback: number, top: number): number {
  const text = stringOption(args, name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > top)
    throw new UsageError(`--${name} takes a whole number from 1 to ${top}, not ${JSON.stringify(text)}`);
  return value;
}

/** The answer in lines of at most 80 columns, slot times in the job's zone. */
export function describe(result: BackfillResult, finished: RunRecord[] | null): string[] {
  const at = (ms: number) => formatLocal(ms, result.timezone).slice(0, 16);
  const range = result.first === null ? '' : ` from ${at(result.first)} to ${at(result.last!)}`;
  const lines = [`${result.jobId}: ${result.count} slots${range} (${result.timezone})`];
  const listed = (label: string, slots: number[], format = at) => {
    if (slots.length === 0) return;
    const shown = slots.slice(0, LISTED).map(format);
    if (slots.length > LISTED) shown.push(`… and ${slots.length - LISTED} more`);
    lines.push(...labelledLines(`${label} (${slots.length})`, shown, WIDTH, 26));
  };
  const succeeded = result.slots.filter((slot) => slot.alreadySucceeded).map((slot) => slot.at);
  listed('already succeeded', succeeded);
  // A repeated hour reads the same twice in wall time: the offset tells the two apart.
  const withOffset = (ms: number) => `${at(ms)} ${utcOffset(zoneOffsetMs(ms, result.timezone))}`;
  const dst = result.slots.filter((slot) => slot.dstAffected).map((slot) => slot.at);
  listed('DST-affected', dst, withOffset);
  if (result.dryRun) {
    lines.push(
      succeeded.length > 0
        ? `dry run: nothing started; would run ${result.count - succeeded.length} (${succeeded.length} skipped unless --rerun)`
        : `dry run: nothing started; would run ${result.count}`,
    );
    return lines;
  }
  const skipped = result.skipped.length > 0 ? `, skipped ${result.skipped.length} already succeeded` : '';
  if (finished === null) {
    const started = result.runs.length;
    lines.push(`${result.by} took it: started ${started}, ${result.pending.length} waiting${skipped}`);
    lines.push(`follow it with: cronbar history ${result.jobId}`);
    return lines;
  }
  const ok = finished.filter((run) => run.status === 'succeeded').length;
  const failed = finished.length - ok;
  lines.push(`ran ${finished.length}: ${ok} succeeded${failed > 0 ? `, ${failed} did not` : ''}${skipped}`);
  for (const run of finished.filter((each) => each.status !== 'succeeded').slice(0, LISTED))
    lines.push(`  run ${run.id} for ${at(run.scheduledFor!)} ${run.status}`);
  return lines;
}
