/**
 * A prom-client Registry (its content type, its scheduler-wide gauges and histogram) plus the per-job families that
 * write their own text (text-family.ts). A scrape is the prom-client families, formatted by prom-client, then the
 * text families, separated as `Registry.metrics()` separates families in the Prometheus text format (a test holds the
 * two equal), copied into one buffer: the output is megabytes at 10 000 jobs, and an unchanged text family's bytes
 * are reused as they are.
 *
 * It calls `getMetricsAsString`, which `Registry.metrics()` uses per family (prom-client 15; not in its typings).
 */
import { Registry } from 'prom-client';
import type { TextFamily } from './text-family';

type Family = { name: string };
type Render = (metric: Family) => Promise<string>;

const SEPARATOR = '\n\n';

export class TextRegistry extends Registry {
  readonly #textFamilies = new Map<string, TextFamily>();
  readonly #render: Render = (Registry.prototype as unknown as { getMetricsAsString: Render }).getMetricsAsString.bind(
    this,
  );

  add(family: TextFamily): TextFamily {
    if (this.#textFamilies.has(family.name) || this.getSingleMetric(family.name))
      throw new Error(`A metric with the name ${family.name} has already been registered.`);
    this.#textFamilies.set(family.name, family);
    return family;
  }

  /** The Prometheus text exposition of every family, in one buffer. */
  async metricsText(): Promise<Buffer> {
    const promClient = await Promise.all(
      this.getMetricsAsArray().map((metric) => this.#render(metric as unknown as Family)),
    );
    // From here on synchronous: the sizes hold until a family next changes.
    const families = [...promClient, ...this.#textFamilies.values()];
    let size = 1 + SEPARATOR.length * Math.max(0, families.length - 1);
    for (const family of families) size += typeof family === 'string' ? Buffer.byteLength(family) : family.byteLength();
    const buffer = Buffer.allocUnsafe(size);
    let offset = 0;
    families.forEach((family, index) => {
      if (index > 0) offset += buffer.write(SEPARATOR, offset, 'latin1');
      offset += typeof family === 'string' ? buffer.write(family, offset) : family.copyTo(buffer, offset);
    });
    buffer[offset++] = 0x0a;
    return buffer.subarray(0, offset);
  }
}
