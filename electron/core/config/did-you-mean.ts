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
    const distance = editDistance(lower, key.toLowerCase());
    if (best === null || distance < best.distance) best = { key, distance };
  }
  // One edit per three letters: `comand` → `command`, but `foo` does not become `env`.
  const allowed = Math.max(1, Math.floor(unknown.length / 3));
  return best !== null && best.distance <= allowed ? best.key : null;
}

/** Edit distance where swapping two neighbouring letters (`dealy` → `delay`) counts as one edit (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}
