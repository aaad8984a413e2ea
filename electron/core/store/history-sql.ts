/**
 * The SQL behind history pages, built per query shape. A page must cost the same at a million rows as at a hundred,
 * so every shape walks an index newest-first and stops after `limit` rows:
 * - all jobs, any status: the primary key;
 * - one status: `runs_by_status (status, id)`, or `runs_by_job_status (job_key, status, id)` for one job;
 * - several statuses (and one job with no status filter, which is "all eight"): one such walk per status, each
 *   stopping after `limit` rows, merged by id. `status IN (…)` would instead collect every matching row and sort it.
 */
import { RUN_COLUMNS } from './run-rows';

export interface HistoryShape {
  byJob: boolean;
  /** The status codes to walk; empty for all statuses. */
  statusCount: number;
  since: boolean;
}

export interface HistoryParams {
  jobKey: number | null;
  statusCodes: readonly number[];
  before: number;
  since: number | null;
  limit: number;
}

export function historyShapeKey(shape: HistoryShape): string {
  return `${shape.byJob ? 'job' : 'all'}:${shape.statusCount}:${shape.since ? 'since' : ''}`;
}

export function historySql(shape: HistoryShape): string {
  const since = shape.since ? ' AND created_at >= ?' : '';
  if (shape.statusCount === 0) {
    if (shape.byJob) throw new Error('a one-job history walks its statuses: pass all status codes');
    return `SELECT ${RUN_COLUMNS} FROM runs WHERE id < ?${since} ORDER BY id DESC LIMIT ?`;
  }
  const job = shape.byJob ? 'job_key = ? AND ' : '';
  const branch = `SELECT ${RUN_COLUMNS} FROM runs WHERE ${job}status = ? AND id < ?${since} ORDER BY id DESC LIMIT ?`;
  if (shape.statusCount === 1) return branch;
  const branches = Array.from({ length: shape.statusCount }, () => `SELECT * FROM (${branch})`);
  return `${branches.join(' UNION ALL ')} ORDER BY id DESC LIMIT ?`;
}

/** Positional parameters matching historySql for the same shape. */
export function historyBindings(params: HistoryParams): unknown[] {
  const tail = params.since === null ? [params.before] : [params.before, params.since];
  if (params.statusCodes.length === 0) return [...tail, params.limit];
  const values: unknown[] = [];
  for (const code of params.statusCodes) {
    if (params.jobKey !== null) values.push(params.jobKey);
    values.push(code, ...tail, params.limit);
  }
  if (params.statusCodes.length > 1) values.push(params.limit);
  return values;
}
