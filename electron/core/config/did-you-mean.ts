/** Suggests the key an admin probably meant when a jobs file has an unknown key (`comand` → `command`). */

/** Words other schedulers use for our keys: a typo distance would not find these. */
const SYNONYMS: Record<string, string> = {
  schedule: 'cron',
  tz: 'timezone',
  cmd: 'command',
  run: 'command',
  environment: 'env',
  workdir: 'cwd',
  working_dir: 'cwd',
  dir: 'cwd',
  url: 'http',
  retries: 'retry',
  interval: 'every',
  disabled: 'enabled',
};

export function suggestKey(unknown: string, known: readonly string[]): string | null {
  const lower = unknown.toLowerCase();
  const synonym = SYNONYMS[lower];
  if (synonym && known.includes(synonym)) return synonym;
  let best: { key: string; distance: number } | null = null;
  for (const key of known) {
    const distance = levenshtein(lower, key.toLowerCase());
    if (best === null || distance < best.distance) best = { key, distance };
  }
  // One edit per three letters: `comand` → `command`, but `foo` does not become `env`.
  const allowed = Math.max(1, Math.floor(unknown.length / 3));
  return best !== null && best.distance <= allowed ? best.key : null;
}

export function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}
