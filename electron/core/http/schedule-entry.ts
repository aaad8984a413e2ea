/** `GET /api/v1/schedules`: each job with its schedule and next run, the shortcut the original scheduler offered. */
import { z } from 'zod';
import { JobViewSchema, type JobView } from '../../../shared/model';

export const ScheduleEntrySchema = JobViewSchema.pick({
  id: true,
  name: true,
  enabled: true,
  paused: true,
  schedule: true,
  timezone: true,
  nextFireAt: true,
  canRunNow: true,
}).extend({
  /** The last run's id, status and end (null: never ran). */
  lastRun: z
    .object({
      id: z.number().int(),
      status: JobViewSchema.shape.lastRun.unwrap().shape.status,
      finishedAt: z.number().nullable(),
    })
    .nullable(),
});
export type ScheduleEntry = z.infer<typeof ScheduleEntrySchema>;

export function toScheduleEntry(job: JobView): ScheduleEntry {
  return {
    id: job.id,
    name: job.name,
    enabled: job.enabled,
    paused: job.paused,
    schedule: job.schedule,
    timezone: job.timezone,
    nextFireAt: job.nextFireAt,
    canRunNow: job.canRunNow,
    lastRun: job.lastRun
      ? { id: job.lastRun.id, status: job.lastRun.status, finishedAt: job.lastRun.finishedAt }
      : null,
  };
}
