/**
 * What the log says about refused requests. Anyone on the machine can send requests without the token, so the log
 * must not grow with them: per window (a minute) the first refusal of each reason is logged in full, with its URL cut
 * to MAX_LOGGED_URL characters, and the rest are only counted, then summed up in one line when the window ends.
 * At most (reasons + 1) lines a minute, each a few hundred bytes, however many requests come.
 */
import type { RefusalReason } from './request-guard';

export const MAX_LOGGED_URL = 200;
export const REFUSAL_WINDOW_MS = 60_000;

const REASON_LABELS: Record<RefusalReason, string> = {
  'bad-host': 'bad host',
  'web-origin': 'web origin',
  'missing-token': 'missing token',
  'wrong-token': 'wrong token',
};

/** A URL as far as a log line shows it: the first MAX_LOGGED_URL characters, then how long it really was. */
export function urlForLog(url: string): string {
  return url.length <= MAX_LOGGED_URL ? url : `${url.slice(0, MAX_LOGGED_URL)}… (${url.length} characters)`;
}

export interface RefusalLogOptions {
  log: (line: string) => void;
  windowMs?: number;
  now?: () => number;
  /** Runs `callback` after `ms`, returns its cancel; default an unref'd setTimeout (it must not keep a CLI alive). */
  setTimer?: (callback: () => void, ms: number) => () => void;
}

interface Window {
  startedAt: number;
  counts: Map<RefusalReason, number>;
  total: number;
  unlogged: number;
  cancel: () => void;
}

const unrefTimer = (callback: () => void, ms: number) => {
  const timer = setTimeout(callback, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

export class RefusalLog {
  readonly #log: (line: string) => void;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #setTimer: (callback: () => void, ms: number) => () => void;
  #window: Window | null = null;

  constructor(options: RefusalLogOptions) {
    this.#log = options.log;
    this.#windowMs = options.windowMs ?? REFUSAL_WINDOW_MS;
    this.#now = options.now ?? Date.now;
    this.#setTimer = options.setTimer ?? unrefTimer;
  }

  record(reason: RefusalReason, request: { method: string; url: string }, message: string): void {
    const window = (this.#window ??= {
      startedAt: this.#now(),
      counts: new Map(),
      total: 0,
      unlogged: 0,
      cancel: this.#setTimer(() => this.flush(), this.#windowMs),
    });
    const count = (window.counts.get(reason) ?? 0) + 1;
    window.counts.set(reason, count);
    window.total++;
    if (count === 1) this.#log(`api: refused ${request.method} ${urlForLog(request.url)}: ${message}`);
    else window.unlogged++;
  }

  /** Ends the window: one summary line if any refusal went unlogged (called by the timer, and when the server closes). */
  flush(): void {
    const window = this.#window;
    if (!window) return;
    this.#window = null;
    window.cancel();
    if (window.unlogged === 0) return;
    const seconds = Math.max(1, Math.round((this.#now() - window.startedAt) / 1000));
    const span = seconds >= 60 ? 'the last minute' : `the last ${seconds} s`;
    const byReason = [...window.counts].map(([reason, count]) => `${REASON_LABELS[reason]}: ${count}`).join(', ');
    this.#log(
      `api: refused ${window.total} requests in ${span} (${byReason}); only the first of each reason is logged in full`,
    );
  }
}
