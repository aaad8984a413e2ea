/**
 * The jobs file history at 2 000 jobs, in this process (pure CPU plus one SQLite file): "what moves" for a one-job
 * edit, a 10 % edit and an edit that moves every job, beside the same run's baseline of parsing that file; and a save
 * (JobsFileHolder.write: validate, write, apply) with the history recording against the same save without it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseJobsText } from '../../electron/core/config/load-jobs-file';
import { whatMoves } from '../../electron/core/config/what-moves';
import { systemClock } from '../../electron/core/ports';
import { ConfigHistory } from '../../electron/core/service/config-history';
import { JobsFileHolder } from '../../electron/core/service/jobs-file-holder';
import { openStore } from '../../electron/core/store/open-store';
import type { JobsConfig } from '../../shared/config/schema';
import { num, ratio, table } from '../harness/markdown';
import type { TargetCheck } from '../harness/targets';
import type { BenchContext, SectionReport } from './section';

const COUNT = 2000;
const ZONES = ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Tokyo'];

/** A realistic mix: daily and weekly times spread over the day, steps, business hours; `shift` moves chosen jobs 1 h. */
function jobsText(moved: (i: number) => boolean, zone = 'UTC'): string {
  const lines = [`defaults:\n  timezone: ${zone}\njobs:`];
  for (let i = 0; i < COUNT; i++) {
    const hour = (i % 23) + (moved(i) ? 1 : 0);
    const cron = [
      `${i % 60} ${hour} * * *`,
      `*/${[5, 10, 15, 30][i % 4]} * * * *`,
      `${i % 60} 9-17 * * 1-5`,
      `${i % 60} ${hour} * * ${i % 7}`,
    ][i % 4];
    lines.push(
      `  - id: job-${i}\n    cron: "${cron}"\n    timezone: ${ZONES[i % 4]}\n    command: "backup --set ${i}"`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function parsed(text: string): JobsConfig {
  const result = parseJobsText(text, { timezone: 'UTC' });
  if (!result.ok) throw new Error(JSON.stringify(result.issues[0]));
  return result.config;
}

function cpuMs(work: () => unknown): number {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function saveTimes(withHistory: boolean, rounds: number): Promise<number[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-bench-config-'));
  const configPath = path.join(dir, 'jobs.yaml');
  const texts = [jobsText(() => false), jobsText((i) => i === 7)];
  fs.writeFileSync(configPath, texts[0]!);
  const dbPath = path.join(dir, 'cronbar.db');
  const store = openStore(dbPath);
  const history = withHistory
    ? new ConfigHistory({ dbPath, clock: systemClock, store, fileName: 'jobs.yaml', log: () => {} })
    : null;
  const holder = new JobsFileHolder({
    configPath,
    store,
    keepLastGood: false,
    readerCache: null,
    log: () => {},
    history,
  });
  await holder.load();
  await history?.ready();
  history?.observe(holder.readText());
  const times: number[] = [];
  for (let round = 0; round < rounds + 1; round++) {
    const text = texts[(round + 1) % 2]!;
    const started = performance.now();
    await holder.write(text, undefined, 'cli');
    if (round > 0) times.push(performance.now() - started); // the first save warms the JIT
  }
  holder.close();
  history?.close();
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return times;
}

export async function configHistorySection(bench: BenchContext): Promise<SectionReport> {
  const runs = bench.quick ? 3 : 7;
  const base = jobsText(() => false);
  const baseline = median(Array.from({ length: runs }, () => cpuMs(() => parseJobsText(base, { timezone: 'UTC' }))));
  bench.log(`config history: baseline parse of ${COUNT} jobs ${num(baseline)} ms CPU`);
  const before = parsed(base);
  const cases: Array<[string, JobsConfig]> = [
    ['one job moved 1 h', parsed(jobsText((i) => i === 7))],
    ['every 10th job edited (the 100 with an hour move 1 h)', parsed(jobsText((i) => i % 10 === 0))],
    [
      'every job moved (defaults: timezone changed)',
      parsed(jobsText(() => false, 'Europe/Paris').replace(/\n {4}timezone: [^\n]+/g, '')),
    ],
  ];
  const rows: string[][] = [];
  const targets: TargetCheck[] = [];
  let now = Date.parse('2026-06-01T00:00:00Z');
  for (const [name, after] of cases) {
    // A new "now" per pass: croner answers afresh, not from the calculator's memo of the last pass.
    let result = whatMoves(before, after, { now: (now += 60_000) });
    const times = Array.from({ length: runs }, () =>
      cpuMs(() => (result = whatMoves(before, after, { now: (now += 60_000) }))),
    );
    const cpu = median(times);
    const computed = result.jobs.filter((job) => job.computed).length;
    bench.log(`config history: what moves, ${name}: ${num(cpu)} ms CPU, ${computed}/${result.jobs.length} computed`);
    rows.push([name, num(cpu), `${num(baseline)}`, ratio(cpu, baseline), `${result.jobs.length}`, `${computed}`]);
    targets.push({
      metric: `"what moves" at ${COUNT} jobs, ${name} (CPU)`,
      target: '≤ 200 ms',
      cronbar: `${num(cpu)} ms CPU`,
      baseline: `parse ${num(baseline)} ms CPU`,
      ratio: ratio(cpu, baseline),
      met: cpu <= 200,
    });
  }
  const rounds = bench.quick ? 6 : 20;
  const plain = median(await saveTimes(false, rounds));
  const recorded = median(await saveTimes(true, rounds));
  bench.log(`config history: save ${num(plain)} ms without history, ${num(recorded)} ms with`);
  targets.push({
    metric: `a save of the ${COUNT}-job file with the history recording (wall, median of ${rounds})`,
    target: '≤ 1.5× the same save without it',
    cronbar: `${num(recorded)} ms`,
    baseline: `${num(plain)} ms without history`,
    ratio: ratio(recorded, plain),
    met: recorded <= plain * 1.5,
  });
  const markdown = [
    `${COUNT} jobs (daily, step, business-hours and weekly crons in 4 zones). "What moves" compares two resolved configs and enumerates each moved job's fires over 7 days with the engine's calculator (a bounded number of croner steps: past it, jobs are named without fires); median CPU of ${runs}, each pass at a new time so croner computes afresh. Baseline: parsing the same file, same run.`,
    table(['edit', 'what moves CPU ms', 'parse CPU ms', 'ratio', 'jobs changed', 'with fires'], rows),
    `Save (\`JobsFileHolder.write\`: validate, write atomically, apply; a one-job edit each time, alternating), median wall ms of ${rounds}: ${num(plain)} without history, ${num(recorded)} with it (both texts, summary and what moves in SQLite).`,
  ];
  return { title: 'Jobs file history', markdown: markdown.join('\n\n'), targets };
}
