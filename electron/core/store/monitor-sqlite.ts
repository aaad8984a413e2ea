/**
 * The MonitorStore on its own better-sqlite3 connection to the Cronbar DB (WAL: it reads and writes beside the run
 * store's connection). The schema is migration 3 (migrations.ts); a `:memory:` DB gets its own private copy.
 */
import type Database from 'better-sqlite3';
import type { DowntimeSpan, PingRecord } from '../../../shared/model';
import type { LastPings, MonitorStore, NewPing, SessionRow } from '../monitor/monitor-store';
import { openSideConnection } from './side-connection';
import { outputTail } from './run-rows';

const DAY_MS = 86_400_000;
const PING_COLUMNS = 'id, check_id, kind, at, exit_code, message, source, output_bytes';

interface PingRow {
  id: number;
  check_id: string;
  kind: PingRecord['kind'];
  at: number;
  exit_code: number | null;
  message: string | null;
  source: PingRecord['source'];
  output_bytes: number;
}

const toPing = (row: PingRow): PingRecord => ({
  id: row.id,
  checkId: row.check_id,
  kind: row.kind,
  at: row.at,
  exitCode: row.exit_code,
  message: row.message,
  source: row.source,
  outputBytes: row.output_bytes,
});

interface SessionDbRow {
  id: number;
  pid: number;
  kind: string;
  started_at: number;
  alive_at: number;
  stopped_at: number | null;
  ended: 'clean' | 'crashed' | null;
}

const toSession = (row: SessionDbRow): SessionRow => ({
  id: row.id,
  pid: row.pid,
  kind: row.kind,
  startedAt: row.started_at,
  aliveAt: row.alive_at,
  stoppedAt: row.stopped_at,
  ended: row.ended,
});

export function openMonitorStore(dbPath: string, options: { nativeBinding?: string } = {}): MonitorStore {
  const db = openSideConnection(dbPath, options, 'check-ins');
  return sqliteMonitorStore(db);
}

