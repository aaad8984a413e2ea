/**
 * `digest:` in the jobs file: once a day at a local time, a summary of the last 24 hours (runs ok, failed, missed,
 * overdue and slow jobs, the jobs that need attention first, the disk the history takes) to the named channels.
 * Opt-in: without the section nothing is sent.
 */
import { z } from 'zod';
import { channelName } from './notification-schema';

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

export const DigestSchema = z.strictObject({
  /** The local time of day, 24-hour: "08:00". */
  at: z
    .string()
    .regex(TIME_OF_DAY, { error: (issue) => `${JSON.stringify(issue.input)} is not a time of day such as "08:00"` }),
  /** Names from `notifications:`. */
  channels: z.array(channelName).min(1),
});

export interface DigestSpec {
  hour: number;
  minute: number;
  /** The zone the time is read in (the jobs file's zone: the system's). */
  timezone: string;
  channels: string[];
}

export function resolveDigest(digest: z.output<typeof DigestSchema> | undefined, zone: string): DigestSpec | undefined {
  if (!digest) return undefined;
  const [, hour, minute] = TIME_OF_DAY.exec(digest.at)!;
  return { hour: Number(hour), minute: Number(minute), timezone: zone, channels: [...new Set(digest.channels)] };
}
