/**
 * The runner of a process opened only to read (`cronbar list`, `status`, `logs`): it never runs a job, so the real
 * runner's modules are not loaded. Should a start reach it anyway, the run fails saying why instead of hanging.
 */
import type { ActionRunner, RunningAction } from '../ports';

export const idleRunner: ActionRunner = {
  start(): RunningAction {
    return {
      pid: null,
      done: Promise.resolve({
        status: 'failed',
        exitCode: null,
        signal: null,
        reason: 'this Cronbar process was opened read-only and runs no jobs',
        outputTail: Buffer.alloc(0),
        outputBytes: 0,
      }),
      cancel() {},
      onOutput: () => () => {},
    };
  },
};