export function sqliteMonitorStore(db: Database.Database): MonitorStore {
  const q = {
    insertPing: db.prepare(
      'INSERT INTO pings (check_id, kind, at, exit_code, message, source, output, output_bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    getPing: db.prepare(`SELECT ${PING_COLUMNS} FROM pings WHERE id = ?`),
    pingsAfter: db.prepare(`SELECT ${PING_COLUMNS} FROM pings WHERE id > ? ORDER BY id LIMIT ?`),
    lastPingId: db.prepare("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'pings'), 0)").pluck(),
    // Two index seeks per check; the GROUP BY walks pings_by_check once.
    lastEndIds: db.prepare("SELECT check_id, max(id) AS id FROM pings WHERE kind != 'start' GROUP BY check_id"),
    lastStartIds: db.prepare("SELECT check_id, max(id) AS id FROM pings WHERE kind = 'start' GROUP BY check_id"),
    lastEnd: db.prepare(
      `SELECT ${PING_COLUMNS} FROM pings WHERE check_id = ? AND kind != 'start' ORDER BY id DESC LIMIT 1`,
    ),
    lastStart: db.prepare(
      `SELECT ${PING_COLUMNS} FROM pings WHERE check_id = ? AND kind = 'start' ORDER BY id DESC LIMIT 1`,
    ),
    checkPings: db.prepare(`SELECT ${PING_COLUMNS} FROM pings WHERE check_id = ? ORDER BY id DESC LIMIT ?`),
    pingOutput: db.prepare('SELECT output FROM pings WHERE id = ?').pluck(),
    pruneCheckIds: db.prepare('SELECT DISTINCT check_id FROM pings').pluck(),
    pruneBoundary: db.prepare('SELECT id FROM pings WHERE check_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?').pluck(),
    prunePings: db.prepare('DELETE FROM pings WHERE check_id = ? AND id < ? AND at < ?'),
    pruneClock: db.prepare('DELETE FROM clock_events WHERE to_at < ?'),
    pruneSessions: db.prepare(
      'DELETE FROM sessions WHERE ended IS NOT NULL AND coalesce(stopped_at, alive_at) < ? AND id < (SELECT max(id) FROM sessions)',
    ),
    startSession: db.prepare('INSERT INTO sessions (pid, kind, started_at, alive_at) VALUES (?, ?, ?, ?)'),
    touchSession: db.prepare('UPDATE sessions SET alive_at = ? WHERE id = ?'),
    stopSession: db.prepare("UPDATE sessions SET alive_at = ?, stopped_at = ?, ended = 'clean' WHERE id = ?"),
    openSessions: db.prepare('SELECT * FROM sessions WHERE ended IS NULL AND id != ? ORDER BY id'),
    markCrashed: db.prepare("UPDATE sessions SET ended = 'crashed' WHERE id = ? AND ended IS NULL"),
    sessionsAround: db.prepare(
      'SELECT * FROM sessions WHERE started_at >= ? OR coalesce(stopped_at, alive_at) >= ? OR id = (SELECT max(id) FROM sessions WHERE started_at < ?) ORDER BY started_at, id',
    ),
    sessionsOverlapping: db.prepare(
      'SELECT * FROM sessions WHERE started_at <= ? AND (ended IS NULL OR coalesce(stopped_at, alive_at) >= ?) ORDER BY started_at, id',
    ),
    firstSessionStart: db.prepare('SELECT min(started_at) FROM sessions').pluck(),
    recordClock: db.prepare('INSERT INTO clock_events (kind, from_at, to_at, reason) VALUES (?, ?, ?, ?)'),
    clockEvents: db.prepare(
      'SELECT kind, from_at, to_at, reason FROM clock_events WHERE to_at >= ? AND from_at <= ? ORDER BY from_at',
    ),
    expectation: db.prepare('SELECT since FROM expectations WHERE job_id = ?').pluck(),
    setExpectation: db.prepare('INSERT OR IGNORE INTO expectations (job_id, since) VALUES (?, ?)'),
  };

  const lastPingsOf = (checkId: string): LastPings => ({
    end: optionalPing(q.lastEnd.get(checkId)),
    start: optionalPing(q.lastStart.get(checkId)),
  });

  return {
    insertPing(ping: NewPing) {
      const output = ping.output ? outputTail(ping.output) : null;
      const info = q.insertPing.run(
        ping.checkId,
        ping.kind,
        Math.round(ping.at),
        ping.exitCode ?? null,
        ping.message ?? null,
        ping.source,
        output,
        ping.outputBytes ?? output?.length ?? 0,
      );
      return toPing(q.getPing.get(info.lastInsertRowid) as PingRow);
    },
    pingsAfter(afterId, limit = 10_000) {
      return (q.pingsAfter.all(afterId, limit) as PingRow[]).map(toPing);
    },
    lastPingId() {
      return q.lastPingId.get() as number;
    },
    lastPingsByCheck() {
      const result = new Map<string, LastPings>();
      const fetch = (rows: Array<{ check_id: string; id: number }>, key: keyof LastPings) => {
        for (const row of rows) {
          const entry = result.get(row.check_id) ?? { end: null, start: null };
          entry[key] = toPing(q.getPing.get(row.id) as PingRow);
          result.set(row.check_id, entry);
        }
      };
      db.transaction(() => {
        fetch(q.lastEndIds.all() as Array<{ check_id: string; id: number }>, 'end');
        fetch(q.lastStartIds.all() as Array<{ check_id: string; id: number }>, 'start');
      })();
      return result;
    },
    lastPings: lastPingsOf,
    checkPings(checkId, limit) {
      return (q.checkPings.all(checkId, limit) as PingRow[]).map(toPing);
    },
    pingOutput(pingId) {
      const data = q.pingOutput.get(pingId) as Buffer | null | undefined;
      return data ? data.toString('utf8') : null;
    },
    prune({ keepDays, keepPings, now }) {
      const cutoff = now - keepDays * DAY_MS;
      return db.transaction(() => {
        let deleted = 0;
        for (const checkId of q.pruneCheckIds.all() as string[]) {
          const boundary =
            keepPings > 0
              ? (q.pruneBoundary.get(checkId, keepPings - 1) as number | undefined)
              : Number.MAX_SAFE_INTEGER;
          if (boundary === undefined) continue;
          deleted += q.prunePings.run(checkId, boundary, cutoff).changes;
        }
        deleted += q.pruneClock.run(cutoff).changes;
        deleted += q.pruneSessions.run(cutoff).changes;
        return { deleted };
      })();
    },

    startSession({ pid, kind, now }) {
      return Number(q.startSession.run(pid, kind, now, now).lastInsertRowid);
    },
    touchSession(id, now) {
      q.touchSession.run(now, id);
    },
    stopSession(id, now) {
      q.stopSession.run(now, now, id);
    },
    openSessions(exceptId) {
      return (q.openSessions.all(exceptId) as SessionDbRow[]).map(toSession);
    },
    sessionsOverlapping(from, until) {
      return (q.sessionsOverlapping.all(until, from) as SessionDbRow[]).map(toSession);
    },
    firstSessionStart() {
      return (q.firstSessionStart.get() as number | null) ?? null;
    },
    markCrashed(id) {
      q.markCrashed.run(id);
    },
    recordClockEvent({ kind, from, to, reason }) {
      q.recordClock.run(kind, Math.round(from), Math.round(to), reason);
    },
    downtime(since, until) {
      const spans: DowntimeSpan[] = [];
      // A gap between two sessions is a span when nothing scheduled: from the end of one (its clean stop, or the last
      // time a crashed one was known alive) to the start of the next.
      const sessions = (q.sessionsAround.all(since, since, since) as SessionDbRow[]).map(toSession);
      for (let index = 1; index < sessions.length; index++) {
        const before = sessions[index - 1]!;
        const after = sessions[index]!;
        const from = before.stoppedAt ?? before.aliveAt;
        if (after.startedAt <= from || after.startedAt < since || from > until) continue;
        spans.push({
          kind: before.ended === 'clean' ? 'stopped' : 'crashed',
          from,
          to: after.startedAt,
          reason:
            before.ended === 'clean'
              ? `Cronbar (${before.kind}) was stopped`
              : `Cronbar (${before.kind}, pid ${before.pid}) stopped without a clean shutdown`,
        });
      }
      for (const row of q.clockEvents.all(since, until) as Array<{
        kind: 'suspend' | 'clock-jump';
        from_at: number;
        to_at: number;
        reason: string | null;
      }>) {
        spans.push({ kind: row.kind, from: row.from_at, to: row.to_at, reason: row.reason });
      }
      return spans.sort((a, b) => a.from - b.from);
    },

    expectationSince(jobId) {
      return (q.expectation.get(jobId) as number | undefined) ?? null;
    },
    setExpectationSince(jobId, since) {
      q.setExpectation.run(jobId, since);
    },
    close() {
      if (db.open) db.close();
    },
  };
}

function optionalPing(row: unknown): PingRecord | null {
  return row ? toPing(row as PingRow) : null;
}
