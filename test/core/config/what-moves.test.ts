import { describe, expect, it } from 'vitest';
import type { JobsConfig } from '../../../shared/config/schema';
import { parseJobsText } from '../../../electron/core/config/load-jobs-file';
import { whatMoves } from '../../../electron/core/config/what-moves';

const HOUR = 3_600_000;

function config(yaml: string): JobsConfig {
  const parsed = parseJobsText(yaml, { timezone: 'Europe/Paris' });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.config;
}

const nightly = (cron: string, extra = '') =>
  config(`jobs:\n  - id: backup\n    cron: "${cron}"\n    command: backup${extra}\n`);

describe('what moves', () => {
  it('says a nightly job moved from 02:00 to 14:00 is 12 h later, whatever the time of the change', () => {
    // 10:00 and 01:00 in Paris: one sees today's 14:00 before tomorrow's 02:00, the other not.
    for (const now of [Date.parse('2026-03-02T09:00:00Z'), Date.parse('2026-03-02T00:00:00Z')]) {
      const moves = whatMoves(nightly('0 2 * * *'), nightly('0 14 * * *'), { now });
      expect(moves.summary).toEqual({
        added: [],
        removed: [],
        changed: [{ id: 'backup', fields: ['cron'] }],
        sections: [],
      });
      const [job] = moves.jobs;
      expect(job).toMatchObject({ id: 'backup', change: 'changed', computed: true, shiftedByMs: 12 * HOUR });
      expect(job!.before!.count).toBe(7);
      expect(job!.after!.count).toBe(7);
      expect(new Date(job!.after!.fires[0]!).getUTCHours()).toBe(13); // 14:00 in Paris (winter)
      expect(job!.removed.count).toBe(7);
      // And back: 12 h earlier, not later.
      expect(whatMoves(nightly('0 14 * * *'), nightly('0 2 * * *'), { now }).jobs[0]!.shiftedByMs).toBe(-12 * HOUR);
    }
  });

  it('lists added and removed jobs with their fires, and a disabled job losing all of its fires', () => {
    const before = config(
      'jobs:\n  - id: a\n    cron: "0 * * * *"\n    command: x\n  - id: b\n    every: 1d\n    command: x\n  - id: c\n    cron: "0 3 * * *"\n    command: x\n',
    );
    const after = config(
      'jobs:\n  - id: a\n    cron: "0 * * * *"\n    command: x\n    enabled: false\n  - id: c\n    cron: "0 3 * * *"\n    command: x\n  - id: d\n    cron: "30 6 * * 1-5"\n    command: x\n',
    );
    const now = Date.parse('2026-06-01T00:00:00Z'); // a Monday
    const moves = whatMoves(before, after, { now });
    expect(moves.summary).toEqual({
      added: ['d'],
      removed: ['b'],
      changed: [{ id: 'a', fields: ['enabled'] }],
      sections: [],
    });
    const byId = new Map(moves.jobs.map((job) => [job.id, job]));
    // 168 hourly fires in the week, enumerated up to 100: "more than 100" go.
    expect(byId.get('a')).toMatchObject({ before: { exact: false }, after: { count: 0 }, added: { count: 0 } });
    expect(byId.get('a')!.before!.count).toBeGreaterThan(100);
    expect(byId.get('a')!.removed).toMatchObject({ count: 100, exact: false });
    expect(byId.get('d')).toMatchObject({ change: 'added', before: null, after: { count: 5, exact: true } });
    expect(byId.get('b')).toMatchObject({
      change: 'removed',
      before: { count: 7 },
      after: null,
      removed: { count: 7 },
    });
    expect(byId.has('c')).toBe(false);
  });

  it('names the fields of a change that moves nothing, without computing fires', () => {
    const moves = whatMoves(nightly('0 2 * * *'), nightly('0 2 * * *', '\n    timeout: 5m\n    env: { A: "1" }'), {
      now: Date.parse('2026-06-01T00:00:00Z'),
    });
    expect(moves.jobs).toEqual([
      expect.objectContaining({ id: 'backup', fields: ['timeout', 'env'], before: null, after: null, computed: true }),
    ]);
  });

  it('thins an every: schedule from hourly to every two hours: half the fires go, none come', () => {
    const every = (step: string) => config(`jobs:\n  - id: tick\n    every: ${step}\n    command: x\n`);
    const moves = whatMoves(every('1h'), every('2h'), { now: 0, anchorFor: () => 0 });
    // Counted as far as both sides were enumerated (100 hourly fires): 50 of them go.
    expect(moves.jobs[0]).toMatchObject({
      before: { count: 168, exact: true },
      after: { count: 84, exact: true },
      added: { count: 0 },
      removed: { count: 50, exact: false },
    });
    expect(moves.jobs[0]!.shiftedByMs).toBeNull();
  });

  it('names every changed job but stops computing fires past its budget', () => {
    const file = (hour: number) =>
      config(
        `jobs:\n${Array.from({ length: 50 }, (_, i) => `  - id: j${i}\n    cron: "${i} ${hour} * * *"\n    command: x\n`).join('')}`,
      );
    const moves = whatMoves(file(1), file(2), { now: 0, fireBudget: 80 });
    expect(moves.summary.changed).toHaveLength(50);
    const computed = moves.jobs.filter((job) => job.computed);
    expect(computed.length).toBeGreaterThan(0);
    expect(computed.length).toBeLessThan(50);
    expect(moves.jobs.find((job) => !job.computed)).toMatchObject({ before: null, after: null });
  });

  it('moves nothing when a side does not parse, and says which', () => {
    expect(whatMoves(nightly('0 2 * * *'), null, { now: 0 })).toMatchObject({ invalid: 'after', jobs: [] });
  });

  it('names a changed section beside the jobs', () => {
    const moves = whatMoves(config('concurrency: 2\njobs: []\n'), config('concurrency: 3\njobs: []\n'), { now: 0 });
    expect(moves.summary.sections).toEqual(['concurrency']);
  });
});
