/**
 * The kept end of a run's output: a fixed-size ring buffer holding only the last bytes plus a count of everything
 * seen, so memory stays flat whether a job prints 1 KiB or 100 GiB. Chunks are copied in and never retained.
 */
export const OUTPUT_TAIL_BYTES = 256 * 1024;

/** Small first allocation: most jobs print little, and many may run at once. */
const INITIAL_BYTES = 4 * 1024;

export class OutputTail {
  private buffer: Buffer;
  /** Index of the oldest kept byte; non-zero only once the buffer is full size and has wrapped. */
  private start = 0;
  private length = 0;
  private total = 0;

  constructor(readonly capacity: number = OUTPUT_TAIL_BYTES) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`output tail capacity must be a positive integer, got ${capacity}`);
    this.buffer = Buffer.allocUnsafe(Math.min(capacity, INITIAL_BYTES));
  }

  /** Every byte ever pushed, kept or not. */
  get totalBytes(): number {
    return this.total;
  }

  /** True when older output was dropped. */
  get truncated(): boolean {
    return this.total > this.length;
  }

  push(chunk: Uint8Array): void {
    const size = chunk.length;
    if (size === 0) return;
    this.total += size;
    if (size >= this.capacity) {
      // The chunk alone fills the tail: keep its end, whatever came before is gone.
      if (this.buffer.length < this.capacity) this.buffer = Buffer.allocUnsafe(this.capacity);
      this.buffer.set(chunk.subarray(size - this.capacity));
      this.start = 0;
      this.length = this.capacity;
      return;
    }
    if (this.buffer.length < this.capacity && this.length + size > this.buffer.length) this.grow(this.length + size);
    const ring = this.buffer.length;
    const end = (this.start + this.length) % ring;
    const first = Math.min(size, ring - end);
    this.buffer.set(chunk.subarray(0, first), end);
    if (first < size) this.buffer.set(chunk.subarray(first), 0);
    const overflow = this.length + size - ring;
    if (overflow > 0) {
      this.start = (this.start + overflow) % ring;
      this.length = ring;
    } else {
      this.length += size;
    }
  }

  /** A copy of the kept bytes, oldest first. */
  toBuffer(): Buffer {
    const ring = this.buffer.length;
    if (this.start + this.length <= ring)
      return Buffer.from(this.buffer.subarray(this.start, this.start + this.length));
    return Buffer.concat(
      [this.buffer.subarray(this.start), this.buffer.subarray(0, this.start + this.length - ring)],
      this.length,
    );
  }

  // Growth happens only before the first wrap, so the kept bytes are always at [0, length).
  private grow(needed: number): void {
    const next = Buffer.allocUnsafe(Math.min(this.capacity, Math.max(this.buffer.length * 2, needed)));
    this.buffer.copy(next, 0, 0, this.length);
    this.buffer = next;
  }
}
