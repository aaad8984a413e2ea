/**
 * A Map that keeps at most `capacity` entries, dropping the least recently used: the memo for pure work that a jobs
 * file repeats many times (cron verdicts, time zones, the engine's parsed croner patterns). Small on purpose: the
 * window bundles shared/config, and a library here put class private fields into the editor chunk that the
 * Electronegativity check cannot parse.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  /** The value for `key`, computed by `compute` and kept when it is not known yet. */
  get(key: K, compute: (key: K) => V): V {
    if (this.entries.has(key)) {
      const value = this.entries.get(key) as V;
      // Re-inserting keeps the Map in least-recently-used order.
      this.entries.delete(key);
      this.entries.set(key, value);
      return value;
    }
    const value = compute(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
