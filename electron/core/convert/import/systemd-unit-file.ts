/**
 * systemd unit files (systemd.syntax(7)): `[Section]` headers, `Key=Value` lines, `#`/`;` comments, a trailing `\`
 * joining the next line. Every assignment is kept in order with its line, because list settings (`Environment=`,
 * `OnCalendar=`, `ExecStart=`) repeat and an empty assignment resets them.
 */

export interface UnitSetting {
  key: string;
  value: string;
  line: number;
}

export type UnitFile = Map<string, UnitSetting[]>;

export function parseUnitFile(text: string): UnitFile {
  const sections: UnitFile = new Map();
  let current: UnitSetting[] | null = null;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = index + 1;
    let content = lines[index]!.replace(/\r$/, '').trim();
    if (content === '' || content.startsWith('#') || content.startsWith(';')) continue;
    while (content.endsWith('\\') && index + 1 < lines.length) {
      const next = lines[++index]!.replace(/\r$/, '').trim();
      // Comment lines inside a continuation are skipped (systemd.syntax(7)).
      content = next.startsWith('#') || next.startsWith(';') ? content : `${content.slice(0, -1)} ${next}`;
    }
    const section = /^\[([^\]]+)\]$/.exec(content);
    if (section) {
      current = sections.get(section[1]!) ?? [];
      sections.set(section[1]!, current);
      continue;
    }
    const eq = content.indexOf('=');
    if (eq <= 0 || current === null) continue;
    current.push({ key: content.slice(0, eq).trim(), value: content.slice(eq + 1).trim(), line });
  }
  return sections;
}

/** Every value of a list setting, after the last empty assignment (which resets the list). */
export function listSetting(unit: UnitFile, section: string, key: string): UnitSetting[] {
  const all = (unit.get(section) ?? []).filter((setting) => setting.key === key);
  const reset = all.map((setting) => setting.value).lastIndexOf('');
  return all.slice(reset + 1);
}

/** The last assignment of a single-valued setting. */
export function setting(unit: UnitFile, section: string, key: string): UnitSetting | undefined {
  const all = (unit.get(section) ?? []).filter((entry) => entry.key === key);
  return all[all.length - 1];
}

/** systemd's booleans. */
export function unitBoolean(value: string | undefined): boolean {
  return value !== undefined && /^(1|yes|y|true|t|on)$/i.test(value);
}

const SPAN_UNITS: Array<[RegExp, number]> = [
  [/^(us|usec|µs|μs)$/, 0.001],
  [/^(ms|msec)$/, 1],
  [/^(s|sec|second|seconds)$/, 1000],
  [/^(m|min|minute|minutes)$/, 60_000],
  [/^(h|hr|hour|hours)$/, 3_600_000],
  [/^(d|day|days)$/, 86_400_000],
  [/^(w|week|weeks)$/, 604_800_000],
  [/^(M|month|months)$/, 2_629_800_000],
  [/^(y|year|years)$/, 31_557_600_000],
];

/** A systemd time span (`5min 30s`, `90`, `infinity`) in ms; Infinity for `infinity`, null when unreadable. */
export function parseTimeSpan(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === 'infinity') return Number.POSITIVE_INFINITY;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const part = /\s*(\d+(?:\.\d+)?)\s*([A-Za-zµμ]+)/y;
  let total = 0;
  let consumed = 0;
  for (let match = part.exec(trimmed); match; match = part.exec(trimmed)) {
    const unit = SPAN_UNITS.find(([pattern]) => pattern.test(match![2]!));
    if (!unit) return null;
    total += Number(match[1]) * unit[1];
    consumed = part.lastIndex;
  }
  return consumed === trimmed.length && consumed > 0 ? total : null;
}
