/**
 * The contract's entries for the timeline (spread into `serviceMethods` in contract.ts): every fire in a range,
 * counted per job and per time bucket in the core, so a week at 1 000 jobs crosses IPC as counts, not 100 000 objects.
 */
import { z } from 'zod';

const HOUR_MS = 3_600_000;
/** A month: more than the timeline's week, small enough that an every-second job stays a bounded count. */
export const FIRE_DENSITY_MAX_RANGE_MS = 31 * 24 * HOUR_MS;
/** So the answer stays small: a week in 15-minute buckets is 672. */
export const FIRE_DENSITY_MAX_BUCKETS = 5_000;

export const FireDensityInputSchema = z
  .object({
    from: z.number().int().nonnegative(),
    to: z.number().int().nonnegative(),
    bucketMs: z.number().int().min(60_000, 'must be at least 60000 (one minute)'),
    /** Only jobs carrying this tag. */
    tag: z.string().min(1).max(200).optional(),
  })
  .superRefine((input, context) => {
    if (input.to <= input.from) context.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    else if (input.to - input.from > FIRE_DENSITY_MAX_RANGE_MS)
      context.addIssue({ code: 'custom', path: ['to'], message: 'must be at most 31 days after from' });
    else if (Math.ceil((input.to - input.from) / input.bucketMs) > FIRE_DENSITY_MAX_BUCKETS)
      context.addIssue({
        code: 'custom',
        path: ['bucketMs'],
        message: `gives more than ${FIRE_DENSITY_MAX_BUCKETS} buckets for this range: use a larger bucket`,
      });
  });

export const FireDensityJobSchema = z.object({
  jobId: z.string(),
  name: z.string(),
  tags: z.array(z.string()),
  /** Every fire of this job in [from, to). */
  total: z.number().int(),
  /** Sparse counts, flat: bucket index, count, bucket index, count… (index i covers from + i·bucketMs). */
  buckets: z.array(z.number().int()),
});
export type FireDensityJob = z.infer<typeof FireDensityJobSchema>;

export const FireDensitySchema = z.object({
  from: z.number(),
  to: z.number(),
  bucketMs: z.number(),
  /** Every fire in range across the jobs listed. */
  total: z.number().int(),
  /** Jobs with at least one fire in range, by name. */
  jobs: z.array(FireDensityJobSchema),
});
export type FireDensity = z.infer<typeof FireDensitySchema>;

export const timelineMethods = {
  fireDensity: {
    input: FireDensityInputSchema,
    output: FireDensitySchema,
    doc: 'Every fire in [from, to), counted per job and per bucket of bucketMs (optionally only jobs with a tag); empty while all jobs are paused.',
  },
};
