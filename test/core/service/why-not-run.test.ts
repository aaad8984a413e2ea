/**
 * "Why did it not run at …?" on a fortnight of seeded history (test/fixtures/window): a night asleep 00:40 → 05:34
 * whose fires ran as catch-ups, plus decision rows of the kinds the engine writes (overlap, pause, missed).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch, type Implementation } from '../../../shared/api/dispatch';
import { openCronbar } from '../../../electron/core/service/open-cronbar';
import { resolveAskedTime } from '../../../electron/core/service/why-not-run';
import type { CronbarService } from '../../../electron/core/service/types';
import { openStore } from '../../../electron/core/store/open-store';
import { realisticJobsYaml, seedRealisticHistory } from '../../fixtures/window/seed-realistic-history';
import { FakeClock } from '../../helpers/fake-clock';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Local wall time (the jobs have no `timezone:`, so the machine's zone, as the seed places them). */
const local = (year: number, month: number, day: number, hour: number, minute = 0, second = 0) =>
  new Date(year, month - 1, day, hour, minute, second).getTime();
const NOW = local(2026, 12, 7, 12, 0);

function seededDir(extraRows: (store: ReturnType<typeof openStore>) => void = () => {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-why-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, 'jobs.yaml'), realisticJobsYaml());
  seedRealisticHistory(path.join(dir, 'cronbar.db'), NOW);
  const store = openStore(path.join(dir, 'cronbar.db'));
  try {
    extraRows(store);
  } finally {
    store.close();
  }
  return dir;
}

async function open(dir: string): Promise<CronbarService> {
  const service = await openCronbar({ dataDir: dir, schedule: false, runs: false, clock: new FakeClock(NOW) });
  cleanups.push(async () => void (await service.shutdown({ graceMs: 0 })));
  return service;
}

function decided(
  jobId: string,
  status: 'skipped' | 'missed',
  scheduledFor: number,
  reason: string,
  createdAt = scheduledFor,
) {
  return {
    jobId,
    trigger: 'schedule' as const,
    status,
    scheduledFor,
    createdAt,
    startedAt: null,
    finishedAt: null,
    reason,
  };
}

