/**
 * The service methods made for an assistant (the MCP server's `why_not_run`, `propose_edit`, `apply_edit`), and open to
 * every other face like the rest of the contract. A function of the contract's scalar schemas, so contract.ts spreads
 * them in without an import circle.
 */
import { z } from 'zod';
import { ConfigIssueSchema, DowntimeSpanSchema, RunRecordSchema } from '../model';

/** What the answer says happened to the fire, in one word; `answer` says it in a sentence. */
export const WHY_VERDICTS = [
  /** A run for that fire started (its status says how it ended, or that it still runs). */
  'ran',
  /** It did not run at its time (asleep, stopped), and a catch-up run stood for it later. */
  'caught-up',
  /** Recorded missed: the machine slept or Cronbar was stopped, outside the catch-up window or with policy skip. */
  'missed',
  /** Skipped by the overlap policy: the previous run was still going. */
  'overlap',
  /** Skipped for the reason its row gives (a scheduled fire took the place of a catch-up run not yet started). */
  'skipped',
  /** The job, or every job, was paused. */
  'paused',
  /** `enabled: false` in the jobs file. */
  'disabled',
  /** No Cronbar scheduled this data directory then, and no start since accounted for the fire. */
  'no-scheduler',
  /** The schedule has no fire at that time; the nearest fires are given. */
  'not-a-fire',
  /** The fire is still to come. */
  'not-due-yet',
  /** A fire with no row and nothing recorded that explains it (the schedule may have changed since). */
  'no-record',
] as const;
export type WhyVerdict = (typeof WHY_VERDICTS)[number];

/** A proposal's change, by job id and field, as written in the jobs file. */
export const JobsChangeSummarySchema = z.object({
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(z.object({ id: z.string(), fields: z.array(z.string()) })),
  /** Settings outside `jobs:` that changed (`concurrency`, `defaults`, `checks`…). */
  otherKeys: z.array(z.string()),
});
export type JobsChangeSummary = z.infer<typeof JobsChangeSummarySchema>;

export function assistantMethods<
  J extends z.ZodType<string>,
  E extends z.ZodType<number>,
  V extends z.ZodType<string>,
>(scalars: { jobId: J; epochMs: E; version: V }) {
  const { jobId, epochMs, version } = scalars;
  return {
    whyNotRun: {
      input: z.object({
        id: jobId,
        /**
         * The time asked about: epoch ms, an ISO time with offset (`2026-12-07T02:00Z`), a wall time in the job's zone
         * (`2026-12-07T02:00`, `2026-12-07 02:00`), or just `02:00` (the latest one that has passed).
         */
        at: z.union([epochMs, z.string().min(1).max(40)]),
      }),
      output: z.object({
        jobId: z.string(),
        verdict: z.enum(WHY_VERDICTS),
        /** One or two sentences with the times in the job's zone: what happened to that fire, and why. */
        answer: z.string(),
        /** The fire the answer is about (the schedule's fire at the time asked); null when it has none there. */
        fireAt: z.number().nullable(),
        timezone: z.string(),
        /** The row that answers it: the run, the catch-up run that stood for it, or the decision (skipped, missed). */
        run: RunRecordSchema.nullable(),
        /** The recorded span (asleep, stopped, crashed) the fire fell in. */
        downtime: DowntimeSpanSchema.nullable(),
        /** The schedule's fires just before and after the time asked. */
        previousFire: z.number().nullable(),
        nextFire: z.number().nullable(),
      }),
      doc: 'Why a job did or did not run at a time: from the run and decision records, the recorded downtime (asleep, stopped, crashed) and the pause state.',
    },
    proposeEdit: {
      input: z
        .object({
          /** The whole new jobs-file text. */
          text: z.string().max(5_000_000).optional(),
          /** Or one job as written in the jobs file: added, or replacing `replaceId` (comments elsewhere kept). */
          job: z.record(z.string(), z.unknown()).optional(),
          replaceId: jobId.optional(),
          /** Or the id of a job to remove. */
          deleteId: jobId.optional(),
        })
        .refine(
          (input) => [input.text, input.job, input.deleteId].filter((part) => part !== undefined).length === 1,
          'give exactly one of text, job or deleteId',
        ),
      output: z.object({
        ok: z.boolean(),
        /** Every problem of the proposed file, placed (file:line:col); nothing can be applied while there are any. */
        issues: z.array(ConfigIssueSchema),
        /** Pass to applyEdit; null when the proposal has problems or changes nothing. */
        token: z.string().nullable(),
        /** The file version the proposal is bound to: applyEdit refuses once the file changed from it. */
        baseVersion: version,
        summary: JobsChangeSummarySchema,
        /** A unified diff of the jobs file (current → proposed). */
        diff: z.string(),
        /** When the token stops being accepted (epoch ms); null without a token. */
        expiresAt: z.number().nullable(),
      }),
      doc: 'Checks a change of the jobs file without saving it: its placed problems, or what it changes and a token for applyEdit bound to the file as it is now.',
    },
    applyEdit: {
      input: z.object({ token: z.string().min(1).max(200) }),
      output: z.object({ version, summary: JobsChangeSummarySchema }),
      doc: 'Saves a change proposeEdit returned a token for (comments kept as proposed). Refused when the token is unknown or expired, or when the jobs file changed since the proposal.',
    },
  } as const;
}
