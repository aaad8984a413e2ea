/**
 * `cronbar backfill`, spawned as a user runs it with no scheduler: this process runs the slots and waits for them.
 * The job appends its CRONBAR_SCHEDULED_AT to a file, so the file says which slots really ran, and how often.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Daemon, LiveCli, cronbar, tempHome } from './cli-helpers';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const HOUR = 3_600_000;
// Three days around the end of summer time in Paris (2026-10-25, 03:00 CEST → 02:00 CET at 01:00Z).
const FROM = Date.UTC(2026, 9, 24, 0, 0);
const TO = Date.UTC(2026, 9, 26, 23, 0);

function home(command = 'echo "$CRONBAR_SCHEDULED_AT" >> "$SLOTS"'): { home: string; slots: string } {
  const dir = tempHome();
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const slots = path.join(dir, 'slots.txt');
  fs.writeFileSync(
    path.join(dir, 'jobs.yaml'),
    `jobs:\n  - id: hourly\n    cron: "0 * * * *"\n    timezone: Europe/Paris\n    env:\n      SLOTS: ${JSON.stringify(slots)}\n    command: ${JSON.stringify(command)}\n`,
  );
  return { home: dir, slots };
}

const iso = (ms: number) => new Date(ms).toISOString();
const range = ['--from', iso(FROM), '--to', iso(TO)];
/** Waits (polling the file the job writes, no fixed sleep) until the first slot's run has started. */
async function firstSlotRan(file: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (ranSlots(file).length === 0) {
    if (Date.now() > deadline) throw new Error('the first slot never ran');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const ranSlots = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n') : []);

describe('cronbar backfill', () => {
  it('lists the slots of a dry run in the job zone, with the DST-affected ones, and runs nothing', async () => {
    const { home: dir, slots } = home();
    const shown = await cronbar(['backfill', 'hourly', ...range, '--dry-run'], { home: dir });
    expect(shown.stderr).toBe('');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toBe(
      [
        'hourly: 72 slots from 2026-10-24 02:00 to 2026-10-27 00:00 (Europe/Paris)',
        'DST-affected (2)          2026-10-25 02:00 +02:00',
        '                          2026-10-25 02:00 +01:00',
        'dry run: nothing started; would run 72',
        '',
      ].join('\n'),
    );
    for (const line of shown.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    const json = JSON.parse(
      (await cronbar(['backfill', 'hourly', ...range, '--dry-run', '--json'], { home: dir })).stdout,
    );
    expect(json).toMatchObject({ count: 72, first: FROM, last: TO, runs: [], dryRun: true });
    expect(json.slots.map((slot: { at: number }) => slot.at)).toEqual(
      Array.from({ length: 72 }, (_, i) => FROM + i * HOUR),
    );
    expect(
      json.slots.filter((slot: { dstAffected: boolean }) => slot.dstAffected).map((slot: { at: number }) => slot.at),
    ).toEqual([Date.UTC(2026, 9, 25, 0), Date.UTC(2026, 9, 25, 1)]);
    expect(ranSlots(slots)).toEqual([]);
    const history = JSON.parse((await cronbar(['history', 'hourly', '--json'], { home: dir })).stdout);
    expect(history).toEqual([]);
  }, 30_000);

  it('runs the 72 slots of three days with their CRONBAR_SCHEDULED_AT, skipping those that already succeeded', async () => {
    const { home: dir, slots } = home();
    // First a partial backfill of the first six hours, one after another: these succeed and are skipped below.
    const first = await cronbar(['backfill', 'hourly', '--from', iso(FROM), '--to', iso(FROM + 5 * HOUR)], {
      home: dir,
    });
    expect(first.stdout).toContain('ran 6: 6 succeeded');
    expect(first.code).toBe(0);
    const shown = await cronbar(['backfill', 'hourly', ...range, '--dry-run', '--json'], { home: dir });
    const flagged = JSON.parse(shown.stdout).slots.filter(
      (slot: { alreadySucceeded: boolean }) => slot.alreadySucceeded,
    );
    expect(flagged.map((slot: { at: number }) => slot.at)).toEqual(
      Array.from({ length: 6 }, (_, i) => FROM + i * HOUR),
    );

    const all = await cronbar(['backfill', 'hourly', ...range, '--overlap', 'parallel', '--max-parallel', '8'], {
      home: dir,
      timeoutMs: 60_000,
    });
    expect(all.stderr).toBe('');
    expect(all.stdout).toContain('ran 66: 66 succeeded, skipped 6 already succeeded');
    expect(all.code).toBe(0);
    // Every slot exactly once, as the ISO time the job was scheduled for.
    const expected = Array.from({ length: 72 }, (_, i) => iso(FROM + i * HOUR));
    expect(ranSlots(slots).sort()).toEqual(expected);
    const history = JSON.parse(
      (await cronbar(['history', 'hourly', '--limit', '100', '--json'], { home: dir })).stdout,
    );
    expect(history).toHaveLength(72);
    for (const run of history) expect(run).toMatchObject({ trigger: 'backfill', status: 'succeeded' });
    expect(history.map((run: { scheduledFor: number }) => iso(run.scheduledFor)).sort()).toEqual(expected);

    // --rerun runs the succeeded ones again.
    const again = await cronbar(['backfill', 'hourly', '--from', iso(FROM), '--to', iso(FROM + HOUR), '--rerun'], {
      home: dir,
    });
    expect(again.stdout).toContain('ran 2: 2 succeeded');
    expect(ranSlots(slots)).toHaveLength(74);
  }, 90_000);

  it('refuses a range of more slots than --max, running nothing', async () => {
    const { home: dir, slots } = home();
    const refused = await cronbar(['backfill', 'hourly', ...range, '--max', '50'], { home: dir });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('backfill of hourly: the range holds more than 50 slots, more than max 50');
    expect(ranSlots(slots)).toEqual([]);
    const history = JSON.parse((await cronbar(['history', 'hourly', '--json'], { home: dir })).stdout);
    expect(history).toEqual([]);
  }, 30_000);

  it('reaches back before an every: job was first scheduled, on its own grid', async () => {
    const dir = tempHome();
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    fs.writeFileSync(path.join(dir, 'jobs.yaml'), 'jobs:\n  - id: often\n    every: 1m\n    command: "true"\n');
    const refused = await cronbar(['backfill', 'often', '--from', '30d', '--to', 'now', '--dry-run'], { home: dir });
    expect(refused.stderr).toMatch(/backfill of often: the range holds 4320\d slots, more than max 1000/);
    const listed = await cronbar(['backfill', 'often', '--from', '10m', '--to', 'now', '--dry-run', '--json'], {
      home: dir,
    });
    const slots = JSON.parse(listed.stdout).slots.map((slot: { at: number }) => slot.at);
    expect(slots.length).toBeGreaterThanOrEqual(9);
    for (let i = 1; i < slots.length; i++) expect(slots[i] - slots[i - 1]).toBe(60_000);
  }, 30_000);

  it('is one unit: stopping it (cronbar cancel on its run) cancels the slots still waiting', async () => {
    const { home: dir, slots } = home('echo "$CRONBAR_SCHEDULED_AT" >> "$SLOTS"; sleep 30');
    const live = new LiveCli(['backfill', 'hourly', ...range], { home: dir });
    cleanups.push(async () => {
      if (live.child.exitCode === null) live.child.kill('SIGKILL');
    });
    // The first slot runs (overlap queue: one at a time); the other 71 wait for it.
    await firstSlotRan(slots);
    const running = JSON.parse((await cronbar(['history', 'hourly', '--json'], { home: dir })).stdout);
    expect(running).toHaveLength(1);
    const cancelled = await cronbar(['cancel', String(running[0].id)], { home: dir });
    expect(cancelled.code).toBe(0);
    const exit = await live.exited;
    expect(exit.code).toBe(1);
    const history = JSON.parse((await cronbar(['history', 'hourly', '--json'], { home: dir })).stdout);
    expect(history).toHaveLength(1);
    expect(history[0].status).toBe('interrupted');
    expect(ranSlots(slots)).toEqual([iso(FROM)]);
  }, 60_000);

  it('with a daemon running, the daemon takes it; cancelling its running run cancels the slots still waiting', async () => {
    const { home: dir, slots } = home('echo "$CRONBAR_SCHEDULED_AT" >> "$SLOTS"; sleep 30');
    const daemon = new Daemon(dir);
    cleanups.push(async () => void (await daemon.stop('SIGKILL')));
    await daemon.waitFor(/scheduling 1 jobs/, 15_000);
    const taken = await cronbar(['backfill', 'hourly', ...range, '--json'], { home: dir });
    expect(taken.code).toBe(0);
    const result = JSON.parse(taken.stdout);
    expect(result).toMatchObject({ scheduler: true, count: 72, skipped: [] });
    expect(result.by).toMatch(/^the daemon \(pid \d+\)$/);
    expect(result.runs).toHaveLength(1);
    expect(result.pending).toHaveLength(71);
    const runId = result.runs[0].runId as number;
    await firstSlotRan(slots);
    expect((await cronbar(['cancel', String(runId)], { home: dir })).code).toBe(0);
    await daemon.waitFor(new RegExp(`run ${runId} hourly interrupted`), 15_000);
    const history = JSON.parse((await cronbar(['history', 'hourly', '--json'], { home: dir })).stdout);
    expect(history.map((run: { id: number; status: string }) => [run.id, run.status])).toEqual([
      [runId, 'interrupted'],
    ]);
    expect(ranSlots(slots)).toEqual([iso(FROM)]);
  }, 60_000);
});
