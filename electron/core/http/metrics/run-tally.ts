/**
 * Follows the run history incrementally, so a scrape reads only what changed since the last one: rows with an id
 * above the last seen, the runs that were still live, and ids that were missing (a row is written just after its id
 * is taken, so a lower id can appear a moment after a higher one; ids a scheduler dropped never appear and are
 * forgotten after GAP_TTL_MS). Runs of any process count, `cronbar run` beside the daemon included, because it reads
 * the shared DB rather than this process's events. Counts only grow: pruning old history does not lower them.
 */
import { FINAL_STATUSES, type RunRecord, type RunStatus } from '../../../../shared/model';

export interface TallySource {
  history(query: { limit: number; before?: number }): Promise<{ runs: RunRecord[]; nextBefore: number | null }>;
  getRun(query: { runId: number }): Promise<RunRecord>;
}

/** Statuses where the action ran: these make a job's "last run" (a skipped or missed fire does not). */
const EXECUTED: ReadonlySet<RunStatus> = new Set(['succeeded', 'failed', 'timed-out', 'interrupted']);
const FINAL: ReadonlySet<RunStatus> = new Set(FINAL_STATUSES);
const PAGE = 1000;
const FIRST_PAGE = 20;
const GAP_TTL_MS = 30_000;
const MAX_GAPS = 4096;

export interface LastRun {
  status: RunStatus;
  finishedAt: number;
  durationSeconds: number | null;
}

export interface TallyListener {
  /** A run reached a final status (each run once). */
  onFinal(run: RunRecord, durationSeconds: number | null): void;
}

export class RunTally {
  /** Highest run id seen. */
  #watermark = 0;
  #initialised = false;
  /** Runs seen while queued or running, by id: re-read until they end. */
  readonly #live = new Set<number>();
  /** Ids below the watermark not seen yet, with when they were noticed. */
  readonly #gaps = new Map<number, number>();
  readonly #counted = new Set<number>();
  #syncing: Promise<void> | null = null;

  constructor(
    private readonly source: TallySource,
    private readonly listener: TallyListener,
    private readonly now: () => number = Date.now,
  ) {}

  /** Reads what changed; concurrent calls share one pass. */
  sync(): Promise<void> {
    this.#syncing ??= this.#sync().finally(() => {
      this.#syncing = null;
    });
    return this.#syncing;
  }

  async #sync(): Promise<void> {
    const fresh = await this.#rowsAbove(this.#watermark);
    const previous = this.#watermark;
    const newest = fresh[0]?.id ?? previous;
    if (this.#initialised && newest - previous > 1) {
      const seen = new Set(fresh.map((run) => run.id));
      for (let id = Math.max(previous + 1, newest - MAX_GAPS); id < newest; id++)
        if (!seen.has(id)) this.#gaps.set(id, this.now());
    }
    this.#initialised = true;
    this.#watermark = newest;
    for (let index = fresh.length - 1; index >= 0; index--) this.#consider(fresh[index]!);
    await this.#recheckLive();
    await this.#recheckGaps();
  }

  /** Rows with id > floor, newest first, paging through history; yields between pages so requests keep flowing. */
  async #rowsAbove(floor: number, before?: number): Promise<RunRecord[]> {
    const rows: RunRecord[] = [];
    let cursor = before;
    // Most scrapes find nothing new: a first small page says so without decoding a thousand rows.
    let limit = this.#initialised ? FIRST_PAGE : PAGE;
    for (;;) {
      // Ids only grow: below `cursor` at most cursor - floor - 1 rows are above the floor, so no page reads past it.
      if (cursor !== undefined) limit = Math.min(limit, cursor - floor - 1);
      if (limit < 1) return rows;
      const page = await this.source.history({ limit, ...(cursor !== undefined ? { before: cursor } : {}) });
      limit = PAGE;
      for (const run of page.runs) {
        if (run.id <= floor) return rows;
        rows.push(run);
      }
      if (page.nextBefore === null) return rows;
      cursor = page.nextBefore;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  async #recheckLive(): Promise<void> {
    for (const id of [...this.#live]) {
      const run = await this.source.getRun({ runId: id }).catch(() => null);
      if (!run)
        this.#live.delete(id); // pruned or gone: nothing to count
      else this.#consider(run);
    }
  }

  async #recheckGaps(): Promise<void> {
    if (this.#gaps.size === 0) return;
    const ids = [...this.#gaps.keys()];
    const low = Math.min(...ids);
    const high = Math.max(...ids);
    for (const run of await this.#rowsAbove(low - 1, high + 1)) {
      if (!this.#gaps.has(run.id)) continue;
      this.#gaps.delete(run.id);
      this.#consider(run);
    }
    const expired = this.now() - GAP_TTL_MS;
    for (const [id, since] of this.#gaps) if (since < expired) this.#gaps.delete(id);
  }

  #consider(run: RunRecord): void {
    if (!FINAL.has(run.status)) {
      this.#live.add(run.id);
      return;
    }
    this.#live.delete(run.id);
    // A row seen live and then final is counted once, when final; #counted guards a row read by two paths.
    if (this.#counted.has(run.id)) return;
    this.#counted.add(run.id);
    if (this.#counted.size > 100_000) this.#forgetOldCounted();
    const duration =
      EXECUTED.has(run.status) && run.startedAt !== null && run.finishedAt !== null
        ? Math.max(0, run.finishedAt - run.startedAt) / 1000
        : null;
    this.listener.onFinal(run, duration);
  }

  /** Only ids that can still be read twice (live or gap rechecks, all near the watermark) need remembering. */
  #forgetOldCounted(): void {
    const keepFrom = Math.min(this.#watermark - MAX_GAPS, ...this.#live);
    for (const id of this.#counted) if (id < keepFrom) this.#counted.delete(id);
  }
}

export function isExecuted(status: RunStatus): boolean {
  return EXECUTED.has(status);
}
