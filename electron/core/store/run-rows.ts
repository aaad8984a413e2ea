/**
 * The mapping between `runs` rows and RunRecord. Status and trigger are stored as small integer codes to keep a
 * million rows (and the status indexes) compact; the codes are part of the file format, so they are written out here
 * once and never renumbered.
 */
import type { RunOutput, RunRecord, RunStatus, RunTrigger } from '../../../shared/model';
import type { NewRun, RunPatch } from '../ports';

export const STATUS_CODES: Readonly<Record<RunStatus, number>> = {
  queued: 0,
  running: 1,
  succeeded: 2,
  failed: 3,
  'timed-out': 4,
  interrupted: 5,
  skipped: 6,
  missed: 7,
};

export const TRIGGER_CODES: Readonly<Record<RunTrigger, number>> = {
  schedule: 0,
  manual: 1,
  'catch-up': 2,
  retry: 3,
  chain: 4,
  backfill: 5,
  // 6-7 are left for other kinds of trigger; the column allows up to 15 (test/core/store/trigger-codes.test.ts).
  start: 8,
  login: 9,
  resume: 10,
  network: 11,
  power: 12,
  idle: 13,
  path: 14,
  test: 15,
};

const STATUS_BY_CODE = invert(STATUS_CODES);
const TRIGGER_BY_CODE = invert(TRIGGER_CODES);

export const LIVE_STATUS_CODES: readonly number[] = [STATUS_CODES.queued, STATUS_CODES.running];
export const FINAL_STATUS_CODES: readonly number[] = Object.values(STATUS_CODES).filter(
  (code) => !LIVE_STATUS_CODES.includes(code),
);

/** Only the tail is kept: a job that prints gigabytes must not grow the DB without bound. */
export const OUTPUT_TAIL_BYTES = 256 * 1024;

export interface RunRow {
  id: number;
  job_key: number;
  trigger: number;
  status: number;
  scheduled_for: number | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  reason: string | null;
  exit_code: number | null;
  signal: string | null;
  output_bytes: number;
  attempt: number;
  retry_of: number | null;
  pid: number | null;
  pgid: number | null;
  owner_pid: number | null;
  parent_run_id: number | null;
}

export const RUN_COLUMNS =
  'id, job_key, trigger, status, scheduled_for, created_at, started_at, finished_at, reason, exit_code, signal, output_bytes, attempt, retry_of, pid, pgid, owner_pid, parent_run_id';

export function rowToRun(row: RunRow, jobId: string): RunRecord {
  return {
    id: row.id,
    jobId,
    trigger: decode(TRIGGER_BY_CODE, row.trigger, 'trigger', row.id),
    status: decode(STATUS_BY_CODE, row.status, 'status', row.id),
    scheduledFor: row.scheduled_for,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    reason: row.reason,
    exitCode: row.exit_code,
    signal: row.signal,
    outputBytes: row.output_bytes,
    attempt: row.attempt,
    retryOf: row.retry_of,
    pid: row.pid,
    parentRunId: row.parent_run_id,
  };
}

/** The id goes first: null lets SQLite pick the next one, a reserved id is written as given. */
export const INSERT_RUN_COLUMNS =
  'id, job_key, trigger, status, scheduled_for, created_at, started_at, finished_at, reason, attempt, retry_of, pid, pgid, owner_pid, parent_run_id';

/**
 * The insert's parameters after id and job_key, in the order of INSERT_RUN_COLUMNS. Throws a message naming the field
 * on bad input, before anything is written.
 */
export function newRunParams(run: NewRun): unknown[] {
  return [
    statusOrTriggerCode(TRIGGER_CODES, run.trigger, 'trigger'),
    statusOrTriggerCode(STATUS_CODES, run.status, 'status'),
    time(run.scheduledFor, 'scheduledFor'),
    requiredTime(run.createdAt, 'createdAt'),
    time(run.startedAt ?? null, 'startedAt'),
    time(run.finishedAt ?? null, 'finishedAt'),
    text(run.reason ?? null, 'reason'),
    attempt(run.attempt ?? 1),
    integer(run.retryOf ?? null, 'retryOf'),
    integer(run.pid ?? null, 'pid'),
    integer(run.pgid ?? null, 'pgid'),
    processId(run.ownerPid ?? null, 'ownerPid'),
    integer(run.parentRunId ?? null, 'parentRunId'),
  ];
}

/** A reserved id, or null for "the next one". */
export function newRunId(run: NewRun): number | null {
  if (run.id === undefined || run.id === null) return null;
  if (!Number.isSafeInteger(run.id) || run.id < 1)
    throw new RunInputError(`id must be a whole number ≥ 1, got ${JSON.stringify(run.id)}`);
  return run.id;
}

/** What a fresh row holds, without reading it back: inserts stay one statement each. */
export function newRunRecord(run: NewRun, id: number): RunRecord {
  return {
    id,
    jobId: run.jobId,
    trigger: run.trigger,
    status: run.status,
    scheduledFor: run.scheduledFor,
    createdAt: run.createdAt,
    startedAt: run.startedAt ?? null,
    finishedAt: run.finishedAt ?? null,
    reason: run.reason ?? null,
    exitCode: null,
    signal: null,
    outputBytes: 0,
    attempt: run.attempt ?? 1,
    retryOf: run.retryOf ?? null,
    pid: run.pid ?? null,
    parentRunId: run.parentRunId ?? null,
  };
}

