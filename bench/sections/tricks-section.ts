/**
 * Section `tricks`: each speed trick's headline figure with the trick and without it (its module swapped for the plain
 * code in bench/plain/ at bundling time), in this one invocation, rounds alternating so both see the same machine.
 * The verdict rule (bench/README.md, "Speed tricks"): keep a trick that moves its figure by ≥ 10 % or keeps a target
 * met.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AtRestOptions, AtRestResult } from '../children/at-rest-child';
import type { LatenessOptions, LatenessResult } from '../children/lateness-child';
import type { MetricsOptions, MetricsResult } from '../children/metrics-child';
import { buildChildren } from '../harness/build-children';
import { buildCliVariant } from '../harness/build-cli-variant';
import { bytes, num, table } from '../harness/markdown';
import { runChildProcess } from '../harness/spawn-child';
import { quantile } from '../harness/stats';
import type { BenchContext, SectionReport } from './section';

interface Variant {
  trick: string;
  /** The modules swapped for bench/plain/ stand-ins. */
  sources: string[];
}

/** Tricks whose figure is `cronbar list` start-up (target ≤ 2 × node -e 0). */
const CLI_TRICKS: Variant[] = [
  { trick: 'system-zone reader (config/system-zone.ts)', sources: ['electron/core/config/system-zone.ts'] },
  {
    trick: 'known fires + store (engine/known-fires.ts, service/known-fires-store.ts)',
    sources: ['electron/core/service/known-fires-store.ts'],
  },
  { trick: 'lazy config (service/lazy-config.ts)', sources: ['electron/core/service/lazy-config.ts'] },
  {
    trick: 'keyed settings (service/keyed-setting.ts: every reader cache)',
    sources: ['electron/core/service/keyed-setting.ts'],
  },
];

const median = (values: number[]) =>
  quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
const change = (withTrick: number, without: number) => `${(((without - withTrick) / withTrick) * 100).toFixed(0)} %`;

function timeOnce(args: readonly string[], env: NodeJS.ProcessEnv): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

/** Median over rounds of `without / with` in the same round, as a change: steadier than comparing two medians. */
function pairedChange(withMs: number[], withoutMs: number[]): string {
  const ratios = withoutMs.map((ms, round) => ms / withMs[round]!);
  return `${((median(ratios) - 1) * 100).toFixed(0)} %`;
}

async function cliTricks(context: BenchContext, root: string): Promise<string> {
  const rounds = context.quick ? 10 : 30;
  // A second copy of the "with" build: how far two identical builds differ here is the noise.
  const variants = [
    { trick: 'with every trick', sources: [] as string[] },
    { trick: 'none (the same build again: the noise)', sources: [] as string[] },
    ...CLI_TRICKS,
  ];
  context.log(`tricks: building ${variants.length} CLI variants`);
  const subjects = await Promise.all(
    variants.map(async (variant, index) => {
      const bin = await buildCliVariant(root, index === 0 ? 'with' : `without-${index}`, variant.sources);
      const home = mkdtempSync(path.join(os.tmpdir(), 'cronbar-bench-tricks-'));
      writeFileSync(
        path.join(home, 'jobs.yaml'),
        'jobs:\n  - id: nightly\n    cron: "30 2 * * *"\n    command: restic backup ~/\n',
      );
      return { ...variant, args: [bin, 'list'], env: { ...process.env, CRONBAR_HOME: home }, home, ms: [] as number[] };
    }),
  );
  const floor = { args: ['-e', '0'], env: process.env, ms: [] as number[] };
  // The first run makes the DB and its caches, as a user's first run does.
  for (const subject of subjects) timeOnce(subject.args, subject.env);
  context.log(`tricks: ${rounds} rounds of node -e 0 and cronbar list in ${subjects.length} builds`);
  const all = [floor, ...subjects];
  for (let round = 0; round < rounds; round++)
    for (let index = 0; index < all.length; index++) {
      const subject = all[(round + index) % all.length]!;
      subject.ms.push(timeOnce(subject.args, subject.env));
    }
  for (const subject of subjects) rmSync(subject.home, { recursive: true, force: true });
  const floorMs = median(floor.ms);
  const withTricks = subjects[0]!;
  const withMs = median(withTricks.ms);
  const rows = subjects.slice(1).map((subject) => {
    const ms = median(subject.ms);
    return [
      subject.trick,
      `${num(withMs)} ms (${num(withMs / floorMs)}×)`,
      `${num(ms)} ms (${num(ms / floorMs)}×)`,
      change(withMs, ms),
      pairedChange(withTricks.ms, subject.ms),
    ];
  });
  return [
    `\`cronbar list\` on a one-job file, p50 of ${rounds} rounds in turns (${all.length} processes a round, rotating), ` +
      `against \`node -e 0\` (p50 ${num(floorMs)} ms); target ≤ 2×. Each build its own data directory, made by one untimed run. ` +
      '"Paired": the median over rounds of without / with in the same round.',
    table(['trick', 'with (× node -e 0)', 'without', 'without / with (p50s)', 'paired'], rows),
  ].join('\n\n');
}

