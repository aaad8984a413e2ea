/**
 * `cronbar logs <run-id>` / `cronbar logs <job> [--last]`: the kept output of a run (the last 256 KiB), colours kept
 * on a terminal and stripped when piped. `--follow` tails a running run until it ends, and exits with its status:
 * live when the scheduler runs it, at its end when a `cronbar run` does. The run's line is followed by what became of
 * its notifications on the jobs file's channels ("notified: mailed admin@example.org at …").
 */
import { stripVTControlCharacters } from 'node:util';
import type { RunRecord } from '../../../../shared/model';
import { FINAL_STATUSES } from '../../../../shared/run-status';
import { deliveriesLine } from '../../../../shared/delivery-words';
import { CronbarError } from '../../../../shared/api/cronbar-error';
import type { CliArgs } from '../args';
import { UsageError, expectPositionals, stringOption } from '../args';
import { fitLine, formatElapsed, formatLocal, terminalWidth } from '../format';
import { openFromArgs } from '../open-from-args';
import type { CronbarService } from '../../service/types';
import type { ControlClient } from '../../control/control-client';
import { reachScheduler } from '../../control/reach-scheduler';
import { parseRunId } from './cancel';

const FOLLOW_POLL_MS = 150;

/** What a run was, in one line: `run 12 backup (schedule) succeeded, exit 0, started 2026-12-01 02:00:00, took 4.2 s`. */
export function runSummary(run: RunRecord): string {
  const detail = run.exitCode !== null ? `, exit ${run.exitCode}` : run.signal ? `, ${run.signal}` : '';
  const started = run.startedAt !== null ? `, started ${formatLocal(run.startedAt)}` : '';
  const took =
    run.startedAt !== null && run.finishedAt !== null ? `, took ${formatElapsed(run.finishedAt - run.startedAt)}` : '';
  const reason = run.reason && run.status !== 'succeeded' ? `: ${run.reason}` : '';
  return `run ${run.id} ${run.jobId} (${run.trigger}${run.attempt > 1 ? ` #${run.attempt}` : ''}) ${run.status}${detail}${started}${took}${reason}`;
}

/**
 * `--grep RE` keeps the matching lines (colour codes ignored when matching), then `--tail N` the last N of them, as
 * `journalctl -g … -n …` does. The identity when neither is given.
 */
export function lineFilter(args: CliArgs): (text: string) => string {
  const pattern = stringOption(args, 'grep');
  const tailText = stringOption(args, 'tail');
  const tail = tailText === undefined ? undefined : Number(tailText);
  if (tail !== undefined && (!Number.isInteger(tail) || tail < 0))
    throw new UsageError(`--tail takes a whole number of lines, not ${JSON.stringify(tailText)}`);
  let grep: RegExp | undefined;
  try {
    grep = pattern === undefined ? undefined : new RegExp(pattern);
  } catch (error) {
    throw new UsageError(`--grep ${JSON.stringify(pattern)} is not a regular expression: ${(error as Error).message}`);
  }
  if (grep === undefined && tail === undefined) return (text) => text;
  return (text) => {
    let lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    if (grep) lines = lines.filter((line) => grep.test(stripVTControlCharacters(line)));
    if (tail !== undefined) lines = tail === 0 ? [] : lines.slice(-tail);
    return lines.length > 0 ? `${lines.join('\n')}\n` : '';
  };
}

const isFinal = (run: RunRecord) => FINAL_STATUSES.includes(run.status);

async function findRun(service: CronbarService, args: CliArgs): Promise<RunRecord> {
  const target = args.positionals[0]!;
  // Digits name a run, unless --last says it is a job (a job may be called "2024").
  if (/^\d+$/.test(target) && args.options.last !== true) return service.getRun({ runId: parseRunId(target) });
  const { runs } = await service.history({
    jobId: target,
    statuses: ['running', 'succeeded', 'failed', 'timed-out', 'interrupted'],
    limit: 1,
  });
  if (runs[0]) return runs[0];
  const known = (await service.listJobs({})).some((job) => job.id === target);
  throw new CronbarError('not-found', known ? `${target} has not run yet` : `no job with id ${JSON.stringify(target)}`);
}

