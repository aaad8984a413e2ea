/**
 * `cronbar run <job>`: runs a job once now, streams its output, records the run, and exits with its status.
 * Beside a running daemon or app, that scheduler runs it, in its environment (run-through-scheduler.ts), and its
 * retry policy is the scheduler's; `--as-scheduled` marks the run a test. With none, this process runs it, and
 * retries a failed run by the job's `retry` policy, with the engine's delays (retry-policy.ts), unless --no-retry.
 */
import os from 'node:os';
import type { RunRecord } from '../../../../shared/model';
import { isRetryable, retryDelay } from '../../engine/retry-policy';
import type { CliArgs } from '../args';
import { expectPositionals } from '../args';
import { formatElapsed, formatSpan } from '../format';
import { openFromArgs, resolveDataDir } from '../open-from-args';
import { runThroughScheduler } from '../run-through-scheduler';

export async function runCommand(
  args: CliArgs,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  expectPositionals(args, 1, 1, 'a job id');
  const id = args.positionals[0]!;
  const routed = await runThroughScheduler(
    resolveDataDir(args),
    { id, force: args.force, test: args.options['as-scheduled'] === true },
    args.json ? null : (chunk) => out.write(chunk),
    err,
  );
  if (routed && 'refused' in routed) {
    err.write(`cronbar: ${id} not run: ${routed.refused}${args.force ? '' : ' (use --force to run anyway)'}\n`);
    return 1;
  }
  if (routed) {
    report(routed.run, err);
    const output = { runId: routed.run.id, text: routed.output };
    if (args.json)
      out.write(`${JSON.stringify({ run: routed.run, attempts: [routed.run], output, by: routed.by }, null, 2)}\n`);
    return exitCodeOf(routed.run);
  }
  // `cronbar cancel` in another shell stops this run with SIGTERM (below), so it ends recorded by this engine.
  const service = await openFromArgs(args, { runs: true });
  let runId: number | null = null;
  let interrupted = false;
  let wakeWait: (() => void) | null = null;
  const onSignal = () => {
    interrupted = true;
    wakeWait?.();
    if (runId !== null) void service.cancelRun({ runId });
  };
  try {
    await service.getJob({ id, fireCount: 1 });
    const spec = service.jobSpec(id);
    // Where no daemon or app runs (cron calling `cronbar run`), this is the next start after a crash.
    service.recoverAbandonedRuns();
    const finishedRuns = new Map<number, (run: RunRecord) => void>();
    service.on('run:finished', (run) => finishedRuns.get(run.id)?.(run));
    // With --json, stdout is the JSON document alone; the output is in it (as kept), not streamed before it.
    if (!args.json)
      service.on('run:output', ({ runId: chunkRun, chunk }) => {
        if (chunkRun === runId) out.write(chunk);
      });
    const runs: RunRecord[] = [];
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);

    const wait = (started: { runId: number | null }) =>
      new Promise<RunRecord>((resolve) => {
        runId = started.runId;
        finishedRuns.set(started.runId!, resolve);
      });
    // No scheduler runs: this process is the one that runs it; --as-scheduled marks it a test all the same.
    const started =
      args.options['as-scheduled'] === true
        ? await service.testRun({ id, force: args.force })
        : await service.runNow({ id, force: args.force });
    if (started.refused !== null || started.runId === null) {
      err.write(
        `cronbar: ${id} not run: ${started.refused ?? 'refused'}${args.force ? '' : ' (use --force to run anyway)'}\n`,
      );
      return 1;
    }
    let run = await wait(started);
    runs.push(run);
    report(run, err);
    const first = run.id;
    for (
      let retryNumber = 1;
      !interrupted && args.options['no-retry'] !== true && isRetryable(run.status);
      retryNumber++
    ) {
      const delay = retryDelay(spec.retry, retryNumber);
      if (delay === null) break;
      err.write(
        `cronbar: retry ${retryNumber} of ${spec.retry.attempts} in ${formatSpan(delay)} (Ctrl-C to stop; --no-retry skips retries)\n`,
      );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        wakeWait = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeWait = null;
      if (interrupted) break;
      const retry = service.runRetry(id, { attempt: retryNumber + 1, retryOf: first, after: run.id });
      if (retry.runId === null) {
        err.write(`cronbar: retry not run: ${retry.refused ?? 'refused'}\n`);
        break;
      }
      run = await wait(retry);
      runs.push(run);
      report(run, err);
    }
    if (args.json) {
      const output = await service.runOutput({ runId: run.id });
      out.write(`${JSON.stringify({ run, attempts: runs, output }, null, 2)}\n`);
    }
    return exitCodeOf(run);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await service.shutdown({ graceMs: 0 });
  }
}

function report(run: RunRecord, err: NodeJS.WritableStream): void {
  const took =
    run.startedAt !== null && run.finishedAt !== null ? ` in ${formatElapsed(run.finishedAt - run.startedAt)}` : '';
  const detail = run.exitCode !== null ? `exit ${run.exitCode}` : (run.signal ?? '');
  const attempt = run.attempt > 1 ? ` (attempt ${run.attempt})` : '';
  err.write(
    `cronbar: run ${run.id} ${run.jobId}${attempt} ${run.status}${detail ? ` (${detail})` : ''}${took}${run.reason && run.status !== 'succeeded' ? `: ${run.reason}` : ''}\n`,
  );
}

/**
 * The exit code a shell would give for the job itself, as `exec` passes it through: its own code, 128+N when signal N
 * ended it (a timeout's SIGTERM gives 143), 1 for any other failure (an HTTP check, a cancelled queued run).
 */
export function exitCodeOf(run: RunRecord): number {
  if (run.status === 'succeeded') return 0;
  if (run.exitCode !== null && run.exitCode !== 0) return run.exitCode;
  const signal = run.signal ? os.constants.signals[run.signal as NodeJS.Signals] : undefined;
  return signal !== undefined ? 128 + signal : 1;
}