type ColumnPatch = Omit<RunPatch, 'output'>;
const PATCH_COLUMNS: {
  [K in keyof Required<ColumnPatch>]: { column: string; encode: (value: ColumnPatch[K]) => unknown };
} = {
  status: { column: 'status', encode: (value) => statusOrTriggerCode(STATUS_CODES, value, 'status') },
  startedAt: { column: 'started_at', encode: (value) => time(value ?? null, 'startedAt') },
  finishedAt: { column: 'finished_at', encode: (value) => time(value ?? null, 'finishedAt') },
  reason: { column: 'reason', encode: (value) => text(value ?? null, 'reason') },
  exitCode: { column: 'exit_code', encode: (value) => integer(value ?? null, 'exitCode') },
  signal: { column: 'signal', encode: (value) => text(value ?? null, 'signal') },
  outputBytes: { column: 'output_bytes', encode: (value) => count(value, 'outputBytes') },
  pid: { column: 'pid', encode: (value) => integer(value ?? null, 'pid') },
  pgid: { column: 'pgid', encode: (value) => integer(value ?? null, 'pgid') },
};

/**
 * The columns a patch sets (fields left undefined stay as they are; null clears) and their encoded values. The column
 * list doubles as the cache key of the UPDATE statement.
 */
export function patchAssignments(patch: RunPatch): { columns: string[]; values: unknown[] } {
  const columns: string[] = [];
  const values: unknown[] = [];
  for (const key of Object.keys(PATCH_COLUMNS) as Array<keyof ColumnPatch>) {
    if (patch[key] === undefined) continue;
    const spec = PATCH_COLUMNS[key] as { column: string; encode: (value: unknown) => unknown };
    values.push(spec.encode(patch[key]));
    columns.push(spec.column);
  }
  return { columns, values };
}

/** The part of an output worth keeping: the last OUTPUT_TAIL_BYTES. */
export function outputTail(output: Buffer): Buffer {
  return output.length > OUTPUT_TAIL_BYTES ? output.subarray(output.length - OUTPUT_TAIL_BYTES) : output;
}

/**
 * Decodes a kept tail. When the head was cut off, the tail may start inside a multi-byte character: those orphan
 * continuation bytes (10xxxxxx, at most 3) are dropped rather than shown as a replacement character.
 */
export function decodeOutput(runId: number, data: Buffer | null, outputBytes: number): RunOutput {
  const kept = data ?? Buffer.alloc(0);
  const totalBytes = Math.max(outputBytes, kept.length);
  const truncated = totalBytes > kept.length;
  let start = 0;
  if (truncated) {
    while (start < 3 && start < kept.length && ((kept[start] ?? 0) & 0xc0) === 0x80) start += 1;
  }
  return { runId, text: kept.toString('utf8', start), totalBytes, truncated };
}

// ---------------------------------------------------------------------------------------------------------------

export class RunInputError extends Error {}

function invert<K extends string>(codes: Readonly<Record<K, number>>): Map<number, K> {
  return new Map(Object.entries(codes).map(([name, code]) => [code as number, name as K]));
}

function decode<K extends string>(names: Map<number, K>, code: number, field: string, runId: number): K {
  const name = names.get(code);
  if (name === undefined) throw new RunInputError(`run ${runId} has an unknown ${field} code ${code}`);
  return name;
}

function statusOrTriggerCode<K extends string>(
  codes: Readonly<Record<K, number>>,
  value: unknown,
  field: string,
): number {
  const code = typeof value === 'string' && Object.hasOwn(codes, value) ? codes[value as K] : undefined;
  if (code === undefined)
    throw new RunInputError(`${field} ${JSON.stringify(value)} is not one of ${Object.keys(codes).join(', ')}`);
  return code;
}

function requiredTime(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new RunInputError(`${field} must be a time in epoch ms, got ${JSON.stringify(value)}`);
  return Math.round(value);
}

function time(value: unknown, field: string): number | null {
  return value === null || value === undefined ? null : requiredTime(value, field);
}

function integer(value: unknown, field: string): number | null {
  if (value === null) return null;
  if (!Number.isSafeInteger(value))
    throw new RunInputError(`${field} must be an integer or null, got ${JSON.stringify(value)}`);
  return value as number;
}

function processId(value: unknown, field: string): number | null {
  if (value === null) return null;
  if (!Number.isSafeInteger(value) || (value as number) < 1)
    throw new RunInputError(`${field} must be a process id (a whole number ≥ 1) or null, got ${JSON.stringify(value)}`);
  return value as number;
}

function count(value: unknown, field: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0)
    throw new RunInputError(`${field} must be a whole number ≥ 0, got ${JSON.stringify(value)}`);
  return value as number;
}

function attempt(value: unknown): number {
  if (!Number.isSafeInteger(value) || (value as number) < 1)
    throw new RunInputError(`attempt must be a whole number ≥ 1, got ${JSON.stringify(value)}`);
  return value as number;
}

function text(value: unknown, field: string): string | null {
  if (value !== null && typeof value !== 'string')
    throw new RunInputError(`${field} must be text or null, got ${JSON.stringify(value)}`);
  return value;
}
