/**
 * Runs an `http:` job: one request, judged by its status. The output records what happened in one line
 * (`GET https://… → 503 Service Unavailable in 120 ms`) and the start of the body, which is usually the error page.
 */
import { STATUS_CODES } from 'node:http';
import type { ActionSpec } from '../../../shared/config/schema';
import type { Clock } from '../ports';
import type { ActionOutput } from './action-output';
import { type ActionOutcome, failed } from './action-outcome';
import type { StopControl } from './stop-control';

export type HttpActionSpec = Extract<ActionSpec, { kind: 'http' }>;

export interface HttpActionOptions {
  clock: Clock;
  fetch: typeof fetch;
}

/** Enough of the body to show an error message, not enough to fill the tail with a page. */
export const HTTP_BODY_PREVIEW_BYTES = 4 * 1024;

export async function runHttpAction(
  action: HttpActionSpec,
  output: ActionOutput,
  stop: StopControl,
  options: HttpActionOptions,
): Promise<ActionOutcome> {
  const { clock } = options;
  const label = `${action.method} ${action.url}`;
  const startedAt = clock.monotonic();
  const elapsed = () => `${Math.round(clock.monotonic() - startedAt)} ms`;
  const stopped = (): ActionOutcome | null => {
    const cause = stop.cause;
    return cause ? { status: cause.status, exitCode: null, signal: null, reason: cause.reason } : null;
  };

  let response: Response;
  try {
    response = await options.fetch(action.url, {
      method: action.method,
      headers: action.headers,
      body: action.body ?? undefined,
      // The timeout and cancel both abort through this one signal (see stop-control.ts).
      signal: stop.signal,
    });
  } catch (error) {
    const cause = stopped();
    if (cause) {
      output.writeLine(`${label} → no answer: ${cause.reason}`);
      return cause;
    }
    const reason = networkErrorReason(error);
    output.writeLine(`${label} → ${reason} after ${elapsed()}`);
    return failed(reason);
  }

  const statusLine = `${response.status} ${response.statusText || STATUS_CODES[response.status] || ''}`.trim();
  output.writeLine(`${label} → ${statusLine} in ${elapsed()}`);
  try {
    await copyBodyPreview(response, output);
  } catch (_error) {
    const cause = stopped();
    if (cause) {
      output.writeLine(`[cronbar] ${cause.reason} while reading the body`);
      return cause;
    }
    // A body cut short does not change what the status said.
    output.writeLine('[cronbar] the body could not be read to the end');
  }

  const expected = action.expectStatus;
  const ok = expected ? expected.includes(response.status) : response.status >= 200 && response.status <= 299;
  const outcome: ActionOutcome = ok
    ? { status: 'succeeded', exitCode: null, signal: null, reason: null }
    : failed(`HTTP ${statusLine} (expected ${expected ? expected.join(', ') : '200-299'})`);
  return outcome;
}

async function copyBodyPreview(response: Response, output: ActionOutput): Promise<void> {
  if (!response.body) return;
  const reader = response.body.getReader();
  let copied = 0;
  let endsWithNewline = true;
  try {
    while (copied < HTTP_BODY_PREVIEW_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      const slice = value.subarray(0, HTTP_BODY_PREVIEW_BYTES - copied);
      output.write(Buffer.from(slice));
      copied += slice.length;
      if (slice.length > 0) endsWithNewline = slice[slice.length - 1] === 0x0a;
      if (slice.length < value.length) {
        output.writeLine(`${endsWithNewline ? '' : '\n'}[cronbar] body cut after ${HTTP_BODY_PREVIEW_BYTES} bytes`);
        endsWithNewline = true;
        break;
      }
    }
  } finally {
    // Stop downloading the rest: a health check should not pull a whole page or a never-ending stream.
    await reader.cancel().catch(() => {});
  }
  if (!endsWithNewline) output.writeLine('');
}

/** undici wraps the useful part: `TypeError: fetch failed` with `cause: connect ECONNREFUSED 127.0.0.1:9`. */
function networkErrorReason(error: unknown): string {
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (cause instanceof Error && cause.message) return cause.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
