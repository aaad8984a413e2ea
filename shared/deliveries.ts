/**
 * What became of a run's notifications on the jobs file's channels, as the run's detail shows it: one record per
 * channel message (sent, waiting for a retry and why, given up, dropped), and the one line that says it all —
 * "mailed admin@example.org at 02:01; phone (ntfy) failed: HTTP 401 Unauthorized". No secret is ever in a record: the
 * reasons are masked when stored and `to` is an address, a host or a file name.
 */
import { z } from 'zod';

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'dropped'] as const;

export const DeliverySchema = z.object({
  channel: z.string(),
  /** The channel's kind in the jobs file now (null: the channel was removed since). */
  kind: z.string().nullable(),
  /** Where it goes, as far as that is no secret: the mail's recipients, host:port, the hook. */
  to: z.string().nullable(),
  event: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  createdAt: z.number().int(),
  lastTryAt: z.number().int().nullable(),
  nextTryAt: z.number().int().nullable(),
  reason: z.string().nullable(),
});
export type Delivery = z.infer<typeof DeliverySchema>;

/** A channel of the jobs file as the window lists it: never its secrets. */
export const ChannelViewSchema = z.object({
  name: z.string(),
  kind: z.string(),
  to: z.string(),
});
export type ChannelView = z.infer<typeof ChannelViewSchema>;

/** What a test message through a channel did (`cronbar notify test`, the window's Test button). */
export const ChannelTestResultSchema = z.object({
  channel: z.string(),
  kind: z.string(),
  /** Where it went (host:port, the hook), never a secret. */
  target: z.string(),
  ok: z.boolean(),
  /** What failed, in words (DNS, TLS, login, HTTP status with the answer's first line), secrets masked. */
  reason: z.string().nullable(),
  ms: z.number(),
});
export type ChannelTestResult = z.infer<typeof ChannelTestResultSchema>;
