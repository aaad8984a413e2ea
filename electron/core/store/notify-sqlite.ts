/**
 * The notification queue on its own connection to the Cronbar DB (migration 4): every message to a channel is a row
 * from the moment the event happened until it is sent, given up or dropped, so a mail server that is down for an hour
 * (or a daemon restarted meanwhile) loses nothing. Each channel holds at most `limit` pending rows: past that the
 * oldest is marked dropped, with the reason, rather than growing without bound.
 */
import type Database from 'better-sqlite3';
import { openSideConnection } from './side-connection';

export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'dropped';

export interface QueuedMessage {
  id: number;
  channel: string;
  event: string;
  subject: string | null;
  runId: number | null;
  createdAt: number;
  /** The message as JSON (no secrets). */
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  nextTryAt: number | null;
  lastTryAt: number | null;
  reason: string | null;
}

export interface NewMessage {
  channel: string;
  event: string;
  subject: string | null;
  runId: number | null;
  createdAt: number;
  payload: string;
}

export interface NotifyQueueStore {
  /** Adds a pending message due now; past `limit` pending for the channel, the oldest are dropped. */
  enqueue(message: NewMessage, limit: number): { id: number; dropped: number[] };
  /** The channel's oldest pending message (delivery is in order, one at a time per channel). */
  nextPending(channel: string): QueuedMessage | null;
  /** Channels with something pending, and when their head is due. */
  pendingChannels(): Array<{ channel: string; dueAt: number; count: number }>;
  markSent(id: number, at: number): void;
  markRetry(id: number, at: number, nextTryAt: number, reason: string): void;
  markFailed(id: number, at: number, reason: string): void;
  /** Newest first. */
  recent(limit: number, channel?: string): QueuedMessage[];
  forRun(runId: number): QueuedMessage[];
  /** Deletes finished rows older than `before`; pending ones stay. */
  prune(before: number): number;
  close(): void;
}

interface Row {
  id: number;
  channel: string;
  event: string;
  subject: string | null;
  run_id: number | null;
  created_at: number;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  next_try_at: number | null;
  last_try_at: number | null;
  reason: string | null;
}

const toMessage = (row: Row): QueuedMessage => ({
  id: row.id,
  channel: row.channel,
  event: row.event,
  subject: row.subject,
  runId: row.run_id,
  createdAt: row.created_at,
  payload: row.payload,
  status: row.status,
  attempts: row.attempts,
  nextTryAt: row.next_try_at,
  lastTryAt: row.last_try_at,
  reason: row.reason,
});

export function openNotifyStore(dbPath: string, options: { nativeBinding?: string } = {}): NotifyQueueStore {
  const db = openSideConnection(dbPath, options, 'notifications');
  return sqliteNotifyStore(db);
}

export function sqliteNotifyStore(db: Database.Database): NotifyQueueStore {
  const q = {
    insert: db.prepare(
      "INSERT INTO notifications (channel, event, subject, run_id, created_at, payload, status, next_try_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)",
    ),
    pendingIds: db
      .prepare(
        "SELECT id FROM notifications WHERE status = 'pending' AND channel = ? ORDER BY id DESC LIMIT -1 OFFSET ?",
      )
      .pluck(),
    drop: db.prepare("UPDATE notifications SET status = 'dropped', reason = ? WHERE id = ?"),
    next: db.prepare("SELECT * FROM notifications WHERE status = 'pending' AND channel = ? ORDER BY id LIMIT 1"),
    channels: db.prepare(
      "SELECT channel, min(next_try_at) AS dueAt, count(*) AS count FROM notifications WHERE status = 'pending' GROUP BY channel",
    ),
    sent: db.prepare(
      "UPDATE notifications SET status = 'sent', attempts = attempts + 1, last_try_at = ?, next_try_at = NULL, reason = NULL WHERE id = ?",
    ),
    retry: db.prepare(
      'UPDATE notifications SET attempts = attempts + 1, last_try_at = ?, next_try_at = ?, reason = ? WHERE id = ?',
    ),
    failed: db.prepare(
      "UPDATE notifications SET status = 'failed', attempts = attempts + 1, last_try_at = ?, next_try_at = NULL, reason = ? WHERE id = ?",
    ),
    recent: db.prepare('SELECT * FROM notifications ORDER BY id DESC LIMIT ?'),
    recentFor: db.prepare('SELECT * FROM notifications WHERE channel = ? ORDER BY id DESC LIMIT ?'),
    forRun: db.prepare('SELECT * FROM notifications WHERE run_id = ? ORDER BY id'),
    prune: db.prepare("DELETE FROM notifications WHERE status != 'pending' AND created_at < ?"),
  };
  const enqueue = db.transaction((message: NewMessage, limit: number) => {
    const id = Number(
      q.insert.run(
        message.channel,
        message.event,
        message.subject,
        message.runId,
        message.createdAt,
        message.payload,
        message.createdAt,
      ).lastInsertRowid,
    );
    const dropped = q.pendingIds.all(message.channel, limit) as number[];
    for (const old of dropped)
      q.drop.run(`dropped: ${limit} messages were waiting for ${message.channel}; the oldest gave way`, old);
    return { id, dropped };
  });
  return {
    enqueue: (message, limit) => enqueue(message, limit),
    nextPending: (channel) => {
      const row = q.next.get(channel) as Row | undefined;
      return row ? toMessage(row) : null;
    },
    pendingChannels: () => q.channels.all() as Array<{ channel: string; dueAt: number; count: number }>,
    markSent: (id, at) => void q.sent.run(at, id),
    markRetry: (id, at, nextTryAt, reason) => void q.retry.run(at, nextTryAt, reason, id),
    markFailed: (id, at, reason) => void q.failed.run(at, reason, id),
    recent: (limit, channel) =>
      ((channel === undefined ? q.recent.all(limit) : q.recentFor.all(channel, limit)) as Row[]).map(toMessage),
    forRun: (runId) => (q.forRun.all(runId) as Row[]).map(toMessage),
    prune: (before) => q.prune.run(before).changes,
    close: () => db.close(),
  };
}
