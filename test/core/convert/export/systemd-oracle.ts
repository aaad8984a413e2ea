/**
 * Several OnCalendar= lines through one `systemd-analyze calendar` call (it takes many expressions and prints a block
 * for each), their elapses merged as systemd ORs the lines of a timer. Same command, base-time and UTC output as
 * test/helpers/systemd-calendar.ts, which answers for one expression.
 */
import { execFileSync } from 'node:child_process';

export function mergedElapses(expressions: string[], iterations: number, base: Date): number[] {
  if (expressions.length === 0) return [];
  const stamp = base
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  const output = execFileSync(
    'systemd-analyze',
    ['calendar', `--iterations=${iterations}`, `--base-time=${stamp}`, ...expressions],
    {
      encoding: 'utf8',
      env: { ...process.env, TZ: 'UTC', LC_ALL: 'C' },
    },
  );
  const all = new Set<number>();
  for (const line of output.split('\n')) {
    const match = /^\s*(?:Next elapse|Iter\. #\d+): \w{3} (\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) UTC$/.exec(line);
    if (match) all.add(Date.parse(`${match[1]!.replace(' ', 'T')}Z`));
  }
  return [...all].sort((a, b) => a - b).slice(0, iterations);
}
