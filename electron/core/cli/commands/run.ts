/**
 * `cronbar run <job>`: runs a job once now, streams its output, records the run, and exits with its status.
 * Works beside a running daemon or app: the run goes in the same history, and the overlap policy sees their runs.
 */
import type { RunRecord } from '../../../../shared/model';
import type { CliArgs } from '../args';
import { expectPositionals } from '../args';
import { formatElapsed } from '../format';
import { openFromArgs } from '../open-from-args';

export async function runCommand(args: CliArgs, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  expectPositionals(args, 1, 1, 'a job id');
  const id = args.positionals[0]!;
  const service = await openFromArgs(args, { controlInbox: true });
  let runId: number | null = null;
  const onSignal = () => {
    if (runId !== null) void service.cancelRun({ runId });
  };
  try {
    await service.getJob({ id, fireCount: 1 });
    // Where no daemon or app runs (cron calling `cronbar run`), this is the next start after a crash.
    service.recoverAbandonedRuns();
    const finished = new Promise<RunRecord>((resolve) => {
      service.on('run:finished', (run) => {
        if (run.id === runId) resolve(run);
      });
    });
    service.on('run:output', ({ runId: chunkRun, chunk }) => {
      if (chunkRun === runId) out.write(chunk);
    });
    const started = await service.runNow({ id, force: args.force });
    if (started.refused !== null || started.runId === null) {
      err.write(`cronbar: ${id} not run: ${started.refused ?? 'refused'}${args.force ? '' : ' (use --force to run anyway)'}\n`);
      return 1;
    }
    runId = started.runId;
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const run = await finished;
    const took = run.startedAt !== null && run.finishedAt !== null ? ` in ${formatElapsed(run.finishedAt - run.startedAt)}` : '';
    const detail = run.exitCode !== null ? `exit ${run.exitCode}` : run.signal ?? '';
    err.write(`cronbar: run ${run.id} ${run.jobId} ${run.status}${detail ? ` (${detail})` : ''}${took}${run.reason && run.status !== 'succeeded' ? `: ${run.reason}` : ''}\n`);
    return run.status === 'succeeded' ? 0 : 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await service.shutdown({ graceMs: 0 });
  }
}
