/**
 * `cronbar logs --follow` of a run another process executes: that process, once asked (a `followRun` request),
 * writes the run's output into the DB, what it printed so far and then as it comes, a few times a second, until the
 * run ends; the follower reads it from there. Nothing is written for runs nobody follows, so the firing path pays nothing.
 *
 * The output goes under one settings key per run (`liveOutput:<id>`): the last 256 KiB of
 * text and a count of everything appended, so a follower that fell behind knows what it missed.
 */
import type { RunRecord } from '../../../shared/model';
import type { Store } from '../ports';

export const LIVE_OUTPUT_MAX_CHARS = 256 * 1024;
const WRITE_EVERY_MS = 200;
/** The row is removed this long after the run ended, if no follower took it. */
const KEEP_AFTER_END_MS = 60_000;

export interface LiveOutput {
  /** The end of the output so far. */
  text: string;
  /** Characters of output so far (text holds the last of them). */
  total: number;
  /** True once the run ended: nothing more will come. */
  done: boolean;
}

const keyOf = (runId: number) => `liveOutput:${runId}`;

export function readLiveOutput(store: Store, runId: number): LiveOutput | null {
  const raw = store.getSetting(keyOf(runId));
  if (raw === null) return null;
  try {
    return JSON.parse(raw) as LiveOutput;
  } catch {
    return null;
  }
}

export function clearLiveOutput(store: Store, runId: number): void {
  store.setSetting(keyOf(runId), null);
}

interface Followed {
  output: LiveOutput;
  timer: ReturnType<typeof setTimeout> | null;
}

export interface LiveOutputEvents {
  onOutput(listener: (event: { runId: number; chunk: string }) => void): () => void;
  onFinished(listener: (run: RunRecord) => void): () => void;
}

/** The executing side: publishes the output of the runs it was asked to. */
export class LiveOutputPublisher {
  private readonly followed = new Map<number, Followed>();
  private unsubscribe: Array<() => void> = [];

  constructor(
    private readonly store: Store,
    private readonly events: LiveOutputEvents,
  ) {}

  /**
   * Starts publishing run `runId` (which this process executes) from `soFar`, what it printed until now; a second
   * follower shares it.
   */
  follow(runId: number, soFar = ''): void {
    if (this.followed.has(runId)) return;
    if (this.followed.size === 0) {
      this.unsubscribe = [
        this.events.onOutput((event) => this.append(event.runId, event.chunk)),
        this.events.onFinished((run) => this.end(run.id)),
      ];
    }
    const entry: Followed = {
      output: { text: soFar.slice(-LIVE_OUTPUT_MAX_CHARS), total: soFar.length, done: false },
      timer: null,
    };
    this.followed.set(runId, entry);
    this.write(runId, entry);
  }

  stop(): void {
    for (const entry of this.followed.values()) if (entry.timer) clearTimeout(entry.timer);
    this.followed.clear();
    for (const off of this.unsubscribe.splice(0)) off();
  }

  private append(runId: number, chunk: string): void {
    const entry = this.followed.get(runId);
    if (!entry) return;
    const output = entry.output;
    output.total += chunk.length;
    output.text = (output.text + chunk).slice(-LIVE_OUTPUT_MAX_CHARS);
    entry.timer ??= setTimeout(() => {
      entry.timer = null;
      this.write(runId, entry);
    }, WRITE_EVERY_MS);
  }

  private end(runId: number): void {
    const entry = this.followed.get(runId);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    entry.output.done = true;
    this.write(runId, entry);
    this.followed.delete(runId);
    if (this.followed.size === 0) for (const off of this.unsubscribe.splice(0)) off();
    setTimeout(() => this.tryClear(runId), KEEP_AFTER_END_MS).unref();
  }

  private write(runId: number, entry: Followed): void {
    try {
      this.store.setSetting(keyOf(runId), JSON.stringify(entry.output));
    } catch {
      // A busy or closed store: the follower sees the final output in the run's row instead.
    }
  }

  private tryClear(runId: number): void {
    try {
      if (!this.followed.has(runId)) clearLiveOutput(this.store, runId);
    } catch {
      // Closed meanwhile: the row is tiny and the next follow of that id replaces it.
    }
  }
}
