/**
 * What the monitor keeps in the DB: pings, scheduler sessions, recorded suspends and clock jumps, and when a job's
 * expectation started counting. An interface of its own (not the run Store's) so the run store stays as it is; the
 * SQLite implementation is in ../store/monitor-sqlite.ts on its own connection to the same file.
 */
import type { DowntimeSpan, PingKind, PingRecord, PingSource } from '../../../shared/model';

export interface NewPing {
  checkId: string;
  kind: PingKind;
  at: number;
  exitCode?: number | null;
  message?: string | null;
  source: PingSource;
  /** `cronbar exec`: the command's kept output (the last 256 KiB) and how many bytes it printed in all. */
  output?: Buffer | null;
  outputBytes?: number;
}

/** The pings that decide a check's state: the newest end ping (success, fail, exit) and the newest start. */
export interface LastPings {
  end: PingRecord | null;
  start: PingRecord | null;
}

export interface SessionRow {
  id: number;
  pid: number;
  kind: string;
  startedAt: number;
  aliveAt: number;
  stoppedAt: number | null;
  ended: 'clean' | 'crashed' | null;
}

export interface MonitorStore {
  insertPing(ping: NewPing): PingRecord;
  /** Pings with an id above `afterId`, oldest first (what another process wrote since the last look). */
  pingsAfter(afterId: number, limit?: number): PingRecord[];
  lastPingId(): number;
  /** The newest end and start ping of every check that has any. */
  lastPingsByCheck(): Map<string, LastPings>;
  lastPings(checkId: string): LastPings;
  /** A check's pings, newest first. */
  checkPings(checkId: string, limit: number): PingRecord[];
  pingOutput(pingId: number): string | null;
  /** Deletes pings older than keepDays beyond the newest keepPings per check, and downtime older than keepDays. */
  prune(options: { keepDays: number; keepPings: number; now: number }): { deleted: number };

  startSession(session: { pid: number; kind: string; now: number }): number;
  touchSession(id: number, now: number): void;
  stopSession(id: number, now: number): void;
  /** Sessions other than `exceptId` still marked running: their process died without stopping. */
  openSessions(exceptId: number): SessionRow[];
  markCrashed(id: number): void;
  /** Sessions that scheduled at some time in [from, until] (one still open counts as running to now). */
  sessionsOverlapping(from: number, until: number): SessionRow[];
  /** When the first recorded session started (null: none yet); older sessions may have been pruned. */
  firstSessionStart(): number | null;
  recordClockEvent(event: { kind: 'suspend' | 'clock-jump'; from: number; to: number; reason: string | null }): void;
  /** Recorded spans overlapping [since, until], oldest first. */
  downtime(since: number, until: number): DowntimeSpan[];

  expectationSince(jobId: string): number | null;
  setExpectationSince(jobId: string, since: number): void;
  close(): void;
}
