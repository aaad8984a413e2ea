/** A controllable ActionRunner: each started action waits until the test finishes it (or cancels it). */
import type { JobSpec } from '../../../shared/config/schema';
import { normalizeJob } from '../../../shared/config/schema';
import type { ActionResult, ActionRunner, RunContext, RunningAction } from '../../../electron/core/ports';

export class FakeAction implements RunningAction {
  readonly done: Promise<ActionResult>;
  cancelledWith: string | null = null;
  settled = false;
  private resolve!: (result: ActionResult) => void;
  private listeners = new Set<(chunk: Buffer) => void>();

  constructor(
    readonly job: JobSpec,
    readonly context: RunContext,
    readonly pid: number | null,
    private readonly settleOnCancel: boolean,
  ) {
    this.done = new Promise((resolve) => (this.resolve = resolve));
  }

  succeed(): void {
    this.settle({ status: 'succeeded', exitCode: 0, signal: null, reason: null });
  }

  fail(exitCode = 1): void {
    this.settle({ status: 'failed', exitCode, signal: null, reason: `exit code ${exitCode}` });
  }

  timeOut(): void {
    this.settle({ status: 'timed-out', exitCode: null, signal: 'SIGTERM', reason: 'timed out' });
  }

  print(text: string): void {
    for (const listener of this.listeners) listener(Buffer.from(text));
  }

  cancel(reason: string): void {
    this.cancelledWith = reason;
    if (this.settleOnCancel) this.settle({ status: 'interrupted', exitCode: null, signal: 'SIGTERM', reason });
  }

  onOutput(listener: (chunk: Buffer) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private settle(result: Omit<ActionResult, 'outputTail' | 'outputBytes'>): void {
    if (this.settled) return;
    this.settled = true;
    this.resolve({ ...result, outputTail: Buffer.from('tail'), outputBytes: 4 });
  }
}

export class FakeRunner implements ActionRunner {
  readonly actions: FakeAction[] = [];
  /** Whether cancel() ends the action at once (a well-behaved process) or leaves it hanging. */
  settleOnCancel = true;
  /** Finish every action as soon as it starts (for bulk tests). */
  autoSucceed = false;
  pid: number | null = null;

  start(job: JobSpec, context: RunContext): RunningAction {
    const action = new FakeAction(job, context, this.pid, this.settleOnCancel);
    this.actions.push(action);
    if (this.autoSucceed) action.succeed();
    return action;
  }

  get running(): FakeAction[] {
    return this.actions.filter((action) => !action.settled);
  }

  forRun(runId: number): FakeAction {
    const action = this.actions.find((candidate) => candidate.context.runId === runId);
    if (!action) throw new Error(`run ${runId} was never started`);
    return action;
  }

  forJob(jobId: string): FakeAction[] {
    return this.actions.filter((action) => action.job.id === jobId);
  }
}

type JobInput = Parameters<typeof normalizeJob>[0];

/** A job as the jobs file would give it (defaults applied), with a command action. */
export function job(fields: Partial<JobInput> & { id: string }, timezone = 'UTC'): JobSpec {
  return normalizeJob({ command: 'true', ...fields } as JobInput, {}, timezone);
}
