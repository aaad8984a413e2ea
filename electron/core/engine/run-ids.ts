/**
 * Run ids handed out before their rows exist, so the engine can start a run first and write its row right after.
 *
 * Ids come from blocks reserved in the store (`reserveRunIds`, committed at once): no other connection, such as
 * `cronbar run` beside the daemon, can be given an id inside a block, so ids never collide. History lists runs by id,
 * so ids must also follow the order runs were created in: before each use the engine checks that nobody took an id
 * after its block (`lastRunId`, one cheap read); if someone did, the rest of the block is dropped (a gap in the ids,
 * as pruning leaves) and a new block is reserved after theirs.
 *
 * A scheduler reserves ahead (`refill`, in the same transaction as the rows it writes) so the next tick finds its
 * ids ready; a process that only runs a job by hand reserves exactly what it needs, leaving no gap.
 */
import type { Store } from '../ports';

/** The smallest block a scheduler reserves ahead. */
export const MIN_BLOCK = 256;

export class RunIds {
  /** The next free id of the block, and one past its last. */
  private next = 0;
  private end = 0;
  /** The most ids one take() asked for: the scheduler keeps at least this many in reserve. */
  private largestTake = 0;

  constructor(private readonly store: Store) {}

  /** `count` consecutive ids, the first returned; reserves (one small commit) only when the block cannot serve. */
  take(count: number): number {
    if (count === 0) return this.next;
    this.largestTake = Math.max(this.largestTake, count);
    if (this.end - this.next < count || !this.stillNewest()) this.reserve(count);
    const first = this.next;
    this.next += count;
    return first;
  }

  /** Tops the block up so the next take() needs no commit; call inside the transaction that writes the rows. */
  refill(): void {
    if (this.end - this.next >= Math.max(1, this.largestTake)) return;
    // Extending in place keeps ids in order; when someone took ids after the block, the rest is dropped instead.
    if (this.end > 0 && this.store.lastRunId() === this.end - 1) {
      const size = Math.max(MIN_BLOCK, 2 * this.largestTake);
      const first = this.store.reserveRunIds(size);
      if (first === this.end) {
        this.end += size;
        return;
      }
      this.next = first;
      this.end = first + size;
      return;
    }
    this.reserve(Math.max(MIN_BLOCK, 2 * this.largestTake));
  }

  /** Forgets the block: after a failed transaction, a reservation made inside it may have been rolled back. */
  drop(): void {
    this.end = this.next;
  }

  /** Whether nobody took an id after the block. A store that cannot answer still leaves the block safe to use. */
  private stillNewest(): boolean {
    try {
      return this.store.lastRunId() === this.end - 1;
    } catch {
      return true;
    }
  }

  private reserve(count: number): void {
    const first = this.store.reserveRunIds(count);
    this.next = first;
    this.end = first + count;
  }
}
