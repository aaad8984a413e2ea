import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../../../shared/config/bounded-cache';

describe('BoundedCache', () => {
  it('computes a value once and then returns the kept one', () => {
    const cache = new BoundedCache<string, number>(10);
    let computed = 0;
    const length = (key: string) => {
      computed += 1;
      return key.length;
    };
    expect(cache.get('abc', length)).toBe(3);
    expect(cache.get('abc', length)).toBe(3);
    expect(computed).toBe(1);
  });

  it('keeps a value that is null', () => {
    const cache = new BoundedCache<string, string | null>(10);
    let computed = 0;
    const none = () => {
      computed += 1;
      return null;
    };
    cache.get('valid', none);
    expect(cache.get('valid', none)).toBeNull();
    expect(computed).toBe(1);
  });

  it('never holds more than its capacity, dropping the least recently used first', () => {
    const cache = new BoundedCache<string, string>(2);
    const seen: string[] = [];
    const remember = (key: string) => {
      seen.push(key);
      return key;
    };
    cache.get('a', remember);
    cache.get('b', remember);
    cache.get('a', remember); // a is now the most recent
    cache.get('c', remember); // drops b
    expect(cache.size).toBe(2);
    cache.get('a', remember);
    cache.get('b', remember);
    expect(seen).toEqual(['a', 'b', 'c', 'b']);
  });
});