describe('why a job did or did not run at a time', () => {
  it('a fire during the night asleep: the recorded sleep, and the catch-up run (and its retry) that stood for it', async () => {
    const service = await open(seededDir());
    const why = await service.whyNotRun({ id: 'restic-home', at: '2026-12-07T02:00' });
    expect(why.verdict).toBe('caught-up');
    expect(why.fireAt).toBe(local(2026, 12, 7, 2));
    expect(why.downtime).toMatchObject({
      kind: 'suspend',
      from: local(2026, 12, 7, 0, 40),
      to: local(2026, 12, 7, 5, 34),
    });
    expect(why.answer).toContain('the machine was asleep from 2026-12-07 00:40 to 2026-12-07 05:34');
    expect(why.answer).toContain('It ran as a catch-up at 2026-12-07 05:34:02');
    // The answer follows the retry chain to its end: the retry failed too.
    expect(why.answer).toMatch(/failed after 1 retry: exited with code 1/);
    expect(why.run).toMatchObject({ trigger: 'retry', attempt: 2, status: 'failed' });
  });

  it('"02:00" means the latest 02:00 that has passed, in the job\'s zone', async () => {
    const service = await open(seededDir());
    const why = await service.whyNotRun({ id: 'restic-home', at: '02:00' });
    expect(why.fireAt).toBe(local(2026, 12, 7, 2));
    expect(why.verdict).toBe('caught-up');
  });

  it('a job with two fires in the night: one catch-up run for the later stood for both', async () => {
    const service = await open(seededDir());
    const why = await service.whyNotRun({ id: 'wiki-mirror', at: local(2026, 12, 7, 2) });
    expect(why.verdict).toBe('caught-up');
    expect(why.run).toMatchObject({ trigger: 'catch-up', scheduledFor: local(2026, 12, 7, 4) });
    expect(why.answer).toContain('One catch-up run at 2026-12-07 05:34:02 stood for the fires missed');
  });

  it('a night awake: it ran, and how it ended', async () => {
    const service = await open(seededDir());
    const why = await service.whyNotRun({ id: 'restic-home', at: '2026-12-06 02:00' });
    expect(why.verdict).toBe('ran');
    expect(why.run).toMatchObject({ status: 'succeeded', scheduledFor: local(2026, 12, 6, 2) });
    expect(why.answer).toMatch(/^restic-home ran for 2026-12-06 02:00 \(run \d+\) and succeeded in \d+ min/);
  });

  it('a time the schedule has no fire at: says so, with the fires around it', async () => {
    const service = await open(seededDir());
    const why = await service.whyNotRun({ id: 'restic-home', at: '2026-12-07T02:30' });
    expect(why.verdict).toBe('not-a-fire');
    expect(why.fireAt).toBeNull();
    expect(why.previousFire).toBe(local(2026, 12, 7, 2));
    expect(why.nextFire).toBe(local(2026, 12, 8, 2));
    expect(why.answer).toContain('its schedule (cron 0 2 * * *) has no fire then');
  });

  it('a fire still to come, then the same fire once the job is paused past it', async () => {
    const service = await open(seededDir());
    expect((await service.whyNotRun({ id: 'restic-home', at: '2026-12-08T02:00' })).verdict).toBe('not-due-yet');
    await service.pauseJob({ id: 'restic-home', until: local(2026, 12, 8, 12) });
    const why = await service.whyNotRun({ id: 'restic-home', at: '2026-12-08T02:00' });
    expect(why.verdict).toBe('paused');
    expect(why.answer).toContain('is paused until 2026-12-08 12:00: its fire at 2026-12-08 02:00 will be skipped');
  });

  it('decision rows: skipped by overlap, one row standing for the fires of a pause, missed outside the window', async () => {
    const dir = seededDir((store) => {
      const [first] = [store.reserveRunIds(4)];
      store.insertRuns([
        {
          id: first! + 3,
          ...decided('pg-dump', 'skipped', local(2026, 11, 21, 1, 30), 'paused (all)', local(2026, 11, 21, 9)),
        },
        {
          id: first!,
          ...decided(
            'pg-dump',
            'skipped',
            local(2026, 11, 19, 1, 30),
            'paused: stands for 3 fires',
            local(2026, 11, 19, 9),
          ),
        },
        {
          id: first! + 1,
          ...decided('pg-dump', 'skipped', local(2026, 11, 20, 1, 30), 'overlap: still running (run 7)'),
        },
        {
          id: first! + 2,
          ...decided(
            'rotate-logs-2',
            'missed',
            local(2026, 11, 21, 0, 15),
            'missed by 30 h: outside the 24h catch-up window',
            local(2026, 11, 22, 6, 15),
          ),
        },
      ]);
    });
    const service = await open(dir);
    const overlap = await service.whyNotRun({ id: 'pg-dump', at: '2026-11-20T01:30' });
    expect(overlap.verdict).toBe('overlap');
    expect(overlap.answer).toContain('its previous run was still going');
    const paused = await service.whyNotRun({ id: 'pg-dump', at: '2026-11-17T01:30' });
    expect(paused.verdict).toBe('paused');
    expect(paused.run?.reason).toBe('paused: stands for 3 fires');
    expect(paused.answer).toContain('the job was paused; recorded 2026-11-19 09:00');
    const pausedAll = await service.whyNotRun({ id: 'pg-dump', at: '2026-11-21T01:30' });
    expect(pausedAll.verdict).toBe('paused');
    expect(pausedAll.answer).toContain('every job was paused (pause all)');
    const missed = await service.whyNotRun({ id: 'rotate-logs-2', at: '2026-11-21 00:15' });
    expect(missed.verdict).toBe('missed');
    expect(missed.answer).toContain('outside the 24h catch-up window');
  });

  it('before any scheduler ran: says when the first one started', async () => {
    const service = await open(seededDir());
    const why = await service.whyNotRun({ id: 'restic-home', at: '2026-11-20T02:00' });
    expect(why.verdict).toBe('no-scheduler');
    expect(why.answer).toContain('the first scheduler start recorded is 2026-11-23 12:00');
  });

  it('a disabled job, and a time that is no time, refused naming the field', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-why-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    fs.writeFileSync(
      path.join(dir, 'jobs.yaml'),
      'jobs:\n  - id: off\n    enabled: false\n    cron: "0 3 * * *"\n    command: "true"\n',
    );
    const service = await open(dir);
    const why = await service.whyNotRun({ id: 'off', at: '2026-12-06T03:00' });
    expect(why.verdict).toBe('disabled');
    expect(why.answer).toContain('it is disabled in the jobs file (enabled: false)');

    const refused = await dispatch(service as unknown as Implementation, 'whyNotRun', {
      id: 'off',
      at: 'yesterday-ish',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(!refused.ok && refused.error.message).toMatch(/^at: "yesterday-ish" is not a time/);
  });
});

describe('the time asked', () => {
  const now = Date.parse('2026-12-07T12:00:00Z');
  it('takes epoch ms, an ISO time with Z or an offset, a wall time in the zone, or HH:MM as the latest one passed', () => {
    expect(resolveAskedTime(1_000, 'Europe/Paris', now)).toBe(1_000);
    expect(resolveAskedTime('2026-12-07T02:00Z', 'Europe/Paris', now)).toBe(Date.parse('2026-12-07T02:00:00Z'));
    expect(resolveAskedTime('2026-12-07T02:00+05:00', 'Europe/Paris', now)).toBe(Date.parse('2026-12-06T21:00:00Z'));
    expect(resolveAskedTime('2026-12-07 02:00', 'Europe/Paris', now)).toBe(Date.parse('2026-12-07T01:00:00Z'));
    // 12:00 UTC is 13:00 in Paris: 02:00 today has passed, 14:00 today has not (so yesterday's).
    expect(resolveAskedTime('02:00', 'Europe/Paris', now)).toBe(Date.parse('2026-12-07T01:00:00Z'));
    expect(resolveAskedTime('14:00', 'Europe/Paris', now)).toBe(Date.parse('2026-12-06T13:00:00Z'));
    expect(() => resolveAskedTime('25:00', 'Europe/Paris', now)).toThrow(/^at: "25:00" is not a time/);
  });
});
