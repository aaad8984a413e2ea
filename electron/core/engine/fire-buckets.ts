/**
 * The jobs' next fires grouped by due time: a min-heap of buckets (one per distinct ms), so 10 000 same-second jobs
 * are taken in one step. One heap entry per job instead makes p99 lateness at 10 000 jobs a second ~5× as large
 * (bench/README.md, "Speed tricks"). Within a bucket entries keep insertion order; removing one leaves a hole.
 */ import { FireQueue, type QueueEntry } from './fire-queue';

export interface BucketEntry {
  /** When the entry is due (epoch ms); meaningful while queued. */
  at: number;
  /** The bucket holding the entry, null when not queued. Owned by the queue. */
  bucket: FireBucket | null;
  /** Position in the bucket's items. Owned by the queue. */
  slot: number;
}

export interface FireBucket extends QueueEntry {
  items: Array<BucketEntry | null>;
  live: number;
}

export class FireBuckets<T extends BucketEntry> {
  private readonly heap = new FireQueue<FireBucket>();
  private readonly byTime = new Map<number, FireBucket>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The earliest due time, or undefined when empty. */
  peekTime(): number | undefined {
    return this.heap.peek()?.at;
  }

  has(entry: T): boolean {
    return entry.bucket !== null;
  }

  /** Queues the entry at `at`, or moves it there. An entry already due at `at` keeps its place. */
  schedule(entry: T, at: number): void {
    if (entry.bucket !== null) {
      if (entry.at === at) return;
      this.remove(entry);
    }
    let bucket = this.byTime.get(at);
    if (!bucket) {
      bucket = { at: 0, seq: 0, heapIndex: -1, items: [], live: 0 };
      this.byTime.set(at, bucket);
      this.heap.schedule(bucket, at);
    } else if (bucket.items.length > 64 && bucket.items.length > 4 * bucket.live) {
      compact(bucket);
    }
    entry.at = at;
    entry.bucket = bucket;
    entry.slot = bucket.items.push(entry) - 1;
    bucket.live++;
    this.count++;
  }

  remove(entry: T): boolean {
    const bucket = entry.bucket;
    if (bucket === null) return false;
    bucket.items[entry.slot] = null;
    entry.bucket = null;
    this.count--;
    if (--bucket.live === 0) {
      this.heap.remove(bucket);
      this.byTime.delete(bucket.at);
    }
    return true;
  }

  /** Removes and returns every entry due at or before `now`: earliest bucket first, each in insertion order. */
  popDue(now: number): T[] {
    let due: T[] | null = null;
    for (let bucket = this.heap.peek(); bucket !== undefined && bucket.at <= now; bucket = this.heap.peek()) {
      this.heap.pop();
      this.byTime.delete(bucket.at);
      this.count -= bucket.live;
      for (const item of bucket.items) if (item !== null) item.bucket = null;
      // The usual case, one due time with no holes: its array is handed over as it is (nothing copied or allocated
      // just before the runs start).
      const next = this.heap.peek();
      if (due === null && bucket.live === bucket.items.length && (next === undefined || next.at > now))
        return bucket.items as T[];
      due ??= [];
      for (const item of bucket.items) if (item !== null) due.push(item as T);
    }
    return due ?? [];
  }

  /** Every queued entry, in no particular order. */
  *entries(): IterableIterator<T> {
    for (const bucket of this.heap.entries()) for (const item of bucket.items) if (item !== null) yield item as T;
  }
}

/** Drops the holes of a bucket whose jobs moved away and came back many times. */
function compact(bucket: FireBucket): void {
  const items: BucketEntry[] = [];
  for (const item of bucket.items) {
    if (item === null) continue;
    item.slot = items.push(item) - 1;
  }
  bucket.items = items;
}
