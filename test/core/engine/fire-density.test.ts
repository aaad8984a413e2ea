/**
 * The timeline's fire counts: every fire in the range, per job and bucket, checked against the engine's own k-way
 * merge of fires (`upcoming` without a cap), at 1 000 jobs over a week — where the window's 500-fire list stopped
 * after about an hour.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/core/engine/engine';
import { FireDensityInputSchema } from '../../../shared/api/timeline-methods';
import { FakeClock } from '../../helpers/fake-clock';
import { MemoryStore } from '../../helpers/memory-store';
import { FakeRunner, job } from './fake-runner';

const HOUR = 3_600_000;
const SCHEDULES = [
  { cron: '*/7 * * * *' },
  { cron: '17 */2 * * *' },
  { cron: '0 3 * * *' },
  { every: '90s' },
  { cron: '*/15 * * * *', jitter: '5m' },
  { every: '10m', jitter: '2m' },
  { cron: '30 9 * * 1-5' },
];

function engineWithThousandJobs() {
  const clock = new FakeClock('2026-03-02T10:20:30Z');
  const engine = new Engine({ store: new MemoryStore(), runner: new FakeRunner(), clock });
  engine.setJobs(
    Array.from({ length: 1000 }, (_, i) =>
      job({
        id: `job-${i}`,
        name: `Job ${i}`,
        ...SCHEDULES[i % SCHEDULES.length],
        tags: i % 3 === 0 ? ['nightly'] : [],
      }),
    ),
  );
  engine.start();
  return { engine, now: clock.now() };
}

/** Fire counts per job and bucket from the list of every fire, the way a direct count would get them. */
function directCounts(engine: Engine, from: number, to: number, bucketMs: number, tag?: string) {
  const counts = new Map<string, Map<number, number>>();
  for (const fire of engine.upcoming(Number.MAX_SAFE_INTEGER, from, to - 1)) {
    if (tag !== undefined && Number(fire.jobId.slice(4)) % 3 !== 0) continue;
    const perJob = counts.get(fire.jobId) ?? new Map<number, number>();
    counts.set(fire.jobId, perJob);
    const index = Math.floor((fire.at - from) / bucketMs);
    perJob.set(index, (perJob.get(index) ?? 0) + 1);
  }
  return counts;
}

function asMaps(density: ReturnType<Engine['fireDensity']>) {
  return new Map(
    density.jobs.map((entry) => {
      const perJob = new Map<number, number>();
      for (let i = 0; i < entry.buckets.length; i += 2) perJob.set(entry.buckets[i]!, entry.buckets[i + 1]!);
      return [entry.jobId, perJob];
    }),
  );
}

describe('fire density', () => {
  it('counts every fire of 1 000 jobs over a week, bucket by bucket, as the fire list has them', () => {
    const { engine, now } = engineWithThousandJobs();
    const query = { from: now, to: now + 7 * 24 * HOUR, bucketMs: 15 * 60_000 };
    const density = engine.fireDensity(query);
    const direct = directCounts(engine, query.from, query.to, query.bucketMs);
    const directTotal = [...direct.values()].reduce(
      (sum, perJob) => sum + [...perJob.values()].reduce((a, b) => a + b),
      0,
    );
    expect(directTotal).toBeGreaterThan(100_000);
    expect(density.total).toBe(directTotal);
    expect(density.jobs).toHaveLength(1000);
    expect(asMaps(density)).toEqual(direct);
    for (const entry of density.jobs) {
      let sum = 0;
      for (let i = 1; i < entry.buckets.length; i += 2) sum += entry.buckets[i]!;
      expect(sum).toBe(entry.total);
    }
  });

  it('keeps only the jobs with the tag asked for, and starts mid-bucket ranges at "from"', () => {
    const { engine, now } = engineWithThousandJobs();
    const query = { from: now - 3 * HOUR, to: now + 21 * HOUR, bucketMs: HOUR, tag: 'nightly' };
    const density = engine.fireDensity(query);
    expect(density.jobs.every((entry) => entry.tags.includes('nightly'))).toBe(true);
    expect(asMaps(density)).toEqual(directCounts(engine, query.from, query.to, query.bucketMs, 'nightly'));
  });

  it('counts nothing while every job is paused, since nothing will fire', () => {
    const { engine, now } = engineWithThousandJobs();
    engine.pauseAll(null);
    expect(engine.fireDensity({ from: now, to: now + HOUR, bucketMs: 60_000 })).toMatchObject({ total: 0, jobs: [] });
  });

  it('refuses a range that ends before it starts or holds too many buckets, naming the field', () => {
    const backwards = FireDensityInputSchema.safeParse({ from: 10 * HOUR, to: HOUR, bucketMs: 60_000 });
    expect(backwards.error?.issues[0]).toMatchObject({ path: ['to'], message: 'must be after from' });
    const tooFine = FireDensityInputSchema.safeParse({ from: 0, to: 7 * 24 * HOUR, bucketMs: 60_000 });
    expect(tooFine.error?.issues[0]?.path).toEqual(['bucketMs']);
  });
});
