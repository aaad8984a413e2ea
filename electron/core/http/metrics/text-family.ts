/**
 * One per-job metric family that writes its own Prometheus text. At 10 000 jobs the per-job families are ~60 000
 * lines; prom-client formats every line of a family anew whenever one sample changed (hashing the labels, escaping
 * each value, joining), which cost as much as the whole scrape budget when runs end between scrapes. Here each
 * series keeps its finished line (`name{job_id="…"} value`), rewritten only when its value changes, and the family's
 * text is the join of those lines, redone only after a change.
 *
 * The format is prom-client 15's for the Prometheus text exposition (0.0.4), which a test holds byte-equal for the
 * same values: `# HELP` with `\` and newline escaped, `# TYPE`, then one line per series in the order first set,
 * label values with `\`, newline and `"` escaped (https://prometheus.io/docs/instrumenting/exposition_formats/),
 * values as JavaScript prints them with NaN and ±Inf spelled as prom-client does.
 */
export type FamilyType = 'gauge' | 'counter';
type Labels = Readonly<Record<string, string>>;

interface Series {
  prefix: string;
  /** The prefix (hence the line: values are ASCII) is ASCII, as job ids are: its bytes are its characters. */
  ascii: boolean;
  value: number;
  line: string;
}

const ASCII = /^[ -~]*$/;

const escapeText = (text: string) => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const escapeLabelValue = (value: string) => escapeText(value).replace(/"/g, '\\"');

/** As prom-client's getValueAsString (its spelling `Nan` included, so the output stays byte-equal). */
function valueText(value: number): string {
  if (Number.isNaN(value)) return 'Nan';
  if (!Number.isFinite(value)) return value < 0 ? '-Inf' : '+Inf';
  return `${value}`;
}

export class TextFamily {
  readonly #series = new Map<string, Series>();
  readonly #head: string;
  #text: Buffer | null = null;

  constructor(
    readonly name: string,
    help: string,
    readonly type: FamilyType,
    readonly labelNames: readonly string[],
  ) {
    this.#head = `# HELP ${escapeText(name)} ${escapeText(help)}\n# TYPE ${escapeText(name)} ${type}`;
  }

  set(labels: Labels, value: number): void {
    const key = this.#key(labels);
    const series = this.#series.get(key);
    if (series) {
      if (series.value === value) return;
      series.value = value;
      series.line = series.prefix + valueText(value);
    } else {
      const prefix = `${this.name}{${this.labelNames.map((name) => `${name}="${escapeLabelValue(labels[name]!)}"`).join(',')}} `;
      this.#series.set(key, { prefix, ascii: ASCII.test(prefix), value, line: prefix + valueText(value) });
    }
    this.#text = null;
  }

  /** Adds to a series (a counter), starting it at 0. */
  inc(labels: Labels, by = 1): void {
    this.set(labels, (this.#series.get(this.#key(labels))?.value ?? 0) + by);
  }

  remove(labels: Labels): void {
    if (this.#series.delete(this.#key(labels))) this.#text = null;
  }

  get size(): number {
    return this.#series.size;
  }

  /**
   * The family as prom-client's `getMetricsAsString` writes it (no trailing newline), UTF-8. Written line by line into
   * one buffer of the exact size: joining 10 000 lines into a string and encoding it took 10-20 times longer, and
   * ASCII lines (every job id is) are copied as Latin-1, which for ASCII is the same bytes as UTF-8.
   */
  text(): Buffer {
    if (this.#text !== null) return this.#text;
    let size = Buffer.byteLength(this.#head);
    for (const series of this.#series.values()) size += 1 + (series.ascii ? series.line.length : Buffer.byteLength(series.line));
    const text = Buffer.allocUnsafe(size);
    let offset = text.write(this.#head);
    for (const series of this.#series.values()) {
      text[offset++] = 0x0a;
      offset += text.write(series.line, offset, series.ascii ? 'latin1' : 'utf8');
    }
    this.#text = text;
    return text;
  }

  #key(labels: Labels): string {
    // Most families have only job_id: its value is the key (no string built per call, 10 000 calls a scrape).
    if (this.labelNames.length === 1) {
      const value = labels[this.labelNames[0]!];
      if (value === undefined) throw new Error(`${this.name}: label ${this.labelNames[0]} is missing`);
      return value;
    }
    let key = '';
    for (const name of this.labelNames) {
      const value = labels[name];
      if (value === undefined) throw new Error(`${this.name}: label ${name} is missing`);
      key += `${value}\u0000`;
    }
    return key;
  }
}
