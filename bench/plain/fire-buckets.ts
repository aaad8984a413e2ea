/**
 * Plain stand-in for engine/fire-buckets.ts: one heap entry per job (the entry itself, as a `JobEntry extends
 * QueueEntry` would be), popped one by one.
 */
import { FireQueue, type QueueEntry } from '../../electron/core/engine/fire-queue';

export interface BucketEntry {
  at: number;
  bucket: unknown;
  slot: number;
}

type Queued<T> = T & QueueEntry;

export class FireBuckets<T extends BucketEntry> {
  private readonly heap = new FireQueue<Queued<T>>();

  get size(): number {
    return this.heap.size;
  }

  peekTime(): number | undefined {
    return this.heap.peek()?.at;
  }

  has(entry: T): boolean {
    return this.heap.has(entry as Queued<T>);
  }

  schedule(entry: T, at: number): void {
    if (this.has(entry) && entry.at === at) return;
    this.heap.schedule(entry as Queued<T>, at);
  }

  remove(entry: T): boolean {
    return this.heap.remove(entry as Queued<T>);
  }

  popDue(now: number): T[] {
    return this.heap.popDue(now);
  }

  *entries(): IterableIterator<T> {
    yield* this.heap.entries();
  }
}
