/**
 * A prom-client Registry that re-serialises a family only when one of its samples changed since the last scrape. At
 * 10 000 jobs the per-job families are ~60 000 lines, and prom-client formats each line anew on every scrape; most
 * of them (last status, last success, run counts) change only when that job's run ends. Each line is still written
 * by prom-client; an unchanged family's bytes are reused, and the families are sent one after the other, never
 * copied into one string (the output is megabytes: copying it cost more than formatting what changed).
 *
 * It calls `getMetricsAsString`, which `Registry.metrics()` uses per family (prom-client 15; not in its typings), and
 * separates the families as `metrics()` does for the Prometheus text format (a test holds the two equal).
 */
import { Registry } from 'prom-client';

type Family = { name: string };
type Render = (metric: Family) => Promise<string>;

const SEPARATOR = Buffer.from('\n\n');
const END = Buffer.from('\n');

export class MemoRegistry extends Registry {
  readonly #memoised = new Set<string>();
  readonly #dirty = new Set<string>();
  readonly #cache = new Map<string, Buffer>();
  readonly #render: Render = (Registry.prototype as unknown as { getMetricsAsString: Render }).getMetricsAsString.bind(this);

  /** Serialise this family only after `touch`. */
  memoise(name: string): void {
    this.#memoised.add(name);
    this.#dirty.add(name);
  }

  /** One of the family's samples changed. */
  touch(name: string): void {
    this.#dirty.add(name);
  }

  async #family(metric: Family): Promise<Buffer> {
    if (!this.#memoised.has(metric.name)) return Buffer.from(await this.#render(metric));
    const cached = this.#cache.get(metric.name);
    if (cached !== undefined && !this.#dirty.has(metric.name)) return cached;
    this.#dirty.delete(metric.name);
    const bytes = Buffer.from(await this.#render(metric));
    this.#cache.set(metric.name, bytes);
    return bytes;
  }

  /**
   * The Prometheus text exposition of every family, as `metrics()` would give it, in pieces to write one after the
   * other: joining them would copy megabytes per scrape that are mostly unchanged.
   */
  async metricsChunks(): Promise<Buffer[]> {
    const families = await Promise.all(this.getMetricsAsArray().map((metric) => this.#family(metric as unknown as Family)));
    return [...families.flatMap((family, index) => (index === 0 ? [family] : [SEPARATOR, family])), END];
  }
}
