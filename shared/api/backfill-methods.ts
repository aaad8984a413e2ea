/**
 * The contract's backfill entries (spread into `serviceMethods` in contract.ts, so IPC, the preload, HTTP, the control
 * socket and MCP derive them like every other method): a job's missed slots in a range, run as if scheduled.
 */
import { z } from 'zod';

const jobId = z.string().min(1).max(64);
const epochMs = z.number().int();

/** The most slots one backfill takes unless `max` says otherwise: a typo in a range must not start a million runs. */
export const BACKFILL_DEFAULT_MAX = 1000;

export const BackfillSlotSchema = z.object({
  /** The fire time the run is recorded for (`scheduledFor`, CRONBAR_SCHEDULED_AT). */
  at: epochMs,
  /** Within an hour of a change of the job's zone's UTC offset: shifted out of a gap, or a repeated hour. */
  dstAffected: z.boolean(),
  /** A run recorded for this slot succeeded already: skipped unless `rerun`. */
  alreadySucceeded: z.boolean(),
});
export type BackfillSlot = z.infer<typeof BackfillSlotSchema>;

export const BackfillResultSchema = z.object({
  jobId: z.string(),
  timezone: z.string(),
  dryRun: z.boolean(),
  /** Slots in [from, to] by the job's own schedule, in its zone. */
  count: z.number().int(),
  first: epochMs.nullable(),
  last: epochMs.nullable(),
  slots: z.array(BackfillSlotSchema),
  /** The runs started or queued so far, slot by slot (empty for a dry run). */
  runs: z.array(z.object({ at: epochMs, runId: z.number().int().positive(), queued: z.boolean() })),
  /** Slots that wait for an earlier backfill run to end (overlap queue, or beyond maxParallel). */
  pending: z.array(epochMs),
  /** Slots not run: already succeeded (without rerun). */
  skipped: z.array(epochMs),
  /** Who runs it: the scheduler that took it, or this process. */
  by: z.string(),
  /** True when the running scheduler took it (the caller does not wait); false when the caller's process runs it. */
  scheduler: z.boolean(),
});
export type BackfillResult = z.infer<typeof BackfillResultSchema>;

export const backfillMethods = {
  backfill: {
    input: z
      .object({
        id: jobId,
        from: epochMs,
        to: epochMs,
        dryRun: z.boolean().default(false),
        rerun: z.boolean().default(false),
        overlap: z.enum(['queue', 'parallel']).default('queue'),
        maxParallel: z.number().int().min(1).max(64).default(4),
        max: z.number().int().min(1).max(100_000).default(BACKFILL_DEFAULT_MAX),
      })
      .refine((input) => input.to >= input.from, { message: 'to must not be before from', path: ['to'] }),
    output: BackfillResultSchema,
    doc: 'Backfill: runs a job once for every slot its schedule holds in [from, to] (epoch ms, the job\'s zone), each recorded with trigger "backfill" and that slot as scheduledFor (CRONBAR_SCHEDULED_AT). Slots that already succeeded are skipped unless rerun; overlap queue runs one slot after another, parallel up to maxParallel at once; the concurrency limit applies. dryRun lists the slots and starts nothing. More than max slots is refused. Cancelling any of its runs (cancelRun) cancels the slots still waiting.',
  },
} as const;
