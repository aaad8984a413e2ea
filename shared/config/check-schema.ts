/**
 * The `checks:` section of the jobs file: check-ins for jobs that run elsewhere (a NAS's own cron, a CI job). A check
 * says when a ping is expected (`every:` or `cron:` with `timezone:`) and how long past that it may be late
 * (`grace:`, default 1 h) before it is down. Kept apart from schema.ts so it imports nothing from it (no cycle).
 */
import { z } from 'zod';
import { BoundedCache } from './bounded-cache';
import { cronError } from './cron';
import { parseDuration } from './duration';
import { channelName } from './notification-schema';

export const DEFAULT_GRACE_MS = 3_600_000;
const CHECK_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const zoneVerdicts = new BoundedCache<string, boolean>(256);
const knowsZone = (zone: string) =>
  zoneVerdicts.get(zone, (candidate) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: candidate });
      return true;
    } catch {
      return false;
    }
  });

const duration = (what: string) =>
  z
    .string({
      error: (issue) =>
        `${JSON.stringify(issue.input)} is not a duration: ${what} needs a unit, such as 30s, 15m, 2h or 1d`,
    })
    .refine((text) => parseDuration(text) !== null, {
      error: (issue) => `${JSON.stringify(issue.input)} is not a duration (use 30s, 15m, 2h, 1d, or sums like 1h30m)`,
    });

export const CheckSchema = z
  .strictObject({
    id: z
      .string()
      .regex(
        CHECK_ID_PATTERN,
        'id must be 1-64 letters, digits, dots, dashes or underscores, starting with a letter or digit',
      ),
    name: z.string().min(1).optional(),
    description: z.string().optional(),
    tags: z.array(z.string().min(1)).optional(),
    every: duration('every').optional(),
    cron: z.string().min(1).optional(),
    timezone: z
      .string()
      .refine(knowsZone, {
        error: (issue) =>
          `${JSON.stringify(issue.input)} is not an IANA time zone (for example Europe/Berlin or America/New_York)`,
      })
      .optional(),
    grace: duration('grace').optional(),
    notify: z
      .strictObject({
        down: z.boolean().optional(),
        up: z.boolean().optional(),
        channels: z.array(channelName).optional(),
      })
      .optional(),
  })
  .superRefine(
    (check, ctx) => {
      if (typeof check !== 'object' || check === null || Array.isArray(check)) return;
      const schedules = (['every', 'cron'] as const).filter((key) => check[key] !== undefined);
      if (schedules.length === 0)
        ctx.addIssue({ code: 'custom', path: [], message: 'needs when a ping is expected: every or cron' });
      if (schedules.length > 1)
        ctx.addIssue({ code: 'custom', path: ['cron'], message: 'has both every and cron: keep one' });
      if (typeof check.cron === 'string' && check.cron !== '') {
        const zone = typeof check.timezone === 'string' && knowsZone(check.timezone) ? check.timezone : undefined;
        const problem = cronError(check.cron, zone);
        if (problem)
          ctx.addIssue({ code: 'custom', path: ['cron'], message: `${JSON.stringify(check.cron)}: ${problem}` });
      }
      const everyMs = typeof check.every === 'string' ? parseDuration(check.every) : null;
      if (everyMs !== null && everyMs < 1000)
        ctx.addIssue({
          code: 'custom',
          path: ['every'],
          message: `${JSON.stringify(check.every)}: the shortest period is 1s`,
        });
    },
    { when: () => true },
  );

/** Check ids share one name space with job ids: `cronbar ping x` and `cronbar list` must never be ambiguous. */
export function duplicateCheckIds(checks: unknown, jobIds: ReadonlyMap<string, number>, ctx: z.RefinementCtx): void {
  if (!Array.isArray(checks)) return;
  const seen = new Map<string, number>();
  checks.forEach((check: unknown, index) => {
    const id = typeof check === 'object' && check !== null ? (check as { id?: unknown }).id : undefined;
    if (typeof id !== 'string') return;
    const job = jobIds.get(id);
    const first = seen.get(id);
    if (job !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['checks', index, 'id'],
        message: `id ${JSON.stringify(id)} is also jobs[${job}]: jobs and checks need different ids`,
      });
    else if (first !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['checks', index, 'id'],
        message: `duplicate id ${JSON.stringify(id)} (also checks[${first}])`,
      });
    else seen.set(id, index);
  });
}

export type CheckScheduleSpec = { kind: 'every'; everyMs: number; text: string } | { kind: 'cron'; expr: string };

export interface CheckSpec {
  id: string;
  name: string;
  description: string | null;
  tags: string[];
  schedule: CheckScheduleSpec;
  timezone: string;
  graceMs: number;
  /** channels: present only when the file names some. */
  notify: Readonly<{ down: boolean; up: boolean; channels?: string[] }>;
}

export function resolveCheck(check: z.output<typeof CheckSchema>, zone: string): CheckSpec {
  return {
    id: check.id,
    name: check.name ?? check.id,
    description: check.description ?? null,
    tags: [...new Set(check.tags ?? [])],
    schedule:
      check.cron !== undefined
        ? { kind: 'cron', expr: check.cron }
        : { kind: 'every', everyMs: parseDuration(check.every!)!, text: check.every! },
    timezone: check.timezone ?? zone,
    graceMs: check.grace === undefined ? DEFAULT_GRACE_MS : parseDuration(check.grace)!,
    notify: Object.freeze({
      down: check.notify?.down ?? true,
      up: check.notify?.up ?? true,
      ...(check.notify?.channels === undefined ? {} : { channels: [...new Set(check.notify.channels)] }),
    }),
  };
}
