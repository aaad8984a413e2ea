/**
 * Records every change of the jobs file (config/what-moves.ts for what it moves, store/config-history-sqlite.ts for
 * the rows). Cronbar's own writes are recorded just before their rename, with the origin the writer passes; a text
 * that appears otherwise (the scheduler's watcher, a scheduler starting on a file edited while it was down, a history
 * read in any process) is recorded as an `outside` edit against the last text the history saw. A failure to record
 * is logged and never stops a write or a reload.
 */
import type { ConfigOrigin, WhatMoves } from '../../../shared/config-history';
import type { JobsConfig } from '../../../shared/config/schema';
import type { RunRecord } from '../../../shared/model';
import { jobsTextVersion } from '../config/jobs-file-text';
import { whatMoves } from '../config/what-moves';
import type { Clock, Store } from '../ports';
import { type ConfigHistoryStore, openConfigHistoryStore } from '../store/config-history-sqlite';
import { type JobsParser, loadParser } from './lazy-config';

export const DEFAULT_KEEP_REVISIONS = 500;
export const DEFAULT_KEEP_REVISION_DAYS = 90;

/** How many parsed texts are kept by version, so a change's "before" is seldom parsed again. */
const PARSED_KEPT = 4;

export interface ConfigHistoryOptions {
  dbPath: string;
  nativeBinding?: string;
  clock: Clock;
  /** For the persisted `every:` anchors. */
  store: Store;
  fileName: string;
  log: (line: string) => void;
}

export interface FileText {
  text: string;
  version: string;
}

export class ConfigHistory {
  #rows: ConfigHistoryStore | null = null;
  #parser: JobsParser | null = null;
  readonly #parsed = new Map<string, JobsConfig | null>();

  constructor(private readonly options: ConfigHistoryOptions) {}

  /** The rows, opened on first use (a `cronbar list` never opens them). */
  get rows(): ConfigHistoryStore {
    return (this.#rows ??= openConfigHistoryStore(this.options.dbPath, { nativeBinding: this.options.nativeBinding }));
  }

  /** Loads the parser the recording needs; call before the synchronous record methods. */
  async ready(): Promise<void> {
    this.#parser ??= await loadParser();
  }

  /** A text parsed elsewhere (the jobs-file holder), so recording does not parse it again. */
  knowParsed(version: string, config: JobsConfig | null): void {
    this.#parsed.delete(version);
    this.#parsed.set(version, config);
    if (this.#parsed.size > PARSED_KEPT) this.#parsed.delete(this.#parsed.keys().next().value!);
  }

  /**
   * Cronbar is about to replace `before` with `after`: records it (after an outside edit that came in between and
   * was not recorded yet). Returns the revision, or null when nothing changed. Never throws.
   */
  recordWrite(before: FileText, after: FileText, origin: ConfigOrigin): number | null {
    return this.#safely(() => {
      // Already seen (a scheduler's watcher recorded the editor's save first): the record below claims it.
      if (this.rows.lastSeenVersion() !== after.version) this.#catchUp(before);
      if (before.version === after.version) return null;
      return this.#record(before, after, origin);
    });
  }

  /** A write recorded by recordWrite did not happen after all. */
  forget(rev: number): void {
    this.#safely(() => this.rows.remove(rev));
  }

  /** The file holds `current`: if the history last saw another text, that was an outside edit. Never throws. */
  observe(current: FileText): number | null {
    return this.#safely(() => this.#catchUp(current));
  }

  /** What moves from one text to another, as of now. */
  movesBetween(before: FileText, after: FileText): WhatMoves {
    return this.#moves(before, this.#configOf(after));
  }

  prune(limits: { keepRevisions: number; keepDays: number }): number {
    return this.#safely(() => this.rows.prune({ ...limits, now: this.options.clock.now() })) ?? 0;
  }

  close(): void {
    this.#rows?.close();
    this.#rows = null;
  }

  #catchUp(current: FileText): number | null {
    const rows = this.rows;
    const seen = rows.lastSeenVersion();
    if (seen === null) {
      rows.setBaseline(this.options.clock.now(), current.version, current.text);
      return null;
    }
    if (seen === current.version) return null;
    const text = rows.lastSeenText()!;
    return this.#record({ text, version: seen }, current, 'outside');
  }

  #record(before: FileText, after: FileText, origin: ConfigOrigin): number | null {
    const afterConfig = this.#configOf(after);
    return this.rows.record({
      at: this.options.clock.now(),
      origin,
      beforeVersion: before.version,
      afterVersion: after.version,
      beforeText: before.text,
      afterText: after.text,
      valid: afterConfig !== null,
      moves: this.#moves(before, afterConfig),
    });
  }

  #moves(before: FileText, afterConfig: JobsConfig | null): WhatMoves {
    // From a broken file, what moves is measured from what ran: the newest text that parsed.
    let beforeConfig = this.#configOf(before);
    if (beforeConfig === null) {
      const lastValid = this.rows.lastValidText();
      if (lastValid !== null) beforeConfig = this.#configOf({ text: lastValid, version: jobsTextVersion(lastValid) });
    }
    let anchors: Map<string, number | null> | null = null;
    return whatMoves(beforeConfig, afterConfig, {
      now: this.options.clock.now(),
      anchorFor: (id) => {
        anchors ??= new Map(this.options.store.allJobStates().map((state) => [state.jobId, state.anchorAt]));
        return anchors.get(id) ?? null;
      },
    });
  }

  #configOf(file: FileText): JobsConfig | null {
    if (this.#parsed.has(file.version)) return this.#parsed.get(file.version)!;
    if (!this.#parser) throw new Error('config history: ready() was not awaited');
    const parsed = this.#parser.parseJobsText(file.text, { fileName: this.options.fileName });
    const config = parsed.ok ? parsed.config : null;
    this.knowParsed(file.version, config);
    return config;
  }

  #safely<T>(work: () => T): T | null {
    try {
      return work();
    } catch (error) {
      this.options.log(`jobs file history: not recorded: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }
}

/** prune-history prunes the jobs file history too, to its `keepRevisions` and `keepRevisionDays`. */
export function pruneConfigHistory(
  run: RunRecord,
  jobs: { config: JobsConfig },
  history: ConfigHistory,
  log: (line: string) => void,
): void {
  if (run.status !== 'succeeded') return;
  const action = jobs.config.jobs.find((job) => job.id === run.jobId)?.action;
  if (action?.kind !== 'builtin' || action.name !== 'prune-history') return;
  const deleted = history.prune({
    keepRevisions: action.keepRevisions ?? DEFAULT_KEEP_REVISIONS,
    keepDays: action.keepRevisionDays ?? DEFAULT_KEEP_REVISION_DAYS,
  });
  if (deleted > 0) log(`pruned ${deleted} old revisions of the jobs file`);
}
