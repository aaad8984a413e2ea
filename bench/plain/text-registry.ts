/** Plain stand-in for http/metrics/text-registry.ts: prom-client's Registry.metrics(), sent from a new buffer. */
import { Registry } from 'prom-client';
import type { ScrapeLease } from '../../electron/core/http/metrics/scrape-buffer-pool';
import type { TextFamily } from './text-family';

export class TextRegistry extends Registry {
  add(family: TextFamily): TextFamily {
    this.registerMetric(family.metric);
    return family;
  }

  async metricsText(): Promise<ScrapeLease> {
    return { bytes: Buffer.from(await this.metrics()), release: () => {} };
  }
}
