/**
 * Answers the requests another Cronbar process sends to this one's control inbox (control-inbox.ts): pause and
 * resume when this process schedules, cancel and follow for the runs it executes, and the notice that another process
 * stored pings (the scheduler's monitor then reads the pings after the last it saw). Inputs are the contract's own
 * schemas, so a request cannot carry what the API would refuse.
 */
import { CronbarError, serviceMethods } from '../../../shared/api/contract';
import type { Store } from '../ports';
import type { ControlRequest } from './control-inbox';
import type { LiveOutputPublisher } from './live-output';
import type { LocalControl } from './process-control';

export interface ControlHandlerDeps {
  scheduling: boolean;
  store: Store;
  local: LocalControl;
  publisher: LiveOutputPublisher;
  /** What a run of this process printed so far. */
  outputSoFar: (runId: number) => Buffer | null;
  log: (line: string) => void;
  /** Reads and delivers the pings other processes stored since the last seen one. */
  pingsArrived: () => void;
}

export async function handleControlRequest(request: ControlRequest, deps: ControlHandlerDeps): Promise<unknown> {
  const from = `(asked by pid ${request.from})`;
  const needScheduling = () => {
    if (!deps.scheduling)
      throw new CronbarError('refused', `process ${process.pid} does not schedule this data directory`);
  };
  switch (request.method) {
    case 'pauseJob': {
      needScheduling();
      const { id, until } = serviceMethods.pauseJob.input.parse(request.input);
      deps.local.pauseJob(id, until);
      deps.log(`paused ${id}${until !== null ? ` until ${new Date(until).toISOString()}` : ''} ${from}`);
      return {};
    }
    case 'resumeJob': {
      needScheduling();
      const { id } = serviceMethods.resumeJob.input.parse(request.input);
      deps.local.resumeJob(id);
      deps.log(`resumed ${id} ${from}`);
      return {};
    }
    case 'pauseAll': {
      needScheduling();
      const { until } = serviceMethods.pauseAll.input.parse(request.input);
      deps.local.pauseAll(until);
      deps.log(`paused all jobs${until !== null ? ` until ${new Date(until).toISOString()}` : ''} ${from}`);
      return {};
    }
    case 'resumeAll': {
      needScheduling();
      deps.local.resumeAll();
      deps.log(`resumed all jobs ${from}`);
      return {};
    }
    case 'cancelRun': {
      const { runId } = serviceMethods.cancelRun.input.parse(request.input);
      const cancelled = deps.local.cancelRun(runId);
      if (cancelled) deps.log(`cancelling run ${runId} ${from}`);
      return { cancelled };
    }
    case 'followRun': {
      const { runId } = serviceMethods.getRun.input.parse(request.input);
      const live = deps.store.liveRuns().find((run) => run.id === runId && run.ownerPid === process.pid);
      if (!live) return { following: false };
      deps.publisher.follow(runId, deps.outputSoFar(runId)?.toString('utf8') ?? '');
      return { following: true };
    }
    case 'pingsArrived': {
      needScheduling();
      deps.pingsArrived();
      return {};
    }
  }
}
