/**
 * The oracle for calendar conversions: asks the real `systemd-analyze calendar` for the next elapses of an
 * `OnCalendar=` expression. Tests of the systemd import and export compare Cronbar's own fire times against this.
 * https://www.freedesktop.org/software/systemd/man/latest/systemd-analyze.html ("calendar EXPRESSION...")
 */
import { execFileSync } from 'node:child_process';

let available: boolean | undefined;

/** True when `systemd-analyze` can be run here (Debian's `systemd` package; .ci/run installs it). */
export function hasSystemdAnalyze(): boolean {
  if (available === undefined) {
    try {
      execFileSync('systemd-analyze', ['--version'], { stdio: 'ignore' });
      available = true;
    } catch {
      available = false;
    }
  }
  return available;
}

/**
 * The next `iterations` elapses of `expression` after `base` (exclusive, as systemd counts), in epoch ms.
 * TZ=UTC makes systemd print every elapse in UTC, whatever zone the expression names.
 */
export function systemdElapses(expression: string, iterations: number, base: Date): number[] {
  const stamp = base
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  const output = execFileSync(
    'systemd-analyze',
    ['calendar', `--iterations=${iterations}`, `--base-time=${stamp}`, expression],
    {
      encoding: 'utf8',
      env: { ...process.env, TZ: 'UTC', LC_ALL: 'C' },
    },
  );
  const elapses: number[] = [];
  for (const line of output.split('\n')) {
    const match = /^\s*(?:Next elapse|Iter\. #\d+): \w{3} (\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) UTC$/.exec(line);
    if (match) elapses.push(Date.parse(`${match[1]!.replace(' ', 'T')}Z`));
  }
  return elapses;
}

/** systemd's own normalized form of an expression (throws with systemd's message when it rejects it). */
export function systemdNormalized(expression: string): string {
  const output = execFileSync('systemd-analyze', ['calendar', expression], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC', LC_ALL: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const match = /Normalized form: (.+)$/m.exec(output);
  if (!match) throw new Error(`systemd-analyze printed no normalized form for ${expression}:\n${output}`);
  return match[1]!.trim();
}
