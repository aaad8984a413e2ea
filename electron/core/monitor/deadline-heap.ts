/**
 * A min-heap of deadlines by key, with update and removal by key (an index map), so one timer serves every check,
 * expectation and slow-run watch: arm it at `peek()`, pop what is due when it fires.
 */
export class DeadlineHeap {
  private readonly keys: string[] = [];
  private readonly dues: number[] = [];
  private readonly index = new Map<string, number>();

  get size(): number {
    return this.keys.length;
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  dueOf(key: string): number | undefined {
    const at = this.index.get(key);
    return at === undefined ? undefined : this.dues[at];
  }

  /** Adds or moves `key` to `due`. */
  set(key: string, due: number): void {
    const at = this.index.get(key);
    if (at === undefined) {
      this.keys.push(key);
      this.dues.push(due);
      this.index.set(key, this.keys.length - 1);
      this.up(this.keys.length - 1);
      return;
    }
    const before = this.dues[at]!;
    this.dues[at] = due;
    if (due < before) this.up(at);
    else this.down(at);
  }

  delete(key: string): void {
    const at = this.index.get(key);
    if (at === undefined) return;
    const last = this.keys.length - 1;
    this.swap(at, last);
    this.keys.pop();
    this.dues.pop();
    this.index.delete(key);
    if (at < this.keys.length) {
      this.up(at);
      this.down(at);
    }
  }

  /** The earliest deadline, or null. */
  peek(): { key: string; due: number } | null {
    return this.keys.length === 0 ? null : { key: this.keys[0]!, due: this.dues[0]! };
  }

  /** Removes and returns every key due at or before `now`, earliest first. */
  popDue(now: number): string[] {
    const due: string[] = [];
    while (this.keys.length > 0 && this.dues[0]! <= now) {
      const key = this.keys[0]!;
      this.delete(key);
      due.push(key);
    }
    return due;
  }

  clear(): void {
    this.keys.length = 0;
    this.dues.length = 0;
    this.index.clear();
  }

  private up(at: number): void {
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (this.dues[parent]! <= this.dues[at]!) return;
      this.swap(at, parent);
      at = parent;
    }
  }

  private down(at: number): void {
    const size = this.keys.length;
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let smallest = at;
      if (left < size && this.dues[left]! < this.dues[smallest]!) smallest = left;
      if (right < size && this.dues[right]! < this.dues[smallest]!) smallest = right;
      if (smallest === at) return;
      this.swap(at, smallest);
      at = smallest;
    }
  }

  private swap(a: number, b: number): void {
    if (a === b) return;
    [this.keys[a], this.keys[b]] = [this.keys[b]!, this.keys[a]!];
    [this.dues[a], this.dues[b]] = [this.dues[b]!, this.dues[a]!];
    this.index.set(this.keys[a]!, a);
    this.index.set(this.keys[b]!, b);
  }
}
