/**
 * A binary min-heap of timed entries: the engine keeps one entry per job's next fire (and one per retry or pause
 * expiry) and arms a single timer for the root. Entries carry their own heap index so a job's fire can be moved or
 * removed in O(log n) when its schedule, pause state or config changes, without scanning.
 */
export interface QueueEntry {
  /** When the entry is due (epoch ms, wall clock). */
  at: number;
  /** Tie-breaker so entries due at the same ms pop in insertion order (stable listings, FIFO fairness). */
  seq: number;
  /** Position in the heap; -1 when not queued. Owned by the queue. */
  heapIndex: number;
}

export class FireQueue<T extends QueueEntry> {
  private readonly heap: T[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.heap.length;
  }

  peek(): T | undefined {
    return this.heap[0];
  }

  has(entry: T): boolean {
    return entry.heapIndex >= 0 && this.heap[entry.heapIndex] === entry;
  }

  /** Adds the entry at `at`, or moves it there when already queued. */
  schedule(entry: T, at: number): void {
    if (this.has(entry)) {
      const earlier = at < entry.at;
      entry.at = at;
      entry.seq = this.nextSeq++;
      if (earlier) this.up(entry.heapIndex);
      else this.down(entry.heapIndex);
      return;
    }
    entry.at = at;
    entry.seq = this.nextSeq++;
    entry.heapIndex = this.heap.length;
    this.heap.push(entry);
    this.up(entry.heapIndex);
  }

  remove(entry: T): boolean {
    if (!this.has(entry)) return false;
    const index = entry.heapIndex;
    const last = this.heap.pop()!;
    entry.heapIndex = -1;
    if (last !== entry) {
      this.heap[index] = last;
      last.heapIndex = index;
      this.up(index);
      this.down(last.heapIndex);
    }
    return true;
  }

  pop(): T | undefined {
    const top = this.heap[0];
    if (top) this.remove(top);
    return top;
  }

  /** Removes and returns every entry due at or before `now`, earliest first. */
  popDue(now: number): T[] {
    const due: T[] = [];
    while (this.heap.length > 0 && this.heap[0]!.at <= now) due.push(this.pop()!);
    return due;
  }

  clear(): void {
    for (const entry of this.heap) entry.heapIndex = -1;
    this.heap.length = 0;
  }

  /** Every queued entry, in heap order (not sorted). */
  entries(): readonly T[] {
    return this.heap;
  }

  private less(a: T, b: T): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private up(index: number): void {
    const heap = this.heap;
    const entry = heap[index]!;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = heap[parentIndex]!;
      if (!this.less(entry, parent)) break;
      heap[index] = parent;
      parent.heapIndex = index;
      index = parentIndex;
    }
    heap[index] = entry;
    entry.heapIndex = index;
  }

  private down(index: number): void {
    const heap = this.heap;
    const length = heap.length;
    const entry = heap[index]!;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      let child = left;
      if (right < length && this.less(heap[right]!, heap[left]!)) child = right;
      if (!this.less(heap[child]!, entry)) break;
      heap[index] = heap[child]!;
      heap[index]!.heapIndex = index;
      index = child;
    }
    heap[index] = entry;
    entry.heapIndex = index;
  }
}
