/**
 * One per-job metric family that writes its own Prometheus text: each series keeps its finished line, rewritten only
 * when its value changes, in blocks of BLOCK_SIZE whose bytes are re-encoded only after a change. prom-client's own
 * formatting makes the busy scrape at 10 000 jobs ~7× as slow, 224 ms against a 50 ms target (bench/README.md, "Speed
 * tricks"). The format is prom-client 15's text exposition (0.0.4), held byte-equal by a test: `# HELP` and `# TYPE`,
 * then one line per series in the order first set, escaped as
 * https://prometheus.io/docs/instrumenting/exposition_formats/ says, values spelled as prom-client spells them.
 */
export type FamilyType = 'gauge' | 'counter';
type Labels = Readonly<Record<string, string>>;

interface Series {
  prefix: string;
  /** The prefix (hence the line: values are ASCII) is ASCII, as job ids are: its bytes are its characters. */
  ascii: boolean;
  value: number;
  line: string;
  block: Block;
}

interface Block {
  series: Series[];
  /** `\n` + line for each series, in order: the first `length` bytes, rewritten in place while they fit. */
  bytes: Buffer;
  length: number;
  stale: boolean;
}

/** Small enough that a changed series re-encodes little, large enough that copying blocks costs nothing. */
const BLOCK_SIZE = 32;
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
  readonly #blocks: Block[] = [];
  readonly #head: Buffer;

  constructor(
    readonly name: string,
    help: string,
    readonly type: FamilyType,
    readonly labelNames: readonly string[],
  ) {
    this.#head = Buffer.from(`# HELP ${escapeText(name)} ${escapeText(help)}\n# TYPE ${escapeText(name)} ${type}`);
  }

  set(labels: Labels, value: number): void {
    const key = this.#key(labels);
    const series = this.#series.get(key);
    if (series) {
      if (series.value === value) return;
      series.value = value;
      series.line = series.prefix + valueText(value);
      series.block.stale = true;
      return;
    }
    const prefix = `${this.name}{${this.labelNames.map((name) => `${name}="${escapeLabelValue(labels[name]!)}"`).join(',')}} `;
    // A new series goes last, as in prom-client (a removed one that comes back too).
    let block = this.#blocks[this.#blocks.length - 1];
    if (!block || block.series.length >= BLOCK_SIZE) {
      block = { series: [], bytes: Buffer.alloc(0), length: 0, stale: true };
      this.#blocks.push(block);
    }
    const added: Series = { prefix, ascii: ASCII.test(prefix), value, line: prefix + valueText(value), block };
    block.series.push(added);
    block.stale = true;
    this.#series.set(key, added);
  }

  /** Adds to a series (a counter), starting it at 0. */
  inc(labels: Labels, by = 1): void {
    this.set(labels, (this.#series.get(this.#key(labels))?.value ?? 0) + by);
  }

  remove(labels: Labels): void {
    const key = this.#key(labels);
    const series = this.#series.get(key);
    if (!series) return;
    this.#series.delete(key);
    const { block } = series;
    block.series.splice(block.series.indexOf(series), 1);
    block.stale = true;
    if (block.series.length === 0) this.#blocks.splice(this.#blocks.indexOf(block), 1);
  }

  get size(): number {
    return this.#series.size;
  }

  /** The family's size in bytes as copyTo writes it; re-encodes the blocks that changed. */
  byteLength(): number {
    let size = this.#head.length;
    for (const block of this.#blocks) {
      if (block.stale) encode(block);
      size += block.length;
    }
    return size;
  }

  /**
   * Writes the family as prom-client's `getMetricsAsString` writes it (no trailing newline), UTF-8, at `offset`, and
   * returns the bytes written. Call byteLength() first: it brings the blocks up to date.
   */
  copyTo(target: Buffer, offset: number): number {
    let at = offset + this.#head.copy(target, offset);
    for (const block of this.#blocks) at += block.bytes.copy(target, at, 0, block.length);
    return at - offset;
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

/**
 * Line by line into the block's own buffer, kept and rewritten in place: joining lines into a string and encoding it
 * took 10-20 times longer, and writing into fresh memory cost more than the writing (first-touch page faults). ASCII
 * lines (every job id is) are copied as Latin-1, which for ASCII is the same bytes as UTF-8.
 */
function encode(block: Block): void {
  let size = 0;
  for (const series of block.series) size += 1 + (series.ascii ? series.line.length : Buffer.byteLength(series.line));
  // Headroom, so a block whose values grow a digit is not reallocated at every scrape.
  if (size > block.bytes.length) block.bytes = Buffer.allocUnsafe(size + (size >> 2));
  const bytes = block.bytes;
  let offset = 0;
  for (const series of block.series) {
    bytes[offset++] = 0x0a;
    offset += bytes.write(series.line, offset, series.ascii ? 'latin1' : 'utf8');
  }
  block.length = offset;
  block.stale = false;
}
