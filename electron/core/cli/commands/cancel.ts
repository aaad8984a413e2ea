/**
 * `cronbar cancel <run-id>`: stops a running run or drops a queued one. The process that executes the run (daemon,
 * app or `cronbar run`) does it, so the run ends recorded `interrupted` by its own engine; a run whose process died is
 * cleaned up as crash recovery would.
 */
import type { CliArgs } from '../args';
import { UsageError, expectPositionals } from '../args';
import { openFromArgs } from '../open-from-args';
import { outcomeWords } from '../pause-until';

export function parseRunId(text: string): number {
  const id = Number(text);
  if (!Number.isInteger(id) || id < 1)
    throw new UsageError(`a run id is a whole number ≥ 1, not ${JSON.stringify(text)}`);
  return id;
}

export async function cancelCommand(
  args: CliArgs,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  expectPositionals(args, 1, 1, 'a run id');
  const runId = parseRunId(args.positionals[0]!);
  const service = await openFromArgs(args);
  try {
    const outcome = await service.control.cancelRun(runId);
    const run = await service.getRun({ runId });
    if (args.json) {
      out.write(
        `${JSON.stringify({ runId, cancelled: outcome.cancelled, applied: outcome.how, by: outcome.by, status: run.status }, null, 2)}\n`,
      );
      return outcome.cancelled ? 0 : 1;
    }
    if (outcome.how === 'unchanged') {
      err.write(
        `cronbar: run ${runId} (${run.jobId}) is not running: it ${run.status === 'skipped' || run.status === 'missed' ? 'was' : 'ended'} ${run.status}\n`,
      );
      return 1;
    }
    if (!outcome.cancelled) {
      err.write(`cronbar: run ${runId} (${run.jobId}) could not be cancelled; ${outcomeWords(outcome)}\n`);
      return 1;
    }
    out.write(`cancelling run ${runId} (${run.jobId}); ${outcomeWords(outcome)}\n`);
    return 0;
  } finally {
    await service.shutdown();
  }
}
