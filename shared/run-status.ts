/**
 * The statuses a run can have, without zod: commands that only check a word against them (`history --status`,
 * `logs --follow`) do not load the schemas at start-up. `model.ts` builds its schemas from these.
 */
export const RUN_STATUSES = [
  'queued',
  'running',
  'succeeded',
  'failed',
  'timed-out',
  'interrupted',
  'skipped',
  'missed',
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Statuses a run can end in. `queued` and `running` are the only live ones. */
export const FINAL_STATUSES: readonly RunStatus[] = [
  'succeeded',
  'failed',
  'timed-out',
  'interrupted',
  'skipped',
  'missed',
];
