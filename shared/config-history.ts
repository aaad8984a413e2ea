/**
 * The shapes of the jobs file's history: a revision (who changed the file, when, the texts before and after), its
 * summary (jobs added, removed, changed by field) and its "what moves" (each changed job's fires over the next 7
 * days, before and after). Zod first, types inferred: the store, the CLI's --json, the window and MCP share them.
 */
import { z } from 'zod';
import { ConfigIssueSchema } from './model';

/** Who made a change: the window, the CLI, the HTTP API, the MCP server, or an edit Cronbar did not make. */
export const CONFIG_ORIGINS = ['app', 'cli', 'api', 'mcp', 'outside'] as const;
export type ConfigOrigin = (typeof CONFIG_ORIGINS)[number];

export { WHAT_MOVES_WINDOW_MS } from './what-moves-window';

/** A job's fires in the window: how many, and the first few (epoch ms). `exact` false: at least `count`. */
export const FireWindowSchema = z.object({
  count: z.number().int().nonnegative(),
  exact: z.boolean(),
  fires: z.array(z.number()),
});
export type FireWindow = z.infer<typeof FireWindowSchema>;

const FireDiffSchema = z.object({
  count: z.number().int().nonnegative(),
  exact: z.boolean(),
  fires: z.array(z.number()),
});

export const JobMovesSchema = z.object({
  id: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  /** The jobs-file keys whose resolved value changed (`cron`, `timezone`, `command`, `env`…); empty when added/removed. */
  fields: z.array(z.string()),
  /**
   * The fires before and after (null: the job did not exist on that side). A changed job with both null: its schedule
   * did not change, nothing moves (with `computed` false: the change touched so many schedules that this job's fires
   * were not computed; the summary still names it).
   */
  before: FireWindowSchema.nullable(),
  after: FireWindowSchema.nullable(),
  computed: z.boolean(),
  /**
   * Fires only after / only before the change: the first few and how many (`exact` false: counted only as far as
   * both sides were enumerated, FIRE_CAP fires a side).
   */
  added: FireDiffSchema,
  removed: FireDiffSchema,
  /** Every fire moved by the same amount (02:00 → 14:00: +12 h); null otherwise. */
  shiftedByMs: z.number().nullable(),
});
export type JobMoves = z.infer<typeof JobMovesSchema>;

export const ConfigSummarySchema = z.object({
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(z.object({ id: z.string(), fields: z.array(z.string()) })),
  /** Top-level sections other than jobs that changed: `concurrency`, `notifications`, `checks`. */
  sections: z.array(z.string()),
});
export type ConfigSummary = z.infer<typeof ConfigSummarySchema>;

/** "What moves": the summary, then per changed job its fires before and after, from `from` for 7 days. */
export const WhatMovesSchema = z.object({
  from: z.number(),
  until: z.number(),
  summary: ConfigSummarySchema,
  jobs: z.array(JobMovesSchema),
  /** Set when a side did not parse: the jobs that ran before keep running, so nothing moves. */
  invalid: z.enum(['before', 'after']).nullable(),
});
export type WhatMoves = z.infer<typeof WhatMovesSchema>;

/** One recorded change, without its texts (a log line). */
export const ConfigRevisionEntrySchema = z.object({
  rev: z.number().int().positive(),
  at: z.number(),
  origin: z.enum(CONFIG_ORIGINS),
  /** Version tokens (content hashes) of the file before and after. */
  beforeVersion: z.string(),
  afterVersion: z.string(),
  /** The text after the change parses (a broken outside edit is recorded too; it changed nothing that runs). */
  valid: z.boolean(),
  summary: ConfigSummarySchema,
});
export type ConfigRevisionEntry = z.infer<typeof ConfigRevisionEntrySchema>;

export const ConfigRevisionSchema = ConfigRevisionEntrySchema.extend({
  beforeText: z.string(),
  afterText: z.string(),
  moves: WhatMovesSchema,
});
export type ConfigRevision = z.infer<typeof ConfigRevisionSchema>;

/** What a write would do, without writing: the text it would write and what moves; `baseVersion` to apply it with. */
export const ConfigPreviewSchema = z.object({
  /** The file's version now: pass it to the write so it applies only if the file did not change since. */
  baseVersion: z.string(),
  text: z.string(),
  valid: z.boolean(),
  issues: z.array(ConfigIssueSchema),
  moves: WhatMovesSchema,
});
export type ConfigPreview = z.infer<typeof ConfigPreviewSchema>;
