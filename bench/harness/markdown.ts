/** Markdown tables and number formatting for RESULTS.md. */

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** 3 significant figures, thousands separated; '-' for missing. */
export function num(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '-';
  if (!Number.isFinite(value)) return '∞';
  if (value === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.max(0, digits - 1 - magnitude);
  return value
    .toLocaleString('en-US', { maximumFractionDigits: decimals, minimumFractionDigits: 0 })
    .replace(/,/g, ' ');
}

export function bytes(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '-';
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let scaled = value;
  let unit = 0;
  while (Math.abs(scaled) >= 1024 && unit < units.length - 1) {
    scaled /= 1024;
    unit += 1;
  }
  return `${num(scaled)} ${units[unit]}`;
}

/** `x / baseline` as `2.1×`; '-' when either side is missing. */
export function ratio(value: number | null | undefined, baseline: number | null | undefined): string {
  if (value == null || baseline == null || Number.isNaN(value) || Number.isNaN(baseline)) return '-';
  if (baseline === 0) return value === 0 ? '1×' : '∞';
  return `${num(value / baseline)}×`;
}