async function yamlTrick(context: BenchContext, root: string): Promise<string> {
  const rounds = context.quick ? 2 : 3;
  const jobs = context.quick ? 10_000 : 100_000;
  const plain = await buildChildren(root, {
    variant: 'plain-yaml',
    sources: ['electron/core/config/load-plain-yaml.ts'],
  });
  const options: AtRestOptions = {
    subject: 'cronbar',
    jobs,
    distinctExpressions: 100,
    idleSeconds: 0.1,
    settleMs: 100,
  };
  const results: Record<'with' | 'without', AtRestResult[]> = { with: [], without: [] };
  for (let round = 0; round < rounds; round++)
    for (const side of round % 2 === 0 ? (['with', 'without'] as const) : (['without', 'with'] as const)) {
      context.log(`tricks: second YAML parser, ${side}, ${jobs} jobs, round ${round + 1}`);
      const outcome = await runChildProcess<AtRestResult>({
        script: side === 'with' ? context.scripts['at-rest-child'] : plain['at-rest-child'],
        options,
        timeoutMs: 300_000,
      });
      if (!outcome.ok) throw new Error(`the at-rest child (${side}) failed: ${outcome.why}`);
      results[side].push(outcome.result);
    }
  const load = (side: 'with' | 'without') => median(results[side].map((result) => result.registerMs));
  const heap = (side: 'with' | 'without') => median(results[side].map((result) => result.heapBytesPerJob));
  return [
    `Load and schedule ${num(jobs, 0)} jobs (read, validate, open the store, start the engine) and the heap per job after it, ` +
      `median of ${rounds} children each way.`,
    table(
      ['trick', 'figure', 'with', 'without', 'without / with'],
      [
        [
          'second YAML parser (config/load-plain-yaml.ts)',
          'load time',
          `${num(load('with'))} ms`,
          `${num(load('without'))} ms`,
          change(load('with'), load('without')),
        ],
        [
          '',
          'heap per job (target ≤ 1 KiB)',
          bytes(heap('with')),
          bytes(heap('without')),
          change(heap('with'), heap('without')),
        ],
      ],
    ),
  ].join('\n\n');
}

/** Tricks whose figure is a /metrics scrape at 10 000 jobs (target ≤ 50 ms, busy p50). */
const METRICS_TRICKS: Variant[] = [
  {
    trick: 'hand-written metrics text (http/metrics/text-family.ts, text-registry.ts)',
    sources: ['electron/core/http/metrics/text-family.ts', 'electron/core/http/metrics/text-registry.ts'],
  },
];

async function metricsTricks(context: BenchContext, root: string): Promise<string> {
  const rounds = context.quick ? 2 : 3;
  const runs = [
    { trick: 'with every trick', script: context.scripts['metrics-child'], results: [] as MetricsResult[] },
    ...(await Promise.all(
      METRICS_TRICKS.map(async (variant, index) => ({
        trick: variant.trick,
        script: (await buildChildren(root, { variant: `plain-metrics-${index}`, sources: variant.sources }))[
          'metrics-child'
        ],
        results: [] as MetricsResult[],
      })),
    )),
  ];
  const options: MetricsOptions = { jobs: 10_000, runsPerJob: 2, scrapes: 10, busyRuns: 100 };
  for (let round = 0; round < rounds; round++)
    for (let index = 0; index < runs.length; index++) {
      const run = runs[(round + index) % runs.length]!;
      context.log(`tricks: metrics, ${run.trick}, round ${round + 1}`);
      const outcome = await runChildProcess<MetricsResult>({ script: run.script, options, timeoutMs: 600_000 });
      if (!outcome.ok) throw new Error(`the metrics child (${run.trick}) failed: ${outcome.why}`);
      run.results.push(outcome.result);
    }
  const busy = (results: MetricsResult[]) => median(results.map((result) => result.busyScrapeMs.p50));
  const idle = (results: MetricsResult[]) => median(results.map((result) => result.scrapeMs.p50));
  const cell = (results: MetricsResult[]) => `busy ${num(busy(results))} ms, idle ${num(idle(results))} ms`;
  const [withTricks, ...without] = runs;
  return [
    `GET /metrics at 10 000 jobs (target ≤ 50 ms, busy p50), median over ${rounds} children each way of each child's p50 ` +
      '(children in turns, rotating).',
    table(
      ['trick', 'with', 'without', 'without / with (busy)'],
      without.map((run) => [
        run.trick,
        cell(withTricks!.results),
        cell(run.results),
        change(busy(withTricks!.results), busy(run.results)),
      ]),
    ),
  ].join('\n\n');
}

