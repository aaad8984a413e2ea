/**
 * The global limit on runs going at once. Waiters start strictly in arrival order (FIFO), so a job that fires often
 * cannot starve one that fires rarely. The limiter only counts slots and orders waiters; starting is the engine's.
 */
export class ConcurrencyLimiter<T> {
  private active = 0;
  private waiting: T[] = [];
  private head = 0;

  constructor(private limit: number) {
    this.setLimit(limit);
  }

  get running(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length - this.head;
  }

  get capacity(): number {
    return this.limit;
  }

  /** Takes a slot if one is free and nobody is waiting ahead. */
  tryAcquire(): boolean {
    if (this.active >= this.limit || this.queued > 0) return false;
    this.active++;
    return true;
  }

  enqueue(item: T): void {
    this.waiting.push(item);
  }

  /** Frees a slot; returns the waiters that now hold a slot (in order), for the caller to start. */
  release(): T[] {
    this.active = Math.max(0, this.active - 1);
    return this.drain();
  }

  /** Changes the limit (a reloaded jobs file); returns waiters that may start under a higher limit. */
  setLimit(limit: number): T[] {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`concurrency must be a whole number ≥ 1, got ${limit}`);
    this.limit = limit;
    return this.drain();
  }

  /** Drops the waiters that match (a cancelled or replaced run); returns them. */
  remove(match: (item: T) => boolean): T[] {
    const kept: T[] = [];
    const removed: T[] = [];
    for (let i = this.head; i < this.waiting.length; i++) {
      const item = this.waiting[i]!;
      (match(item) ? removed : kept).push(item);
    }
    this.waiting = kept;
    this.head = 0;
    return removed;
  }

  /** Empties the queue (shutdown); returns what was waiting. */
  clear(): T[] {
    return this.remove(() => true);
  }

  waiters(): T[] {
    return this.waiting.slice(this.head);
  }

  private drain(): T[] {
    const started: T[] = [];
    while (this.active < this.limit && this.queued > 0) {
      started.push(this.waiting[this.head]!);
      this.waiting[this.head++] = undefined as T;
      this.active++;
    }
    // Compact now and then so a long-lived queue does not keep a dead prefix.
    if (this.head > 1024 && this.head * 2 > this.waiting.length) {
      this.waiting = this.waiting.slice(this.head);
      this.head = 0;
    }
    return started;
  }
}
