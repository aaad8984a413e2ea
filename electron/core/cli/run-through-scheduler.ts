/**
 * `cronbar run` beside a running daemon or app: the scheduler runs the job, in its own environment (the one the job
 * gets at 02:00), and this process streams its output over the control socket and exits with the job's code. The
 * run is the scheduler's: its overlap policy and retries apply, Ctrl-C here cancels it there. Null when no scheduler
 * runs (the caller runs the job in-process).
 */
import type { RunRecord } from '../../../shared/model';
import { reachScheduler } from '../control/reach-scheduler';

export interface RoutedRun {
  run: RunRecord;
  output: string;
  by: { pid: number; kind: string };
}

export async function runThroughScheduler(
  dataDir: string,
  request: { id: string; force: boolean; test: boolean },
  write: ((chunk: string) => void) | null,
  err: NodeJS.WritableStream,
): Promise<RoutedRun | { refused: string } | null> {
  const scheduler = await reachScheduler(dataDir);
  if (!scheduler) return null;
  let runId: number | null = null;
  const early: Array<{ runId: number; chunk: string }> = [];
  let finished: (run: RunRecord | null) => void = () => {};
  const ended = new Promise<RunRecord | null>((resolve) => (finished = resolve));
  const pendingEnds: RunRecord[] = [];
  const cancel = () => {
    if (runId !== null) void scheduler.call('cancelRun', { runId }).catch(() => {});
  };
  try {
    // Subscribed before asking, so no chunk printed between the start and our knowing the run id is lost.
    await scheduler.subscribe(['run:output', 'run:finished'], (event, payload) => {
      if (event === 'run:finished') {
        const run = payload as RunRecord;
        if (runId === null) pendingEnds.push(run);
        else if (run.id === runId) finished(run);
        return;
      }
      const chunk = payload as { runId: number; chunk: string };
      if (runId === null) early.push(chunk);
      else if (chunk.runId === runId) write?.(chunk.chunk);
    });
    const started = await scheduler.call(request.test ? 'testRun' : 'runNow', { id: request.id, force: request.force });
    if (started.refused !== null || started.runId === null) return { refused: started.refused ?? 'refused' };
    runId = started.runId;
    const by = scheduler.scheduler;
    err.write(`cronbar: run ${runId} ${request.id} started by the ${by.kind} (pid ${by.pid}), in its environment\n`);
    for (const chunk of early.splice(0)) if (chunk.runId === runId) write?.(chunk.chunk);
    const endedEarly = pendingEnds.find((run) => run.id === runId);
    if (endedEarly) finished(endedEarly);
    void scheduler.whenClosed().then(() => finished(null));
    process.on('SIGINT', cancel);
    process.on('SIGTERM', cancel);
    const run = await ended;
    if (!run) throw new Error(`the ${by.kind} (pid ${by.pid}) stopped before run ${runId} ended`);
    const output = (await scheduler.call('runOutput', { runId })).text;
    return { run, output, by: { pid: by.pid, kind: by.kind } };
  } finally {
    process.off('SIGINT', cancel);
    process.off('SIGTERM', cancel);
    scheduler.close();
  }
}