/** Tricks whose figure is p99 lateness at 10 000 jobs a second (target ≤ 1.5 × the floor's in the same run). */
const ENGINE_TRICKS: Variant[] = [
  { trick: 'fire buckets (engine/fire-buckets.ts)', sources: ['electron/core/engine/fire-buckets.ts'] },
  { trick: 'finish rows (engine/finish-rows.ts)', sources: ['electron/core/engine/finish-rows.ts'] },
  { trick: 'struct-of-arrays start batch (engine/start-batch.ts)', sources: ['electron/core/engine/start-batch.ts'] },
];

async function engineTricks(context: BenchContext, root: string): Promise<string> {
  const rounds = context.quick ? 2 : 3;
  const windowSeconds = context.quick ? 5 : 10;
  const builds = [
    { trick: 'with every trick', scripts: context.scripts },
    ...(await Promise.all(
      ENGINE_TRICKS.map(async (variant, index) => ({
        trick: variant.trick,
        scripts: await buildChildren(root, { variant: `plain-engine-${index}`, sources: variant.sources }),
      })),
    )),
  ];
  const runs = [
    {
      trick: 'floor',
      subject: 'floor' as const,
      script: context.scripts['lateness-child'],
      results: [] as LatenessResult[],
    },
    ...builds.map((build) => ({
      trick: build.trick,
      subject: 'cronbar' as const,
      script: build.scripts['lateness-child'],
      results: [] as LatenessResult[],
    })),
  ];
  for (let round = 0; round < rounds; round++)
    for (let index = 0; index < runs.length; index++) {
      const run = runs[(round + index) % runs.length]!;
      context.log(`tricks: lateness at 10 000 jobs, ${run.trick}, round ${round + 1}`);
      const options: LatenessOptions = { subject: run.subject, jobs: 10_000, windowSeconds, graceMs: 500 };
      const outcome = await runChildProcess<LatenessResult>({ script: run.script, options, timeoutMs: 300_000 });
      if (!outcome.ok) throw new Error(`the lateness child (${run.trick}) failed: ${outcome.why}`);
      run.results.push(outcome.result);
    }
  const p99 = (results: LatenessResult[]) => median(results.map((result) => result.lateness.p99));
  const p50 = (results: LatenessResult[]) => median(results.map((result) => result.lateness.p50));
  const missed = (results: LatenessResult[]) => results.reduce((sum, result) => sum + result.missed, 0);
  const [floor, withTricks, ...without] = runs;
  const cell = (results: LatenessResult[]) =>
    `p99 ${num(p99(results))} ms (${num(p99(results) / p99(floor!.results))}× floor), p50 ${num(p50(results))} ms, ${missed(results)} missed`;
  return [
    `10 000 jobs on \`* * * * * *\`, ${windowSeconds} s windows, median over ${rounds} children of each child's p99 and p50 ` +
      `(processes in turns, rotating); the floor (one bare setTimeout) in the same rounds: p99 ${num(p99(floor!.results))} ms, ` +
      `p50 ${num(p50(floor!.results))} ms. Target: p99 ≤ 1.5 × the floor's.`,
    table(
      ['trick', 'with', 'without', 'without / with (p99)'],
      without.map((run) => [
        run.trick,
        cell(withTricks!.results),
        cell(run.results),
        change(p99(withTricks!.results), p99(run.results)),
      ]),
    ),
  ].join('\n\n');
}

export async function tricksSection(context: BenchContext, root: string): Promise<SectionReport> {
  // BENCH_TRICKS=cli,yaml,metrics,engine picks parts (re-running one figure); all by default.
  const picked = new Set((process.env.BENCH_TRICKS ?? 'cli,yaml,metrics,engine').split(','));
  const parts: string[] = [];
  if (picked.has('cli')) parts.push(await cliTricks(context, root));
  if (picked.has('yaml')) parts.push(await yamlTrick(context, root));
  if (picked.has('metrics')) parts.push(await metricsTricks(context, root));
  if (picked.has('engine')) parts.push(await engineTricks(context, root));
  return { title: 'Speed tricks, with and without', markdown: parts.join('\n\n'), targets: [] };
}
