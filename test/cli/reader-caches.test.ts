/**
 * What a read-only command keeps for the next one (the parsed jobs, the zone, the cron fires it computed) must never
 * show a user something stale: a changed zone, an edit of the same length, a new day.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cronbar, tempHome } from './cli-helpers';

const homes: string[] = [];
afterEach(() => {
  for (const home of homes.splice(0)) fs.rmSync(home, { recursive: true, force: true });
});

function homeWith(jobs: string): string {
  const home = tempHome();
  homes.push(home);
  fs.writeFileSync(path.join(home, 'jobs.yaml'), jobs);
  return home;
}

const NIGHTLY = 'jobs:\n  - id: nightly\n    cron: "30 2 * * *"\n    command: "true"\n';

describe('the reader caches', () => {
  it("follow a change of the machine's zone: the same job fires at 02:30 in each zone, at different instants", async () => {
    const home = homeWith(NIGHTLY);
    const inZone = async (tz: string) => {
      const text = await cronbar(['next', 'nightly'], { home, env: { TZ: tz } });
      const json = await cronbar(['next', 'nightly', '--json'], { home, env: { TZ: tz } });
      expect(text.code, text.stderr).toBe(0);
      return { text: text.stdout, json: JSON.parse(json.stdout) as { timezone: string; fires: string[] } };
    };
    const york = await inZone('America/New_York');
    const yorkAgain = await inZone('America/New_York');
    const tokyo = await inZone('Asia/Tokyo');
    expect(york.json.timezone).toBe('America/New_York');
    expect(tokyo.json.timezone).toBe('Asia/Tokyo');
    expect(yorkAgain).toEqual(york);
    for (const run of [york, tokyo]) {
      expect(run.text).toContain(`(At 02:30), ${run.json.timezone}`);
      expect(run.text).toMatch(/^ {2}\d{4}-\d{2}-\d{2} 02:30:00 {2}in /m);
    }
    expect(tokyo.json.fires[0]).not.toBe(york.json.fires[0]);
  });

  it("see an edit that keeps the file's length, and the fires of the new schedule", async () => {
    const home = homeWith(NIGHTLY);
    const before = await cronbar(['list'], { home, env: { TZ: 'UTC' } });
    expect(before.stdout).toContain('30 2 * * *');
    fs.writeFileSync(path.join(home, 'jobs.yaml'), NIGHTLY.replace('30 2', '45 3'));
    const after = await cronbar(['list'], { home, env: { TZ: 'UTC' } });
    expect(after.stdout).toContain('45 3 * * *');
    expect(after.stdout).toMatch(/\b03:45\b/);
    const next = await cronbar(['next', 'nightly', '--json'], { home, env: { TZ: 'UTC' } });
    expect(
      (JSON.parse(next.stdout) as { fires: string[] }).fires.every((fire) => fire.endsWith('T03:45:00.000Z')),
    ).toBe(true);
  });
});
