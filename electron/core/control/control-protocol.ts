/**
 * The lines that cross the control socket, one JSON object per line (newline-delimited JSON):
 *
 * - server → client, first: `{hello: {pid, kind, host, since}}`, who answers (or `{hello: null, error}` and the
 *   connection closes, when the server takes no more connections);
 * - client → server: `{id, method, input}` → `{id, ok: true, value}` or `{id, ok: false, error: ApiError}`, through the
 *   contract's `dispatch` (the input parsed by the method's zod schema, as on IPC and HTTP);
 * - client → server: `{id, subscribe: [event names], runId?}` → `{id, ok: true, value: {outputSoFar}}`, then
 *   `{event, payload}` for each of those events (only run `runId`'s, when given) until the client closes.
 *   `outputSoFar` is what run `runId` printed before the subscription, when this process executes it, else null.
 *
 * Types only: both ends import it without loading anything.
 */
import type { ApiError } from '../../../shared/api/contract';

export interface SchedulerIdentity {
  pid: number;
  /** `daemon`, `app`, … */
  kind: string;
  host: string;
  since: number;
}

export type HelloLine = { hello: SchedulerIdentity } | { hello: null; error: ApiError };
/** `origin`: who the call's writes to the jobs file are recorded as in its history (the CLI unless it says `mcp`). */
export type CallLine = { id: number; method: string; input?: unknown; origin?: 'cli' | 'mcp' };
export type SubscribeLine = { id: number; subscribe: string[]; runId?: number };
export type ReplyLine =
  { id: number | null; ok: true; value: unknown } | { id: number | null; ok: false; error: ApiError };
export type EventLine = { event: string; payload: unknown };
export interface SubscribeValue {
  outputSoFar: string | null;
}

/** Who applied a pause, resume or cancel asked for in one process, for the CLI's message. */
export interface ControlOutcome {
  /**
   * here: this process schedules and applied it; scheduler: the scheduling process applied it; stored: no scheduler
   * runs, this process's engine persisted it for the next start; owner: the process executing the run applied it;
   * recovered: that process was gone, the run was marked interrupted; unchanged: there was nothing to do.
   */
  how: 'here' | 'scheduler' | 'stored' | 'owner' | 'recovered' | 'unchanged';
  /** The other process that applied it. */
  by: { pid: number; kind: string } | null;
}
