/**
 * The runner: does *what* a job says (command, HTTP request, builtin), while the engine decides *when*. Every start
 * gets one stop control (timeout + cancel) and one output tail; `done` always resolves, never rejects.
 */
import type { JobSpec } from '../../../shared/config/schema';
import {
  type ActionResult,
  type ActionRunner,
  type Clock,
  type RunContext,
  type RunningAction,
  systemClock,
} from '../ports';
import { ActionOutput } from './action-output';
import { type ActionOutcome, type StartedAction, failed } from './action-outcome';
import { type BuiltinStore, runBuiltinAction } from './builtin-actions';
import { startCommandAction } from './command-action';
import { runHttpAction } from './http-action';
import type { BaseEnvironment } from './job-environment';
import { createStopControl } from './stop-control';

export const DEFAULT_KILL_GRACE_MS = 10_000;

export interface ActionRunnerOptions {
  /** Needed by the builtins only; without it they fail with a clear reason. */
  store?: BuiltinStore;
  /** Backups go to `<dataDir>/backups`. */
  dataDir: string;
  /** Between SIGTERM and SIGKILL on timeout or cancel. */
  killGraceMs?: number;
  /** The shell for string commands when the job names none (default: $SHELL, then /bin/sh). */
  shell?: string;
  clock?: Clock;
  /** Wall clock for builtins (backup names, prune cut-off). Default: `clock.now`. */
  now?: () => number;
  fetch?: typeof fetch;
  /** What every command starts from (job-environment.ts), read at each start; default: this process's own. */
  baseEnvironment?: () => BaseEnvironment;
}

export function createActionRunner(options: ActionRunnerOptions): ActionRunner {
  const clock = options.clock ?? systemClock;
  const now = options.now ?? (() => clock.now());
  const killGraceMs = options.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  const fetchImpl = options.fetch ?? globalThis.fetch;

  const launch = (
    job: JobSpec,
    context: RunContext,
    output: ActionOutput,
    stop: ReturnType<typeof createStopControl>,
  ): StartedAction => {
    const action = job.action;
    switch (action.kind) {
      case 'command':
        return startCommandAction(action, context, output, stop, {
          clock,
          killGraceMs,
          shell: options.shell,
          baseEnvironment: options.baseEnvironment,
        });
      case 'http':
        return { pid: null, outcome: runHttpAction(action, output, stop, { clock, fetch: fetchImpl }) };
      case 'builtin':
        return {
          pid: null,
          outcome: runBuiltinAction(action, output, stop, { store: options.store, dataDir: options.dataDir, now }),
        };
      default:
        return {
          pid: null,
          outcome: Promise.resolve(failed(`unknown action kind ${JSON.stringify((action as { kind: unknown }).kind)}`)),
        };
    }
  };

  return {
    start(job: JobSpec, context: RunContext): RunningAction {
      const output = new ActionOutput();
      const stop = createStopControl(clock, timeoutFor(job));
      let started: StartedAction;
      try {
        started = launch(job, context, output, stop);
      } catch (error) {
        started = {
          pid: null,
          outcome: Promise.resolve(
            failed(`could not start: ${error instanceof Error ? error.message : String(error)}`),
          ),
        };
      }
      const done: Promise<ActionResult> = started.outcome
        .catch((error: unknown): ActionOutcome =>
          failed(`runner error: ${error instanceof Error ? error.message : String(error)}`),
        )
        .then((outcome) => {
          stop.dispose();
          return { ...outcome, outputTail: output.tail.toBuffer(), outputBytes: output.tail.totalBytes };
        });
      return {
        pid: started.pid,
        done,
        cancel: (reason: string) => stop.cancel(reason),
        onOutput: (listener) => output.subscribe(listener),
        outputSoFar: () => output.tail.toBuffer(),
      };
    },
  };
}

/** An HTTP job may set its own, usually shorter, request timeout; everything else uses the job's. */
function timeoutFor(job: JobSpec): number {
  if (job.action.kind === 'http' && job.action.timeoutMs !== null) return job.action.timeoutMs;
  return job.timeoutMs;
}
