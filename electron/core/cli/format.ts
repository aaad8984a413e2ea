/**
 * Terminal formatting for the CLI: tables and lines that fit the terminal, status words in colour on a terminal,
 * local times with a relative hint, durations.
 */
import picocolors from 'picocolors';
import stringWidth from 'string-width';

export type Colors = ReturnType<typeof picocolors.createColors>;

/** Where a command prints: how wide the lines may be and whether status words get colour. */
export interface Terminal {
  width: number;
  colors: Colors;
}

/** `--color=always|never|auto` (a global option); auto: colour on a terminal unless NO_COLOR is set. */
export function colorEnabled(
  out: NodeJS.WritableStream,
  choice: unknown,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (choice === 'always') return true;
  if (choice === 'never') return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  return (out as NodeJS.WriteStream).isTTY === true;
}

/** The terminal's columns; a pipe or a file gets $COLUMNS, else 80, so `cronbar list | less` looks as on screen. */
export function terminalWidth(out: NodeJS.WritableStream, env: NodeJS.ProcessEnv = process.env): number {
  const columns = (out as NodeJS.WriteStream).columns;
  if ((out as NodeJS.WriteStream).isTTY && typeof columns === 'number' && columns > 0) return columns;
  const fromEnv = Number(env.COLUMNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 80;
}

export function terminalOf(out: NodeJS.WritableStream, options: Record<string, unknown> = {}): Terminal {
  return { width: terminalWidth(out), colors: picocolors.createColors(colorEnabled(out, options.color)) };
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Columns a string takes on screen: wide CJK and emoji count 2, colour codes 0. */
export function displayWidth(text: string): number {
  return PRINTABLE_ASCII.test(text) ? text.length : stringWidth(text);
}

/** Cuts text to at most `max` columns, ending in `…` when cut. Plain text only (colour is added after fitting). */
export function truncate(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  if (max <= 0) return '';
  let kept = '';
  let used = 0;
  for (const char of text) {
    const width = displayWidth(char);
    if (used + width > max - 1) break;
    kept += char;
    used += width;
  }
  return `${kept}…`;
}

/** Colour for a status word (a run's, a check's, a job's); plain words stay plain. */
export function paintStatus(word: string, colors: Colors): string {
  const key = word.toLowerCase().split(/[\s:(]/)[0]!;
  if (['failed', 'timed-out', 'down', 'overdue', 'error'].includes(key)) return colors.red(word);
  if (['succeeded', 'up', 'ok'].includes(key)) return colors.green(word);
  if (['running'].includes(key)) return colors.cyan(word);
  if (['late', 'paused', 'queued', 'skipped', 'missed', 'slow'].includes(key)) return colors.yellow(word);
  if (['disabled', 'interrupted', 'new', 'cancelled'].includes(key)) return colors.dim(word);
  return word;
}

/** A table column: a header, whether it may be cut to fit (`flex`), and whether it may be left out when narrow. */
export interface Column {
  header: string;
  /** May be cut with `…` down to `min` columns (default 10) when the table is too wide. */
  flex?: boolean;
  min?: number;
  /** Cut to its minimum before any other column is cut (a description beside the data). */
  cutFirst?: boolean;
  /** Left out altogether when the table is too wide as it is. */
  optional?: boolean;
  /** Colour for the cell's text (after fitting, so the widths stay right). */
  paint?: (text: string) => string;
}

/**
 * An aligned table that fits `width` columns: optional columns are left out, then flexible columns are cut with `…`
 * (cutFirst ones first, then the widest); ids and times stay whole. The last column is not padded.
 */
export function table(columns: ReadonlyArray<string | Column>, rows: string[][], width = Infinity): string {
  const specs = columns.map((column): Column => (typeof column === 'string' ? { header: column } : column));
  let shown = specs.map((_, index) => index);
  const natural = specs.map((spec, column) =>
    Math.max(displayWidth(spec.header), ...rows.map((row) => displayWidth(row[column] ?? ''))),
  );
  const fitted = (indexes: number[]) => {
    const widths = new Map(indexes.map((index) => [index, natural[index]!]));
    const minOf = (index: number) => Math.max(specs[index]!.min ?? 10, displayWidth(specs[index]!.header));
    let excess = [...widths.values()].reduce((sum, w) => sum + w, 0) + 2 * (indexes.length - 1) - width;
    // First the columns marked cutFirst, down to their minimum; then the widest flexible column, one step at a time,
    // so the cut is spread over the columns that have the most.
    for (const index of indexes) {
      if (excess <= 0 || !specs[index]!.cutFirst) continue;
      const cut = Math.min(excess, Math.max(0, widths.get(index)! - minOf(index)));
      widths.set(index, widths.get(index)! - cut);
      excess -= cut;
    }
    for (; excess > 0; excess--) {
      let widest = -1;
      for (const index of indexes) {
        if (
          specs[index]!.flex &&
          widths.get(index)! > minOf(index) &&
          (widest < 0 || widths.get(index)! > widths.get(widest)!)
        )
          widest = index;
      }
      if (widest < 0) break;
      widths.set(widest, widths.get(widest)! - 1);
    }
    return { widths };
  };
  const cutFirstSlack = (index: number) =>
    specs[index]!.cutFirst
      ? Math.max(0, natural[index]! - Math.max(specs[index]!.min ?? 10, displayWidth(specs[index]!.header)))
      : 0;
  const naturalTotal = (indexes: number[]) =>
    indexes.reduce((sum, index) => sum + natural[index]!, 0) + 2 * (indexes.length - 1);
  // Too wide even with the cutFirst columns at their minimum: leave out the optional ones (a name beside the id).
  const roomNeeded = naturalTotal(shown) - shown.reduce((sum, index) => sum + cutFirstSlack(index), 0);
  if (roomNeeded > width) shown = shown.filter((index) => !specs[index]!.optional);
  const layout = fitted(shown);
  const line = (cells: string[], painted: boolean) =>
    fitLine(
      shown
        .map((column, position) => {
          const cell = truncate(cells[column] ?? '', layout.widths.get(column)!);
          const text = painted && specs[column]!.paint && cell !== '' ? specs[column]!.paint!(cell) : cell;
          const pad = Math.max(0, layout.widths.get(column)! - displayWidth(cell));
          return position === shown.length - 1 ? text : text + ' '.repeat(pad);
        })
        .join('  ')
        .trimEnd(),
      width,
    );
  return [
    line(
      shown.map((index) => specs[index]!.header),
      false,
    ),
    ...rows.map((row) =>
      line(
        shown.map((index) => row[index] ?? ''),
        true,
      ),
    ),
  ].join('\n');
}

/** Cuts a line that may hold colour codes to `width` columns (a last resort: tables and lists fit by design). */
export function fitLine(text: string, width: number): string {
  if (!Number.isFinite(width) || displayWidth(text) <= width) return text;
  // eslint-disable-next-line no-control-regex
  const plain = text.replace(/\x1b\[[0-9;]*m/g, '');
  return truncate(plain, width);
}

/**
 * `label  first item` then one item per line under it, each wrapped under itself: how `status` lists failing jobs,
 * running runs and checks without one 270-column line, and without cutting a reason short.
 */
export function labelledLines(label: string, items: readonly string[], width: number, labelWidth = 11): string[] {
  const indent = ' '.repeat(labelWidth);
  return items.map((item, index) =>
    wrap(item, width - labelWidth, 2)
      .split('\n')
      .map((line, lineIndex) => (index === 0 && lineIndex === 0 ? label.padEnd(labelWidth) : indent) + line)
      .join('\n'),
  );
}

/** Words wrapped to `width`, every line after the first indented by `indent` spaces. */
export function wrap(text: string, width: number, indent = 0, firstIndent = 0): string {
  const lines: string[] = [];
  let current = ' '.repeat(firstIndent);
  let empty = true;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!empty && displayWidth(current) + 1 + displayWidth(word) > width) {
      lines.push(current);
      current = ' '.repeat(indent) + word;
    } else current += (empty ? '' : ' ') + word;
    empty = false;
  }
  lines.push(current);
  return lines.map((line) => fitLine(line, width)).join('\n');
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * `2026-11-22 14:05:00` in the given zone (default: this machine's). This machine's zone is read from Date's own
 * local time, the same ICU zone Intl would use: the first Intl formatter of a process costs ~20 ms of ICU start-up,
 * a tenth of a `cronbar list`.
 */
export function formatLocal(ms: number, timeZone?: string): string {
  if (timeZone === undefined) {
    const date = new Date(ms);
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  }
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

/** `in 3 h`, `5 min ago`, `in 2 d`: the largest unit only, for tables. */
export function formatRelativeShort(ms: number, now: number): string {
  const delta = ms - now;
  const abs = Math.abs(delta);
  if (abs < 1000) return 'now';
  const text = formatSpan(abs).replace(/^(\d+ \w+) .*$/, '$1');
  return delta > 0 ? `in ${text}` : `${text} ago`;
}

/** `in 3 h 12 min`, `5 min ago`, `now`. */
export function formatRelative(ms: number, now: number): string {
  const delta = ms - now;
  const abs = Math.abs(delta);
  if (abs < 1000) return 'now';
  const text = formatSpan(abs);
  return delta > 0 ? `in ${text}` : `${text} ago`;
}

/** `3 h 12 min`, `45 s`, `2 d 3 h`. */
export function formatSpan(ms: number): string {
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return `${m} min`;
  return `${s} s`;
}

/** Run durations: `120 ms`, `4.2 s`, `3 min 5 s`. */
export function formatElapsed(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${pad(Math.floor((ms % 60_000) / 1000))} s`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * A local time as short as is still clear: `14:05` today, `Tue 14:05` within the week ahead or behind, else
 * `2026-12-24 14:05`. For tables that must fit 80 columns; `--json` has the exact instant.
 */
export function formatShort(ms: number, now: number): string {
  const date = new Date(ms);
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  const today = new Date(now);
  if (date.toDateString() === today.toDateString()) return time;
  if (Math.abs(ms - now) < 6 * 86_400_000) return `${WEEKDAYS[date.getDay()]} ${time}`;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${time}`;
}
