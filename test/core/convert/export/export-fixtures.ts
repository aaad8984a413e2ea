/**
 * Shared by the export tests: a corpus of cron expressions in Cronbar's dialect (steps, ranges, lists, names, `L`,
 * `#`, `W`-free, seconds, years, DST zones), jobs built through the real schema, an export context, and Cronbar's own
 * next fires computed the way the engine does (ScheduleCalculator on the shared croner cache).
 */
import { JobSchema, type JobSpec, type RawJob, normalizeJob } from '../../../../shared/config/schema';
import { ScheduleCalculator } from '../../../../electron/core/engine/schedule-calculator';
import type { ExportContext } from '../../../../electron/core/convert/export/export-context';

export interface CorpusEntry {
  cron: string;
  zone: string;
}

const utc = (cron: string): CorpusEntry => ({ cron, zone: 'UTC' });

export const CORPUS: CorpusEntry[] = [
  ...[
    '* * * * *',
    '*/5 * * * *',
    '0 * * * *',
    '30 2 * * *',
    '0 9-17 * * 1-5',
    '15,45 8,20 * * *',
    '0 0 1 * *',
    '0 0 1 1 *',
    '0 12 * * sun',
    '0 0 * * 7',
    '0 6 * jan,jul *',
    '0 0 1,15 * 5',
    '0 0 */2 * 1',
    '0 0 L * *',
    '0 18 L * *',
    '0 10 * * 5#2',
    '0 10 * * 1#1',
    '0 10 * * 5L',
    '0 10 * * 5#L',
    '0 0 * * 1#1,5#3',
    '0 0 LW * *',
    '0 0 1,L * *',
    '*/15 * * * * *',
    '30 */10 * * * *',
    '0 0 12 * * mon-fri',
    '0 0 0 29 2 *',
    '0 0 31 * *',
    '0 0 0 1 1 * 2027-2030',
    '@daily',
    '@hourly',
    '@weekly',
    '@monthly',
    '@yearly',
    '0 0 1-7 * +1',
    '0 0 8-14 * +fri',
    '5 4 * * sun',
    '0 22 * * 1-5',
    '23 0-20/2 * * *',
    '0 0,12 1 */2 *',
    '0 4 8-14 * *',
    '0 0 1 1-12/3 *',
    '59 23 31 12 *',
    '0 0 ? * MON',
    '0 0 1 ? *',
    '0 0 * * 0-6/2',
    '10-20 * * * *',
    '0 0 * * 5-7',
    '0 30 9 * * sat,sun',
    '0 0 13 * 5',
    '0 12 L * 0',
    '0 8 * * 1#5',
  ].map(utc),
  ...[
    '30 2 * * *',
    '0 * * * *',
    '*/30 * * * *',
    '0 2 * * *',
    '30 2,3 * * 0',
    '0 3 * * *',
    '15 1-3 * * *',
    '0 10 * * 5#2',
  ].map((cron) => ({ cron, zone: 'Europe/Paris' })),
  ...['30 1 * * *', '30 2 * * *', '*/15 * * * *', '0 9 * * 1-5', '0 */2 * * *', '0 0 L * *'].map((cron) => ({
    cron,
    zone: 'America/New_York',
  })),
  ...['15 2 * * *', '45 1 * * *', '*/10 * * * *', '0 0 L * *'].map((cron) => ({ cron, zone: 'Australia/Lord_Howe' })),
  { cron: '0 0 0 * * *', zone: 'Asia/Tokyo' },
  { cron: '0 0 9 * * 1', zone: 'Asia/Kolkata' },
];

/**
 * Base times: a plain day, then a day or two before each of the zone's clock changes in 2026 (so the next 50 fires of
 * a daily or hourly job cross them). systemd computes a zoned calendar in a forked child per elapse, ~0.5 s per call
 * here, so each zone gets only the bases that matter to it.
 */
const PLAIN_DAY = '2026-01-15T10:17:23Z';
const ZONE_BASES: Record<string, string[]> = {
  UTC: [PLAIN_DAY, '2026-02-27T23:59:59Z', '2026-12-31T12:00:00Z'],
  'Europe/Paris': [PLAIN_DAY, '2026-03-27T12:00:00Z', '2026-10-24T12:00:00Z'],
  'America/New_York': [PLAIN_DAY, '2026-03-06T12:00:00Z', '2026-10-30T00:00:00Z'],
  'Australia/Lord_Howe': [PLAIN_DAY, '2026-04-03T14:00:00Z', '2026-10-02T14:00:00Z'],
};

export function basesFor(zone: string): Date[] {
  return (ZONE_BASES[zone] ?? [PLAIN_DAY]).map((text) => new Date(text));
}

/** A job as the jobs file would give it (through the real schema and defaults). */
export function job(raw: Partial<RawJob> & { id?: string }, zone = 'UTC'): JobSpec {
  const schedule = (raw.cron ?? raw.every ?? raw.at ?? raw.after) ? {} : { cron: '0 * * * *' };
  const action = (raw.command ?? raw.http ?? raw.builtin) ? {} : { command: 'true' };
  const parsed = JobSchema.parse(
    Object.fromEntries(
      Object.entries({ id: 'job', ...schedule, ...action, ...raw }).filter(([, value]) => value !== undefined),
    ),
  );
  return normalizeJob(parsed, {}, zone);
}

export function context(overrides: Partial<ExportContext> = {}): ExportContext {
  return {
    exec: 'native',
    cronbarArgv: ['/usr/bin/node', '/opt/cronbar/cronbar.cjs'],
    dataDir: '/home/ada/.config/Cronbar',
    image: 'busybox:1.36',
    now: Date.parse('2026-01-15T10:17:23Z'),
    localZone: 'UTC',
    home: '/home/ada',
    defaultShell: '/bin/sh',
    pausedIds: new Set(),
    keepRuns: null,
    ...overrides,
  };
}

const calculator = new ScheduleCalculator();

/** Cronbar's next `count` fires strictly after `base`, as the engine computes them. */
export function cronbarFires(cron: string, zone: string, count: number, base: Date): number[] {
  return calculator.nextFires(
    { schedule: { kind: 'cron', expr: cron }, timezone: zone, anchorAt: null },
    count,
    base.getTime() + 1,
  );
}

export const iso = (times: number[]): string[] => times.map((t) => new Date(t).toISOString());
