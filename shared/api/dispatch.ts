/**
 * The server side of the contract: parse the input with the method's schema, call the implementation, and return a
 * Result. IPC in main and the browser test bridge both go through here, so validation happens in exactly one place.
 */
import type { z } from 'zod';
import {
  type ApiError,
  type MethodName,
  type MethodOutput,
  type ParsedInput,
  type Result,
  CronbarError,
  contract,
} from './contract';

export type Implementation = { [M in MethodName]?: (input: ParsedInput<M>) => Promise<MethodOutput<M>> };

/** Names the first bad field (`runId`) so the caller knows what to fix. */
export function describeInputError(error: z.ZodError): { field: string; message: string } {
  const first = error.issues[0];
  const field = first && first.path.length > 0 ? first.path.map(String).join('.') : '(input)';
  return { field, message: `${field}: ${first?.message ?? 'invalid input'}` };
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof CronbarError) {
    return { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message };
}

export async function dispatch<M extends MethodName>(
  impl: Implementation,
  method: M,
  rawInput: unknown,
): Promise<Result<MethodOutput<M>>> {
  const entry = contract[method];
  if (!entry) return { ok: false, error: { code: 'invalid-input', message: `unknown method ${String(method)}` } };
  const parsed = entry.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const { field, message } = describeInputError(parsed.error);
    return { ok: false, error: { code: 'invalid-input', message: `${method}: ${message}`, field } };
  }
  const fn = impl[method] as ((input: unknown) => Promise<MethodOutput<M>>) | undefined;
  if (!fn) return { ok: false, error: { code: 'not-found', message: `${method} is not available here` } };
  try {
    return { ok: true, value: await fn(parsed.data) };
  } catch (error) {
    return { ok: false, error: toApiError(error) };
  }
}
