/** Plain stand-in for http/metrics/text-registry.ts: prom-client's Registry.metrics(), in a buffer. */
import { Registry } from 'prom-client';
import type { TextFamily } from './text-family';

export class TextRegistry extends Registry {
  add(family: TextFamily): TextFamily {
    this.registerMetric(family.metric);
    return family;
  }

  async metricsText(): Promise<Buffer> {
    return Buffer.from(await this.metrics());
  }
}