export async function logsCommand(
  args: CliArgs,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  expectPositionals(args, 1, 1, 'a run id or a job id');
  // Colours are for a terminal; a file or a pipe gets plain text.
  const plain = !(out as NodeJS.WriteStream).isTTY;
  const write = (text: string) => {
    if (text !== '') out.write(plain ? stripVTControlCharacters(text) : text);
  };
  const pick = lineFilter(args);
  const service = await openFromArgs(args);
  try {
    const run = await findRun(service, args);
    if (args.options.follow === true && !isFinal(run)) return await follow(service, run, write, err);
    const kept = await service.runOutput({ runId: run.id });
    const output = { ...kept, text: pick(kept.text) };
    const deliveries = await service.runDeliveries({ runId: run.id });
    if (args.json) {
      out.write(`${JSON.stringify({ run, output, deliveries }, null, 2)}\n`);
      return 0;
    }
    const width = terminalWidth(err);
    err.write(
      `${fitLine(`cronbar: ${runSummary(run)}${isFinal(run) ? '' : ' (still going: --follow tails it)'}`, width)}\n`,
    );
    // Whole, not fitted: a delivery's reason is what the admin needs to read.
    if (deliveries.length > 0) err.write(`cronbar: notified: ${deliveriesLine(deliveries, formatLocal)}\n`);
    if (kept.truncated)
      err.write(`cronbar: only the last ${kept.text.length} characters of ${kept.totalBytes} bytes are kept\n`);
    write(output.text);
    if (output.text !== '' && !output.text.endsWith('\n')) out.write('\n');
    return 0;
  } finally {
    await service.shutdown();
  }
}

/**
 * Tails a run that another process executes until it ends: the scheduler's streams over its control socket, from
 * what it printed so far; a `cronbar run`'s is waited for in the DB and its kept output shown when it ends.
 */
async function follow(
  service: CronbarService,
  start: RunRecord,
  write: (text: string) => void,
  err: NodeJS.WritableStream,
): Promise<number> {
  const runId = start.id;
  const owner = service.control.runOwner(runId);
  const following = `cronbar: following ${runSummary(start)}${owner !== null ? ` in process ${owner}` : ''}\n`;
  let scheduler: ControlClient | null = null;
  /** Output already shown live: not shown again from the row if the stream broke off (the scheduler stopped). */
  let streamed = false;
  try {
    scheduler =
      owner !== null && owner === service.control.scheduler()?.pid ? await reachScheduler(service.dataDir) : null;
  } catch (error) {
    err.write(`cronbar: ${(error as Error).message}; showing the output when the run ends\n`);
  }
  if (scheduler) {
    try {
      const ended = await stream(
        scheduler,
        runId,
        () => {
          streamed = true;
          err.write(following);
        },
        write,
      );
      if (ended) {
        err.write(`cronbar: ${runSummary(ended)}\n`);
        return ended.status === 'succeeded' ? 0 : 1;
      }
    } finally {
      scheduler.close();
    }
  } else {
    err.write(following);
    if (owner !== null)
      err.write(`cronbar: process ${owner} is a \`cronbar run\`; its output shows when the run ends\n`);
  }
  for (;;) {
    const run = await service.getRun({ runId });
    if (isFinal(run)) {
      if (!streamed) write((await service.runOutput({ runId })).text);
      err.write(`cronbar: ${runSummary(run)}\n`);
      return run.status === 'succeeded' ? 0 : 1;
    }
    // Owner gone without finishing the row: crash recovery will mark it; stop waiting.
    if (service.control.runOwner(runId) === null) {
      err.write(`cronbar: the process running run ${runId} is gone; the next start of Cronbar marks it interrupted\n`);
      return 1;
    }
    await new Promise((resolve) => setTimeout(resolve, FOLLOW_POLL_MS));
  }
}

/**
 * The run's output as the scheduler prints it, from what it printed so far, until it ends. Null when the scheduler
 * does not execute it (any more) or went away: the caller waits for the row instead.
 */
async function stream(
  scheduler: ControlClient,
  runId: number,
  onStart: () => void,
  write: (text: string) => void,
): Promise<RunRecord | null> {
  let started = false;
  const early: string[] = [];
  let finished: (run: RunRecord | null) => void = () => {};
  const ended = new Promise<RunRecord | null>((resolve) => (finished = resolve));
  const { outputSoFar } = await scheduler.subscribe(
    ['run:output', 'run:finished'],
    (event, payload) => {
      if (event === 'run:finished') finished(payload as RunRecord);
      else if (started) write((payload as { chunk: string }).chunk);
      else early.push((payload as { chunk: string }).chunk);
    },
    runId,
  );
  if (outputSoFar === null) return null;
  onStart();
  started = true;
  write(outputSoFar + early.join(''));
  void scheduler.whenClosed().then(() => finished(null));
  return ended;
}
