/**
 * Section: the CLI's start-up. `cronbar list` and `cronbar next` on a one-job file, and `cronbar pause` with a daemon
 * running (its own data directory), against `node -e 0` (the floor: Node starting and doing nothing), run in turns in
 * this one invocation so all see the same machine state. Wall time of the whole process as a user waits for it,
 * median of the rounds.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { num, ratio, table } from '../harness/markdown';
import { quantile } from '../harness/stats';
import type { TargetCheck } from '../harness/targets';
import type { BenchContext, SectionReport } from './section';

const BIN = path.resolve('bin/cronbar.cjs');
const SUBJECTS = {
  floor: ['-e', '0'],
  list: [BIN, 'list'],
  next: [BIN, 'next', 'nightly'],
  pause: [BIN, 'pause', 'nightly'],
} as const;
type Subject = keyof typeof SUBJECTS;

/** A `cronbar daemon` on its own data directory, resolved once it schedules. */
async function startDaemon(home: string): Promise<() => Promise<void>> {
  const child = spawn(process.execPath, [BIN, 'daemon'], {
    env: { ...process.env, CRONBAR_HOME: home },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('scheduling')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`cronbar daemon exited ${code}: ${log}`)));
  });
  return () =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
}

function timeOnce(args: readonly string[], env: NodeJS.ProcessEnv): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

export async function cliStartupSection(context: BenchContext): Promise<SectionReport> {
  const rounds = context.quick ? 10 : 30;
  context.log('cli start-up: building the CLI');
  const build = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the CLI build failed');
  const home = mkdtempSync(path.join(os.tmpdir(), 'cronbar-bench-cli-'));
  writeFileSync(
    path.join(home, 'jobs.yaml'),
    'jobs:\n  - id: nightly\n    cron: "30 2 * * *"\n    command: restic backup ~/\n',
  );
  const env = { ...process.env, CRONBAR_HOME: home };
  // `pause` beside a running daemon, in a directory of its own so the readers above never see a scheduler.
  const daemonHome = mkdtempSync(path.join(os.tmpdir(), 'cronbar-bench-cli-daemon-'));
  writeFileSync(path.join(daemonHome, 'jobs.yaml'), readFileSync(path.join(home, 'jobs.yaml')));
  const daemonEnv = { ...process.env, CRONBAR_HOME: daemonHome };
  const stopDaemon = await startDaemon(daemonHome);
  // The first run creates the DB and parses the file; a user's every later run finds both.
  const firstMs = timeOnce(SUBJECTS.list, env);
  const times: Record<Subject, number[]> = { floor: [], list: [], next: [], pause: [] };
  context.log(
    `cli start-up: ${rounds} rounds of node -e 0, cronbar list, cronbar next, cronbar pause (daemon running)`,
  );
  const order = Object.keys(SUBJECTS) as Subject[];
  try {
    for (let round = 0; round < rounds; round++) {
      // Rotate who goes first, so no subject always follows the same one.
      for (let index = 0; index < order.length; index++) {
        const subject = order[(round + index) % order.length]!;
        times[subject].push(timeOnce(SUBJECTS[subject], subject === 'pause' ? daemonEnv : env));
      }
    }
  } finally {
    await stopDaemon();
    rmSync(home, { recursive: true, force: true });
    rmSync(daemonHome, { recursive: true, force: true });
  }
  const stats = Object.fromEntries(
    order.map((subject) => {
      const sorted = [...times[subject]].sort((a, b) => a - b);
      return [subject, { p50: quantile(sorted, 0.5), p10: quantile(sorted, 0.1), p90: quantile(sorted, 0.9) }];
    }),
  ) as Record<Subject, { p50: number; p10: number; p90: number }>;
  const label: Record<Subject, string> = {
    floor: 'floor: node -e 0',
    list: 'cronbar list',
    next: 'cronbar next nightly',
    pause: 'cronbar pause nightly (daemon running)',
  };
  const rows = order.map((subject) => [
    label[subject],
    num(stats[subject].p50),
    num(stats[subject].p10),
    num(stats[subject].p90),
    subject === 'floor' ? '1' : ratio(stats[subject].p50, stats.floor.p50),
  ]);
  const markdown = [
    `Wall time of the whole process, ${rounds} rounds in turns, one-job file, data directory already made (the first \`cronbar list\`, ` +
      `which creates the DB and parses the file: ${num(firstMs)} ms). Later runs read the parsed jobs, their zone and the cron fires computed ` +
      'before from the DB, and load neither the YAML parsers, the schemas nor ICU; the runner loads only for `run` and `daemon`. ' +
      '`cronbar pause` asks the running daemon over its local socket.',
    table(['subject', 'p50 ms', 'p10 ms', 'p90 ms', 'p50 / floor'], rows),
  ].join('\n\n');
  const targets: TargetCheck[] = (['list', 'next'] as const).map((subject) => ({
    metric: `\`${label[subject]}\` start-up (p50 wall time)`,
    target: '≤ 2 × node -e 0',
    cronbar: `${num(stats[subject].p50)} ms`,
    baseline: `node -e 0 ${num(stats.floor.p50)} ms`,
    ratio: ratio(stats[subject].p50, stats.floor.p50),
    met: stats[subject].p50 <= 2 * stats.floor.p50,
  }));
  targets.push({
    metric: `\`${label.pause}\` (p50 wall time)`,
    target: '≤ 1.5 × node -e 0',
    cronbar: `${num(stats.pause.p50)} ms`,
    baseline: `node -e 0 ${num(stats.floor.p50)} ms`,
    ratio: ratio(stats.pause.p50, stats.floor.p50),
    met: stats.pause.p50 <= 1.5 * stats.floor.p50,
  });
  return { title: 'CLI start-up', markdown, targets };
}
