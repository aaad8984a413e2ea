/**
 * A job's event triggers (`on:`), run conditions (`when:`) and `keepAwake`: the raw YAML shapes (zod) and their
 * resolved form on JobSpec. Kept apart from schema.ts, which spreads `triggerJobFields` into the job schema.
 *
 *   on: [start, resume]                       # bare names
 *   on:
 *     - network: backup.example.com           # name: value
 *     - { start, delay: 2m }                  # any event may wait `delay` before it runs the job
 *     - path: ~/Inbox/*.pdf
 *   when: { power: ac, network: online, idle: 5m, unmet: wait, within: 4h }
 *   keepAwake: true
 */
import { z } from 'zod';
import { parseDuration } from './duration';

export const TRIGGER_EVENTS = ['start', 'login', 'resume', 'network', 'power', 'idle', 'path'] as const;
export type TriggerEvent = (typeof TRIGGER_EVENTS)[number];
/** The events a bare name may stand for (the others need a value). */
const BARE_EVENTS = ['start', 'login', 'resume', 'network'] as const;
export const UNMET_POLICIES = ['skip', 'wait'] as const;
export type UnmetPolicy = (typeof UNMET_POLICIES)[number];

/** How long a fire may wait for its conditions when `unmet: wait` names no `within`. */
export const DEFAULT_WAIT_WITHIN_MS = 3_600_000;

const durationText = (what: string) =>
  z
    .string({
      error: (issue) => `${JSON.stringify(issue.input)} is not a duration: ${what} needs a unit, such as 30s or 10m`,
    })
    .refine((text) => parseDuration(text) !== null, {
      error: (issue) => `${JSON.stringify(issue.input)} is not a duration (use 30s, 15m, 2h, or sums like 1h30m)`,
    });

/** `start:` with no value is null in YAML (`{ start, delay: 2m }`); `start: true` says the same. */
const presence = z.union([z.null(), z.literal(true)], { error: 'takes no value (write just the name)' });

const EventObjectSchema = z
  .strictObject({
    start: presence.optional(),
    login: presence.optional(),
    resume: presence.optional(),
    /** A default route came up; with a host, once that host also resolves and answers. */
    network: z.union([presence, z.string().min(1)]).optional(),
    power: z.literal('ac').optional(),
    idle: durationText('idle').optional(),
    path: z.string().min(1).optional(),
    delay: durationText('delay').optional(),
  })
  .superRefine((event, ctx) => {
    const names = TRIGGER_EVENTS.filter((name) => name in event);
    if (names.length === 0)
      ctx.addIssue({ code: 'custom', path: [], message: `names no event (one of ${TRIGGER_EVENTS.join(', ')})` });
    if (names.length > 1)
      ctx.addIssue({
        code: 'custom',
        path: [names[1]!],
        message: `names ${names.join(' and ')}: one event per entry (make it two entries)`,
      });
  });

/** A bare name; checked by hand so the message can say which names need a value. */
const BareEventSchema = z.string().superRefine((name, ctx) => {
  if ((BARE_EVENTS as readonly string[]).includes(name)) return;
  const example = name === 'power' ? 'power: ac' : name === 'idle' ? 'idle: 10m' : 'path: ~/Inbox';
  ctx.addIssue({
    code: 'custom',
    message: (TRIGGER_EVENTS as readonly string[]).includes(name)
      ? `${name} needs a value, such as ${example}`
      : `${JSON.stringify(name)} is not an event (${TRIGGER_EVENTS.join(', ')})`,
  });
}) as unknown as z.ZodType<(typeof BARE_EVENTS)[number], string>;

const EventEntrySchema = z.union([BareEventSchema, EventObjectSchema]);

const ConditionsSchema = z
  .strictObject({
    power: z.literal('ac').optional(),
    network: z.literal('online').optional(),
    idle: durationText('when.idle').optional(),
    unmet: z.enum(UNMET_POLICIES).optional(),
    within: durationText('when.within').optional(),
  })
  .superRefine((when, ctx) => {
    if (when.power === undefined && when.network === undefined && when.idle === undefined)
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'names no condition (power: ac, network: online or idle: 5m)',
      });
    if (when.within !== undefined && when.unmet !== 'wait')
      ctx.addIssue({
        code: 'custom',
        path: ['within'],
        message: '`within` bounds `unmet: wait`; add it or drop within',
      });
  });

/** The job fields this file adds to schema.ts's JobSchema. */
export const triggerJobFields = {
  on: z.union([EventEntrySchema, z.array(EventEntrySchema).min(1)]).optional(),
  when: ConditionsSchema.optional(),
  keepAwake: z.boolean().optional(),
};

export type RawEventEntry = z.input<typeof EventEntrySchema>;

// ---------------------------------------------------------------------------------------------------------------
// The resolved form.

export type TriggerSpec = Readonly<
  | { event: 'start' | 'login' | 'resume' | 'power'; delayMs: number }
  | { event: 'network'; host: string | null; delayMs: number }
  | { event: 'idle'; idleMs: number; delayMs: number }
  | { event: 'path'; path: string; delayMs: number }
>;

export type ConditionsSpec = Readonly<{
  power: 'ac' | null;
  network: boolean;
  idleMs: number | null;
  unmet: UnmetPolicy;
  /** How long a fire waits for its conditions (`unmet: wait`). */
  withinMs: number;
}>;

/** What a parsed job says about triggers and conditions, resolved; absent keys stay absent (most jobs). */
export function resolveTriggerFields(job: z.output<z.ZodObject<typeof triggerJobFields>>): {
  triggers?: readonly TriggerSpec[];
  conditions?: ConditionsSpec;
  keepAwake?: boolean;
} {
  return {
    ...(job.on === undefined ? {} : { triggers: Object.freeze([job.on].flat().map(resolveEvent)) }),
    ...(job.when === undefined ? {} : { conditions: resolveConditions(job.when) }),
    ...(job.keepAwake ? { keepAwake: true } : {}),
  };
}

function resolveEvent(entry: z.output<typeof EventEntrySchema>): TriggerSpec {
  if (typeof entry === 'string')
    return Object.freeze({ event: entry, ...(entry === 'network' ? { host: null } : {}), delayMs: 0 }) as TriggerSpec;
  const delayMs = entry.delay === undefined ? 0 : parseDuration(entry.delay)!;
  if (entry.network !== undefined)
    return Object.freeze({ event: 'network', host: typeof entry.network === 'string' ? entry.network : null, delayMs });
  if (entry.idle !== undefined) return Object.freeze({ event: 'idle', idleMs: parseDuration(entry.idle)!, delayMs });
  if (entry.path !== undefined) return Object.freeze({ event: 'path', path: entry.path, delayMs });
  const event = (['start', 'login', 'resume', 'power'] as const).find((name) => name in entry)!;
  return Object.freeze({ event, delayMs });
}

function resolveConditions(when: z.output<typeof ConditionsSchema>): ConditionsSpec {
  return Object.freeze({
    power: when.power ?? null,
    network: when.network === 'online',
    idleMs: when.idle === undefined ? null : parseDuration(when.idle)!,
    unmet: when.unmet ?? 'skip',
    withinMs: when.within === undefined ? DEFAULT_WAIT_WITHIN_MS : parseDuration(when.within)!,
  });
}
