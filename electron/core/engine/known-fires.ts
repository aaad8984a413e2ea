/**
 * Cron fires an earlier CLI process computed, so a later reader answers "the first fire after t" without croner (whose
 * first zoned call starts ICU). Measured at 6-9 % of `cronbar list` (bench/README.md, "Speed tricks"), under the 10 %
 * bar: kept only until service/open-cronbar.ts stops using it. The scheduler does not use it.
 *
 * Exact, not a guess. A chain [from, f0, f1, …] records answers croner gave: f0 is the first fire after `from`, each
 * next one the first fire after the one before, so for any t with from ≤ t < f_last the answer is the least f_i
 * greater than t. Valid while the set of fires cannot change: the same build and time-zone rules, which the caller
 * makes part of the stored key (known-fires-store.ts).
 */
/** [from, ...fires]; a final null: no fire after the last one. */
type Chain = Array<number | null>;

/** Fires kept per schedule: a few days of an hourly job; older ones are dropped from the front. */
const MAX_FIRES = 32;
/** Schedules kept: the oldest recorded go first. */
const MAX_SCHEDULES = 20_000;

export class KnownFires {
  readonly #chains: Map<string, Chain>;
  #changed = false;

  constructor(chains: Iterable<[string, Chain]> = []) {
    this.#chains = new Map(chains);
  }

  /** From `serialize()`'s text; anything unreadable is an empty memo (it only costs a computation). */
  static parse(text: string | null): KnownFires {
    if (text === null) return new KnownFires();
    try {
      const entries: unknown = JSON.parse(text);
      if (!Array.isArray(entries)) return new KnownFires();
      return new KnownFires(
        entries.filter(
          (entry): entry is [string, Chain] =>
            Array.isArray(entry) && typeof entry[0] === 'string' && isChain(entry[1]),
        ),
      );
    } catch {
      return new KnownFires();
    }
  }

  /** The first fire strictly after `after` (null: none left), or undefined when this memo cannot say. */
  lookup(key: string, after: number): number | null | undefined {
    const chain = this.#chains.get(key);
    if (!chain || after < (chain[0] as number)) return undefined;
    for (let index = 1; index < chain.length; index++) {
      const fire = chain[index]!;
      if (fire === null) return null;
      if (fire > after) return fire;
    }
    return undefined;
  }

  /** What croner answered for (key, after). */
  record(key: string, after: number, next: number | null): void {
    const chain = this.#chains.get(key);
    const last = chain?.[chain.length - 1];
    if (chain && last !== null && last === after) {
      // The question after the last known fire: the chain goes on.
      chain.push(next);
      if (chain.length > MAX_FIRES + 1) chain.splice(0, 2, chain[1]!);
    } else if (!chain || this.lookup(key, after) === undefined) {
      // Outside what the chain covers: start again from here (the old chain is of a time already past, mostly).
      this.#chains.delete(key);
      this.#chains.set(key, [after, next]);
      if (this.#chains.size > MAX_SCHEDULES) this.#chains.delete(this.#chains.keys().next().value!);
    } else {
      return;
    }
    this.#changed = true;
  }

  /** Whether something was recorded since this memo was made or parsed. */
  get changed(): boolean {
    return this.#changed;
  }

  serialize(): string {
    return JSON.stringify([...this.#chains]);
  }
}

function isChain(value: unknown): value is Chain {
  if (!Array.isArray(value) || value.length < 2 || typeof value[0] !== 'number') return false;
  for (let index = 1; index < value.length; index++) {
    const fire: unknown = value[index];
    if (fire === null ? index !== value.length - 1 : typeof fire !== 'number' || !(fire > (value[index - 1] as number)))
      return false;
  }
  return true;
}
