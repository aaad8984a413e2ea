import { describe, expect, it } from 'vitest';
import { OUTPUT_TAIL_BYTES, OutputTail } from '../../../electron/core/runner/output-tail';

const bytes = (text: string) => Buffer.from(text, 'latin1');

describe('OutputTail', () => {
  it('keeps everything while the output is smaller than the tail', () => {
    const tail = new OutputTail(16);
    tail.push(bytes('hello '));
    tail.push(bytes('world'));
    expect(tail.toBuffer().toString()).toBe('hello world');
    expect(tail.totalBytes).toBe(11);
    expect(tail.truncated).toBe(false);
  });

  it('keeps only the last bytes once the output wraps, in order, and counts all of them', () => {
    const tail = new OutputTail(10);
    for (const piece of ['abcd', 'efgh', 'ijkl', 'mnop', 'q']) tail.push(bytes(piece));
    expect(tail.toBuffer().toString()).toBe('hijklmnopq');
    expect(tail.totalBytes).toBe(17);
    expect(tail.truncated).toBe(true);
  });

  it('matches a reference slice for every split of a long stream into uneven chunks', () => {
    const stream = Buffer.from(Array.from({ length: 5000 }, (_, index) => (index * 7) % 256));
    for (const chunkSize of [1, 3, 63, 64, 65, 100, 999]) {
      const tail = new OutputTail(64);
      for (let offset = 0; offset < stream.length; offset += chunkSize)
        tail.push(stream.subarray(offset, offset + chunkSize));
      expect(tail.toBuffer().equals(stream.subarray(stream.length - 64)), `chunks of ${chunkSize}`).toBe(true);
      expect(tail.totalBytes).toBe(5000);
    }
  });

  it('keeps the end of a single chunk larger than the whole tail', () => {
    const tail = new OutputTail(4);
    tail.push(bytes('xy'));
    tail.push(bytes('0123456789'));
    expect(tail.toBuffer().toString()).toBe('6789');
    tail.push(bytes('A'));
    expect(tail.toBuffer().toString()).toBe('789A');
    expect(tail.totalBytes).toBe(13);
  });

  it('hands out a copy that later output does not change', () => {
    const tail = new OutputTail(4);
    tail.push(bytes('abcd'));
    const snapshot = tail.toBuffer();
    tail.push(bytes('efgh'));
    expect(snapshot.toString()).toBe('abcd');
  });

  it('defaults to 256 KiB and ignores empty chunks', () => {
    const tail = new OutputTail();
    expect(tail.capacity).toBe(OUTPUT_TAIL_BYTES);
    expect(OUTPUT_TAIL_BYTES).toBe(262_144);
    tail.push(Buffer.alloc(0));
    expect(tail.totalBytes).toBe(0);
    expect(tail.toBuffer().length).toBe(0);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new OutputTail(0)).toThrow(/positive integer, got 0/);
  });
});
