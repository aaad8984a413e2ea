/**
 * Export of 10 000 jobs to each target (`cronbar export`'s conversion, without the file writes), against a baseline
 * measured in the same run: YAML-stringifying the same 10 000 jobs with the `yaml` package (what printing them back
 * as a jobs file costs). In this process, not a child: the work is pure CPU and allocation; the first pass of each
 * target is cold (fresh caches, as one `cronbar export` is) and is the figure checked against the target.
 */
import { stringify } from 'yaml';
import { JobsFileSchema, type RawJobsFile, normalizeJobsFile } from '../../shared/config/schema';
import type { ExportContext, ExportTargetName } from '../../electron/core/convert/export/export-context';
import { exportJobs } from '../../electron/core/convert/export/export-jobs';
import { num, ratio, table } from '../harness/markdown';
import type { TargetCheck } from '../harness/targets';
import type { BenchContext, SectionReport } from './section';

const ZONES = ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Tokyo'];
const TARGETS: ExportTargetName[] = ['systemd', 'crontab', 'launchd', 'kubernetes'];

/** A mix like a real jobs file: daily and weekly times spread over the day, steps, business hours, `L` and `#`. */
function rawJobs(count: number): RawJobsFile {
  const patterns = [
    (i: number) => `${i % 60} ${i % 24} * * *`,
    (i: number) => `*/${[5, 10, 15, 30][i % 4]} * * * *`,
    (i: number) => `${i % 60} 9-17 * * 1-5`,
    (i: number) => `0 ${i % 24} 1 * *`,
    (i: number) => `${i % 60} ${i % 24} * * ${i % 7}`,
    () => '0 0 L * *',
    () => '0 10 * * 5#2',
  ];
  const jobs = Array.from({ length: count }, (_, i) => ({
    id: `job-${i}`,
    name: `Job number ${i}`,
    cron: patterns[i % patterns.length]!(Math.floor(i / patterns.length)),
    timezone: ZONES[i % ZONES.length],
    command: `backup --set ${i} --to /mnt/nas/${i % 17}`,
    ...(i % 5 === 0 ? { env: { SET: String(i) }, retry: { attempts: 2 } } : {}),
    ...(i % 7 === 0 ? { overlap: 'queue' as const, jitter: '30s' } : {}),
  }));
  return { jobs };
}

function context(now: number): ExportContext {
  return {
    exec: 'native',
    cronbarArgv: [process.execPath, '/opt/cronbar/cronbar.cjs'],
    dataDir: '/home/bench/.config/Cronbar',
    configPath: null,
    image: 'busybox:1.36',
    now,
    localZone: 'UTC',
    home: '/home/bench',
    defaultShell: '/bin/sh',
    pausedIds: new Set(),
    keepRuns: null,
  };
}

function timeMs(work: () => unknown): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function exportSection(bench: BenchContext): Promise<SectionReport> {
  const count = 10_000;
  const warmRuns = bench.quick ? 2 : 5;
  const raw = rawJobs(count);
  const jobs = normalizeJobsFile(JobsFileSchema.parse(raw), 'UTC').jobs;
  const baseline = median(Array.from({ length: warmRuns }, () => timeMs(() => stringify(raw))));
  bench.log(`export: baseline YAML stringify of ${count} jobs ${num(baseline)} ms`);
  const day = 86_400_000;
  const start = Date.parse('2026-06-01T00:00:00Z');
  const rows: string[][] = [];
  const targets: TargetCheck[] = [];
  TARGETS.forEach((target, t) => {
    // A different export day per pass: the DST scan and corrections are computed again, not read from the last pass.
    let result = exportJobs(target, jobs, context(start + t * 100 * day));
    const cold = timeMs(() => (result = exportJobs(target, jobs, context(start + (t * 100 + 1) * day))));
    const warm = median(Array.from({ length: warmRuns }, (_, k) => timeMs(() => exportJobs(target, jobs, context(start + (t * 100 + 2 + k) * day)))));
    bench.log(`export: ${target} ${num(cold)} ms (warm ${num(warm)} ms), ${result.exported.length} exported, ${result.refused.length} refused`);
    rows.push([target, num(cold), num(warm), num(baseline), ratio(cold, baseline), String(result.files.length), String(result.refused.length)]);
    targets.push({
      metric: `export of ${count.toLocaleString('en-US').replace(/,/g, ' ')} jobs to ${target}`,
      target: '≤ 1 s',
      cronbar: `${num(cold)} ms`,
      baseline: `YAML stringify ${num(baseline)} ms`,
      ratio: ratio(cold, baseline),
      met: cold <= 1000,
    });
  });
  const markdown = [
    `${count.toLocaleString('en-US').replace(/,/g, ' ')} jobs (7 schedule shapes with spread times, 4 zones of which 2 with DST, env, retries, queue overlap) ` +
      'converted by `exportJobs` into the files `cronbar export` writes. "first pass" is the first export on a new export day (the DST scan of ' +
      `each zone and the per-schedule corrections computed afresh); "warm" the median of ${warmRuns} more. Baseline: \`yaml\` stringify of the same jobs, median of ${warmRuns}.`,
    table(['target', 'first pass ms', 'warm ms', 'baseline ms', 'first pass / baseline', 'files', 'refused'], rows),
  ];
  // Keeps the export honest about what it refused in this mix (L and # have no crontab, launchd or Kubernetes form).
  return { title: 'Export', markdown: markdown.join('\n\n'), targets };
}
