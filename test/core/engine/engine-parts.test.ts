import { describe, expect, it } from 'vitest';
import { ConcurrencyLimiter } from '../../../electron/core/engine/concurrency-limiter';
import { type BucketEntry, FireBuckets } from '../../../electron/core/engine/fire-buckets';
import { FireQueue, type QueueEntry } from '../../../electron/core/engine/fire-queue';
import { jitterOffset } from '../../../electron/core/engine/jitter';
import { isRetryable, retryDelay } from '../../../electron/core/engine/retry-policy';

const entry = (name: string): QueueEntry & { name: string } => ({ name, at: 0, seq: 0, heapIndex: -1 });

describe('fire queue', () => {
  it('pops in time order, ties in insertion order, and supports move and remove', () => {
    const queue = new FireQueue<ReturnType<typeof entry>>();
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map(entry) as [
      ReturnType<typeof entry>,
      ReturnType<typeof entry>,
      ReturnType<typeof entry>,
      ReturnType<typeof entry>,
    ];
    queue.schedule(a, 30);
    queue.schedule(b, 10);
    queue.schedule(c, 10);
    queue.schedule(d, 20);
    queue.schedule(a, 5);
    queue.remove(d);
    expect(queue.popDue(15).map((item) => item.name)).toEqual(['a', 'b', 'c']);
    expect(queue.size).toBe(0);
  });

  it('stays ordered under many random updates', () => {
    const queue = new FireQueue<ReturnType<typeof entry>>();
    const items = Array.from({ length: 500 }, (_, i) => entry(`${i}`));
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 3000; round++) {
      const item = items[Math.floor(random() * items.length)]!;
      if (random() < 0.2) queue.remove(item);
      else queue.schedule(item, Math.floor(random() * 10_000));
    }
    const popped: number[] = [];
    for (let item = queue.pop(); item; item = queue.pop()) popped.push(item.at);
    expect(popped).toEqual([...popped].sort((x, y) => x - y));
  });
});

describe('fire buckets', () => {
  const job = (name: string): BucketEntry & { name: string } => ({ name, at: 0, bucket: null, slot: -1 });
  type Job = ReturnType<typeof job>;

  it('pops every due job, earliest time first and in insertion order within a time; moves and removes', () => {
    const queue = new FireBuckets<Job>();
    const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map(job) as [Job, Job, Job, Job, Job];
    queue.schedule(a, 2000);
    queue.schedule(b, 1000);
    queue.schedule(c, 2000);
    queue.schedule(d, 1000);
    queue.schedule(e, 3000);
    queue.schedule(a, 1000);
    queue.remove(d);
    expect(queue.size).toBe(4);
    expect(queue.peekTime()).toBe(1000);
    expect(queue.popDue(2500).map((item) => item.name)).toEqual(['b', 'a', 'c']);
    expect([...queue.entries()].map((item) => item.name)).toEqual(['e']);
    expect(queue.has(a)).toBe(false);
    queue.remove(e);
    expect(queue.peekTime()).toBeUndefined();
    expect(queue.size).toBe(0);
    // One due time, nothing removed from it: handed over whole; its jobs can be queued again at once.
    queue.schedule(b, 5000);
    queue.schedule(c, 5000);
    queue.schedule(d, 6000);
    const due = queue.popDue(5000);
    expect(due.map((item) => item.name)).toEqual(['b', 'c']);
    expect(queue.has(b)).toBe(false);
    queue.schedule(b, 6000);
    expect(queue.popDue(6000).map((item) => item.name)).toEqual(['d', 'b']);
    expect(due.map((item) => item.name)).toEqual(['b', 'c']);
  });

  it('agrees with the heap under many random moves', () => {
    const buckets = new FireBuckets<Job>();
    const heap = new FireQueue<QueueEntry & { name: string }>();
    const jobs = Array.from({ length: 300 }, (_, i) => job(`${i}`));
    const heapEntries = jobs.map((item) => entry(item.name));
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 5000; round++) {
      const index = Math.floor(random() * jobs.length);
      if (random() < 0.2) {
        buckets.remove(jobs[index]!);
        heap.remove(heapEntries[index]!);
      } else {
        const at = Math.floor(random() * 50) * 1000;
        if (jobs[index]!.bucket !== null && jobs[index]!.at === at) continue;
        buckets.schedule(jobs[index]!, at);
        heap.schedule(heapEntries[index]!, at);
      }
    }
    expect(buckets.size).toBe(heap.size);
    expect(buckets.popDue(Infinity).map((item) => item.name)).toEqual(heap.popDue(Infinity).map((item) => item.name));
  });
});

describe('concurrency limiter', () => {
  it('hands out slots up to the limit, then FIFO as slots free', () => {
    const limiter = new ConcurrencyLimiter<string>(2);
    expect([limiter.tryAcquire(), limiter.tryAcquire(), limiter.tryAcquire()]).toEqual([true, true, false]);
    limiter.enqueue('first');
    limiter.enqueue('second');
    limiter.enqueue('third');
    expect(limiter.tryAcquire()).toBe(false);
    expect(limiter.release()).toEqual(['first']);
    expect(limiter.remove((item) => item === 'second')).toEqual(['second']);
    expect(limiter.setLimit(3)).toEqual(['third']);
    expect(limiter.running).toBe(3);
    expect(() => limiter.setLimit(0)).toThrow(/at least|≥ 1/);
  });
});

describe('retry policy', () => {
  const retry = { attempts: 4, delayMs: 1000, backoff: 3, maxDelayMs: 20_000 };
  it('grows by the backoff factor, caps at maxDelay, and stops after the attempts', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelay(retry, n))).toEqual([1000, 3000, 9000, 20_000, null]);
    expect(retryDelay({ ...retry, attempts: 0 }, 1)).toBeNull();
  });
  it('retries failures and timeouts, never cancels', () => {
    expect(['failed', 'timed-out', 'interrupted', 'succeeded'].map(isRetryable)).toEqual([true, true, false, false]);
  });
});

describe('jitter', () => {
  it('is stable for a (job, fire), spread across jobs, and inside [0, jitter)', () => {
    expect(jitterOffset('a', 1000, 60_000)).toBe(jitterOffset('a', 1000, 60_000));
    const offsets = Array.from({ length: 200 }, (_, i) => jitterOffset(`job-${i}`, 1000, 60_000));
    expect(offsets.every((offset) => offset >= 0 && offset < 60_000)).toBe(true);
    expect(new Set(offsets).size).toBeGreaterThan(190);
    expect(jitterOffset('a', 1000, 0)).toBe(0);
  });
});
