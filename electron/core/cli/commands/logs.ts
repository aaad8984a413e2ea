/**
 * `cronbar logs <run-id>` / `cronbar logs <job> [--last]`: the kept output of a run (the last 256 KiB), colours kept
 * on a terminal and stripped when piped. `--follow` tails a running run live, whichever process runs it, until it
 * ends, and exits with its status.
 */
import { stripVTControlCharacters } from 'node:util';
import type { RunRecord } from '../../../../shared/model';
import { FINAL_STATUSES } from '../../../../shared/model';
import { CronbarError } from '../../../../shared/api/cronbar-error';
import type { CliArgs } from '../args';
import { expectPositionals } from '../args';
import { formatElapsed, formatLocal } from '../format';
import { openFromArgs } from '../open-from-args';
import type { CronbarService } from '../../service/types';
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
  const service = await openFromArgs(args);
  try {
    const run = await findRun(service, args);
    if (args.options.follow === true && !isFinal(run)) return await follow(service, run, write, err);
    const output = await service.runOutput({ runId: run.id });
    if (args.json) {
      out.write(`${JSON.stringify({ run, output }, null, 2)}\n`);
      return 0;
    }
    err.write(`cronbar: ${runSummary(run)}${isFinal(run) ? '' : ' (still going: --follow tails it)'}\n`);
    if (output.truncated)
      err.write(`cronbar: only the last ${output.text.length} characters of ${output.totalBytes} bytes are kept\n`);
    write(output.text);
    if (output.text !== '' && !output.text.endsWith('\n')) out.write('\n');
    return 0;
  } finally {
    await service.shutdown();
  }
}

/** Tails a run that another process executes, through the DB (live-output.ts), until it ends. */
async function follow(
  service: CronbarService,
  start: RunRecord,
  write: (text: string) => void,
  err: NodeJS.WritableStream,
): Promise<number> {
  const runId = start.id;
  const owner = service.control.runOwner(runId);
  let streaming = false;
  if (owner !== null) {
    try {
      streaming =
        (
          (await service.control.ask(owner, 'followRun', { runId }, 'the process running it')) as {
            following?: boolean;
          }
        ).following === true;
    } catch (error) {
      err.write(`cronbar: ${(error as Error).message}; showing the output when the run ends\n`);
    }
  }
  err.write(`cronbar: following ${runSummary(start)}${owner !== null ? ` in process ${owner}` : ''}\n`);
  let shown = 0;
  let ended: RunRecord | null = null;
  for (;;) {
    const live = streaming ? service.control.liveOutput(runId) : null;
    if (live && live.total > shown) {
      const fresh = live.total - shown;
      if (fresh > live.text.length)
        err.write(`\ncronbar: [${fresh - live.text.length} characters went by too fast to show]\n`);
      write(live.text.slice(-Math.min(fresh, live.text.length)));
      shown = live.total;
    }
    const run = await service.getRun({ runId });
    if (isFinal(run) && (!streaming || live === null || live.done)) {
      ended = run;
      break;
    }
    // Owner gone without finishing the row: crash recovery will mark it; stop waiting.
    if (!isFinal(run) && service.control.runOwner(runId) === null) {
      err.write(`cronbar: the process running run ${runId} is gone; the next start of Cronbar marks it interrupted\n`);
      return 1;
    }
    await new Promise((resolve) => setTimeout(resolve, FOLLOW_POLL_MS));
  }
  if (streaming) service.control.releaseLiveOutput(runId);
  if (!streaming || shown === 0) write((await service.runOutput({ runId })).text);
  err.write(`cronbar: ${runSummary(ended)}\n`);
  return ended.status === 'succeeded' ? 0 : 1;
}
