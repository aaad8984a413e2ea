/** `cronbar pause` reads ends in words and echoes what it understood; words it cannot read are a usage error. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cronbar, tempHome } from './cli-helpers';

function home(): string {
  const dir = tempHome();
  fs.writeFileSync(path.join(dir, 'jobs.yaml'), 'jobs:\n  - id: tick\n    every: 1h\n    command: echo tick\n');
  return dir;
}

describe('cronbar pause in words', () => {
  it('--until "tomorrow 08:00" pauses until then and says the day and time back', async () => {
    const dir = home();
    const result = await cronbar(['pause', '--all', '--until', 'tomorrow 08:00', '--json'], { home: dir });
    expect(result.code, result.stderr).toBe(0);
    const until = new Date((JSON.parse(result.stdout) as { until: string }).until);
    const expected = new Date();
    expected.setDate(expected.getDate() + 1);
    expected.setHours(8, 0, 0, 0);
    expect(until.getTime()).toBe(expected.getTime());

    const text = await cronbar(['pause', 'tick', '--until', 'tomorrow 08:00'], { home: dir });
    const weekday = expected.toLocaleDateString('en-US', { weekday: 'short' });
    expect(text.stdout).toMatch(new RegExp(`^paused tick until ${weekday} \\d{4}-\\d\\d-\\d\\d 08:00; `));
  });

  it('--for "2 hours" and --for 2h are the same; bad words change nothing and exit 2 naming the option', async () => {
    const dir = home();
    const words = await cronbar(['pause', 'tick', '--for', '2 hours', '--json'], { home: dir });
    expect(words.code, words.stderr).toBe(0);
    const until = Date.parse((JSON.parse(words.stdout) as { until: string }).until);
    expect(Math.abs(until - (Date.now() + 7_200_000))).toBeLessThan(30_000);

    const resumed = await cronbar(['resume', 'tick'], { home: dir });
    expect(resumed.code).toBe(0);
    const bad = await cronbar(['pause', 'tick', '--until', 'tomorrow-ish'], { home: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--until takes a time such as 18:00, "tomorrow 08:00"');
    const list = await cronbar(['list', '--json'], { home: dir });
    expect((JSON.parse(list.stdout) as Array<{ id: string; paused: boolean }>)[0]).toMatchObject({ paused: false });
  });
});
