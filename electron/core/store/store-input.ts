/**
 * What callers hand the store, checked before any SQL runs: every bad value is a RunInputError that names its field,
 * and nothing is written (sqlite-store.ts).
 */
import type { NewRun, RunPatch } from '../ports';
import { RunInputError, STATUS_CODES, newRunId, newRunParams, outputTail, patchAssignments } from './run-rows';

export interface ValidPatch {
  columns: string[];
  values: unknown[];
  output: Buffer | null | undefined;
}

export function validPatch(patch: RunPatch): ValidPatch {
  if (typeof patch !== 'object' || patch === null)
    throw new RunInputError(`the patch must be an object, got ${JSON.stringify(patch)}`);
  const { columns, values } = patchAssignments(patch);
  const output =
    patch.output === undefined || patch.output === null ? patch.output : outputTail(requireBytes(patch.output));
  return { columns, values, output };
}

export function validNewRun(run: NewRun): unknown[] {
  requireJobId(run.jobId);
  newRunId(run);
  return newRunParams(run);
}

export function requireJobId(jobId: unknown): void {
  if (typeof jobId !== 'string' || jobId === '')
    throw new RunInputError(`jobId must be non-empty text, got ${JSON.stringify(jobId)}`);
}

export function requireBytes(output: unknown): Buffer {
  if (Buffer.isBuffer(output)) return output;
  if (output instanceof Uint8Array) return Buffer.from(output.buffer, output.byteOffset, output.byteLength);
  throw new RunInputError(`output must be a Buffer or null, got ${typeof output}`);
}

export function statusCode(status: unknown): number {
  const code =
    typeof status === 'string' && Object.hasOwn(STATUS_CODES, status)
      ? STATUS_CODES[status as keyof typeof STATUS_CODES]
      : undefined;
  if (code === undefined)
    throw new RunInputError(`status ${JSON.stringify(status)} is not one of ${Object.keys(STATUS_CODES).join(', ')}`);
  return code;
}

export function positiveInteger(value: unknown, field: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 1)
    throw new RunInputError(`${field} must be a whole number ≥ 1, got ${JSON.stringify(value)}`);
  return value as number;
}

export function nonNegativeInteger(value: unknown, field: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0)
    throw new RunInputError(`${field} must be a whole number ≥ 0, got ${JSON.stringify(value)}`);
  return value as number;
}

export function finiteTime(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new RunInputError(`${field} must be a time in epoch ms, got ${JSON.stringify(value)}`);
  return value;
}

export function optionalTime(value: unknown, field: string): number | null {
  return value === null || value === undefined ? null : Math.round(finiteTime(value, field));
}

export function optionalText(value: unknown, field: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw new RunInputError(`${field} must be text or null, got ${JSON.stringify(value)}`);
  return value;
}
