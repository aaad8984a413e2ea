/** Plain stand-in for http/metrics/text-family.ts: a prom-client Gauge or Counter, formatted by prom-client. */
import { Counter, Gauge } from 'prom-client';

export type FamilyType = 'gauge' | 'counter';
type Labels = Readonly<Record<string, string>>;

export class TextFamily {
  readonly metric: Gauge | Counter;

  constructor(
    readonly name: string,
    help: string,
    readonly type: FamilyType,
    readonly labelNames: readonly string[],
  ) {
    const config = { name, help, labelNames: [...labelNames], registers: [] };
    this.metric = type === 'gauge' ? new Gauge(config) : new Counter(config);
  }

  set(labels: Labels, value: number): void {
    if (this.metric instanceof Gauge) this.metric.set(labels, value);
    else {
      this.metric.remove(labels);
      this.metric.inc(labels, value);
    }
  }

  inc(labels: Labels, by = 1): void {
    this.metric.inc(labels, by);
  }

  remove(labels: Labels): void {
    this.metric.remove(labels);
  }
}
