import { describe, expect, it } from 'vitest';
import { ConcurrencyLimiter } from '../../../electron/core/engine/concurrency-limiter';
import { FireQueue, type QueueEntry } from '../../../electron/core/engine/fire-queue';
import { jitterOffset } from '../../../electron/core/engine/jitter';
import { isRetryable, retryDelay } from '../../../electron/core/engine/retry-policy';

const entry = (name: string): QueueEntry & { name: string } => ({ name, at: 0, seq: 0, heapIndex: -1 });

describe('fire queue', () => {
  it('pops in time order, ties in insertion order, and supports move and remove', () => {
    const queue = new FireQueue<ReturnType<typeof entry>>();
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map(entry) as [ReturnType<typeof entry>, ReturnType<typeof entry>, ReturnType<typeof entry>, ReturnType<typeof entry>];
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
