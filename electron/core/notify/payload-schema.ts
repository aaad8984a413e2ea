/**
 * The one JSON shape every channel is built from, as a zod schema: a generic webhook receives it as it is, a command
 * hook on stdin. `docs/webhook-payload.schema.json` is generated from it (a test keeps the two equal), so a receiver
 * can validate what it gets. `version` changes only when a field changes meaning or goes away; new fields may appear
 * within a version.
 */
import { z } from 'zod';
import { RUN_STATUSES, RUN_TRIGGERS } from '../../../shared/model';
import { PAYLOAD_VERSION } from './payload-version';

export const PAYLOAD_EVENTS = [
  'failure',
  'recovered',
  'success',
  'missed',
  'summary',
  'overdue',
  'down',
  'up',
  'slow',
  'flapping',
  'digest',
  'test',
] as const;

export const PAYLOAD_KINDS = [
  'failure',
  'timeout',
  'missed',
  'recovery',
  'success',
  'summary',
  'overdue',
  'overdue-recovered',
  'check-down',
  'check-up',
  'slow',
  'flapping',
  'digest',
  'test',
] as const;

const iso = z.string().describe('ISO 8601, UTC');

export const NotificationPayloadSchema = z
  .object({
    version: z.literal(PAYLOAD_VERSION),
    event: z.enum(PAYLOAD_EVENTS).describe('What happened, in the words of the jobs file’s notify:'),
    kind: z.enum(PAYLOAD_KINDS).describe('The notice as the desktop has it (timeout is event failure)'),
    title: z.string(),
    text: z.string().describe('One line: exit code and last output line, the reason, the jobs of a summary'),
    at: iso,
    host: z.string(),
    job: z
      .object({
        id: z.string(),
        name: z.string(),
        schedule: z.string(),
        scheduleDescription: z.string(),
        timezone: z.string(),
      })
      .nullable(),
    check: z.object({ id: z.string(), name: z.string() }).nullable(),
    run: z
      .object({
        id: z.number().int(),
        status: z.enum(RUN_STATUSES),
        trigger: z.enum(RUN_TRIGGERS),
        attempt: z.number().int(),
        exitCode: z.number().int().nullable(),
        signal: z.string().nullable(),
        reason: z.string().nullable(),
        startedAt: iso.nullable(),
        finishedAt: iso.nullable(),
        durationMs: z.number().nullable(),
        outputBytes: z.number().int(),
        outputTail: z.array(z.string()).describe('The last lines the run printed (at most 20)'),
      })
      .nullable(),
    subjects: z.array(z.string()).describe('A summary’s or digest’s jobs and checks, all of them'),
    seeMore: z.string().nullable().describe('The command that shows the whole output, when there is a run'),
  })
  .describe('A Cronbar notification');

export type NotificationPayload = z.output<typeof NotificationPayloadSchema>;
