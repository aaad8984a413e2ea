/**
 * A prom-client Registry (its content type, its scheduler-wide gauges and histogram) plus the per-job families that
 * write their own text (text-family.ts). A scrape is the prom-client families, formatted by prom-client, then the
 * text families, separated as `Registry.metrics()` separates families in the Prometheus text format (a test holds the
 * two equal). The pieces are sent one after the other, never copied into one string: the output is megabytes at
 * 10 000 jobs, and an unchanged text family's bytes are reused as they are.
 *
 * It calls `getMetricsAsString`, which `Registry.metrics()` uses per family (prom-client 15; not in its typings).
 */
import { Registry } from 'prom-client';
import type { TextFamily } from './text-family';

type Family = { name: string };
type Render = (metric: Family) => Promise<string>;

const SEPARATOR = Buffer.from('\n\n');
const END = Buffer.from('\n');

export class TextRegistry extends Registry {
  readonly #textFamilies = new Map<string, TextFamily>();
  readonly #render: Render = (Registry.prototype as unknown as { getMetricsAsString: Render }).getMetricsAsString.bind(this);

  add(family: TextFamily): TextFamily {
    if (this.#textFamilies.has(family.name) || this.getSingleMetric(family.name)) throw new Error(`A metric with the name ${family.name} has already been registered.`);
    this.#textFamilies.set(family.name, family);
    return family;
  }

  /** The Prometheus text exposition of every family, in pieces to write one after the other. */
  async metricsChunks(): Promise<Buffer[]> {
    const promClient = await Promise.all(this.getMetricsAsArray().map(async (metric) => Buffer.from(await this.#render(metric as unknown as Family))));
    const families = [...promClient, ...[...this.#textFamilies.values()].map((family) => family.text())];
    return [...families.flatMap((family, index) => (index === 0 ? [family] : [SEPARATOR, family])), END];
  }
}
