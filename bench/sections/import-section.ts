/**
 * Import of a 10 000-line crontab (target ≤ 1 s): the path `cronbar import --dry-run` takes minus the disk — read
 * the lines, convert them, make ids, check the new jobs, append them through the comment-keeping edit. Writing adds
 * one validation of the whole file (writeJobsFile), shown on its own row.
 * Baselines in the same run: splitting the text into lines and fields (the floor of any crontab reader) and js-yaml
 * reading the YAML the import produced (the cost of merely loading its output once).
 */
import os from 'node:os';
import { load } from 'js-yaml';
import { appendJobs } from '../../electron/core/config/edit-jobs-file';
import { parseJobsText } from '../../electron/core/config/load-jobs-file';
import { convertImport, prepareImport } from '../../electron/core/convert/import/import-jobs';
import { planImport } from '../../electron/core/service/import-plan';
import { num, ratio, table } from '../harness/markdown';
import type { TargetCheck } from '../harness/targets';
import { DRY_RUN_LINES, PREVIEW_LINES, type LatenessDuring, dryRunMs, schedulerDuringPreview } from './import-lateness';
import type { BenchContext, SectionReport } from './section';

const LINES = 10_000;
const ENGINE_JOBS_TEXT = 'the real engine with 100 jobs on `* * * * * *` and a no-op runner, in this process';
const SCHEDULES = [
  '*/5 * * * *',
  '0 2 * * *',
  '30 6 * * 1-5',
  '0 0 1,15 * 5',
  '15 */4 * * *',
  '0 9-17 * * mon-fri',
  '@daily',
  '@hourly',
  '0 0 */2 * 5',
  '45 23 28-31 * *',
];
const COMMANDS = [
  '/usr/local/bin/backup.sh --full',
  'cd /srv/app && ./deploy.sh',
  'restic backup ~/ --tag nightly',
  'run-parts --report /etc/cron.daily',
  'mail -s "report" ops%see attached%',
  '/usr/bin/php /var/www/cron.php > /dev/null 2>&1',
];

/** A crontab of `lines` lines: every tenth a comment, every fiftieth a variable, the rest jobs. */
export function syntheticCrontab(lines: number): string {
  const out: string[] = [];
  for (let i = 0; out.length < lines; i++) {
    if (i % 50 === 0) out.push(`BATCH=${i}`);
    else if (i % 10 === 0) out.push(`# job group ${i}`);
    else out.push(`${SCHEDULES[i % SCHEDULES.length]} ${COMMANDS[i % COMMANDS.length]} --n ${i}`);
  }
  return `${out.join('\n')}\n`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Median wall time, and median CPU time of this process: on a machine shared with other work the wall time
 * includes waiting for a core, the CPU time does not.
 */
async function time<T>(runs: number, work: () => Promise<T> | T): Promise<{ ms: number; cpuMs: number; last: T }> {
  let last = await work(); // warm-up (JIT, caches)
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    last = await work();
    const used = process.cpuUsage(cpuStarted);
    wall.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
  }
  return { ms: median(wall), cpuMs: median(cpu), last };
}

export async function importSection(context: BenchContext): Promise<SectionReport> {
  const runs = context.quick ? 3 : 7;
  const text = syntheticCrontab(LINES);
  context.log(`import: a ${LINES}-line crontab, ${runs} runs each`);
  const input = { format: 'crontab' as const, files: [{ name: 'crontab', text }] };
  const cronbar = await time(runs, async () =>
    (await planImport(input, '', { fileName: 'jobs.yaml', now: Date.now() })).nextText(),
  );
  const jobCount = (load(cronbar.last) as { jobs: unknown[] }).jobs.length;
  // Where the time goes, stage by stage (each timed on its own).
  const options = { currentUser: 'bench', localZone: 'UTC' };
  const converted = await time(runs, () => convertImport('crontab', input.files, options));
  const prepared = await time(runs, () => prepareImport(converted.last, { takenIds: [] }));
  const rendered = await time(runs, () =>
    appendJobs(
      '',
      prepared.last.map((entry) => entry.job as Record<string, unknown>),
    ),
  );
  const validated = await time(runs, () => parseJobsText(rendered.last).ok);
  // Validation happens once, when the service writes the file (writeJobsFile checks the whole text first).
  const split = await time(runs, () => text.split('\n').map((line) => line.trim().split(/\s+/)).length);
  const yamlRead = await time(runs, () => (load(cronbar.last) as { jobs: unknown[] }).jobs.length);
  const rows = [
    [
      `Cronbar import (${jobCount} jobs: convert, ids, check them, append)`,
      num(cronbar.ms, 1),
      num(cronbar.cpuMs, 1),
      '1.00',
    ],
    ['— of which: read and convert the lines', num(converted.ms, 1), num(converted.cpuMs, 1), ''],
    ['— of which: make the ids', num(prepared.ms, 1), num(prepared.cpuMs, 1), ''],
    [
      '— of which: render and append the YAML (the comment-keeping edit)',
      num(rendered.ms, 1),
      num(rendered.cpuMs, 1),
      '',
    ],
    [
      'then, on write: the whole jobs file validated (writeJobsFile)',
      num(validated.ms, 1),
      num(validated.cpuMs, 1),
      ratio(validated.ms, cronbar.ms),
    ],
    [
      'baseline: split the text into lines and fields',
      num(split.ms, 1),
      num(split.cpuMs, 1),
      ratio(cronbar.ms, split.ms),
    ],
    [
      'baseline: js-yaml reads the imported YAML',
      num(yamlRead.ms, 1),
      num(yamlRead.cpuMs, 1),
      ratio(cronbar.ms, yamlRead.ms),
    ],
  ];
  context.log(
    `import: ${num(cronbar.ms, 1)} ms wall, ${num(cronbar.cpuMs, 1)} ms CPU (split ${num(split.ms, 1)} ms, js-yaml ${num(yamlRead.ms, 1)} ms)`,
  );

  context.log(`import: the engine's lateness during a ${PREVIEW_LINES}-line preview, and without one`);
  const during = await schedulerDuringPreview(context.quick ? 3000 : 5000);
  const latenessRow = (what: string, measured: LatenessDuring) => [
    what,
    num(measured.workMs, 1),
    num(measured.lateness.p50),
    num(measured.lateness.p99),
    num(measured.lateness.max),
    `${measured.missed} / ${measured.expected}`,
    ratio(measured.lateness.p99, during.quiet.lateness.p99),
  ];
  const latenessRows = [
    latenessRow('no preview (the same window, idle)', during.quiet),
    latenessRow(`preview of ${PREVIEW_LINES} lines as the service plans it (worker thread)`, during.offThread),
    latenessRow(`the same preview planned on the scheduler's thread (before)`, during.onThread),
  ];
  context.log(
    `import: p99 lateness ${num(during.quiet.lateness.p99)} ms idle, ${num(during.offThread.lateness.p99)} ms during the preview (${num(during.onThread.lateness.p99)} ms planned on the thread)`,
  );
  const dryRunRuns = context.quick ? 3 : 5;
  const dryRun = dryRunMs(syntheticCrontab(DRY_RUN_LINES), dryRunRuns);
  context.log(
    `import: cronbar import --dry-run of ${DRY_RUN_LINES} lines: ${num(dryRun.ms, 1)} ms (CPU ${num(dryRun.cpuMs, 1)} ms)`,
  );

  const latenessTarget: TargetCheck = {
    metric: `scheduler p99 lateness during a ${PREVIEW_LINES}-line import preview, against none`,
    target: '≤ 100 ms, none missed',
    cronbar: `${num(during.offThread.lateness.p99)} ms (${during.offThread.missed} missed)`,
    baseline: `${num(during.quiet.lateness.p99)} ms without a preview`,
    ratio: ratio(during.offThread.lateness.p99, during.quiet.lateness.p99),
    met: during.offThread.missed === 0 && during.offThread.lateness.p99 <= 100,
  };
  const dryRunTarget: TargetCheck = {
    metric: `cronbar import --dry-run of a ${DRY_RUN_LINES}-line crontab (the CLI, spawned)`,
    target: '≤ 2 s',
    cronbar: `${num(dryRun.ms, 1)} ms (CPU ${num(dryRun.cpuMs, 1)} ms)`,
    baseline: `${num(cronbar.ms, 1)} ms (the plan alone, in this process)`,
    ratio: ratio(dryRun.ms, cronbar.ms),
    met: dryRun.ms <= 2000,
  };
  const target: TargetCheck = {
    metric: `import of a ${LINES}-line crontab (what --dry-run does: convert, ids, check, append)`,
    target: '≤ 1 s',
    cronbar: `${num(cronbar.ms, 1)} ms (CPU ${num(cronbar.cpuMs, 1)} ms)`,
    baseline: `${num(yamlRead.ms, 1)} ms (js-yaml reads the result)`,
    ratio: ratio(cronbar.ms, yamlRead.ms),
    met: cronbar.ms <= 1000,
  };
  return {
    title: 'Import',
    markdown: [
      `A synthetic ${LINES}-line crontab (jobs from ${SCHEDULES.length} schedules and ${COMMANDS.length} commands, with comments and variables), ` +
        `imported in this process, median of ${runs} runs after a warm-up; load average at the end ${os
          .loadavg()
          .map((value) => value.toFixed(1))
          .join(' / ')}.`,
      table(['what', 'wall ms', 'CPU ms', 'Cronbar / this (wall)'], rows),
      `\`cronbar import crontab FILE --dry-run\` of the same crontab, the built CLI spawned (a plan, the preview's schedules ` +
        `in words and next fires, the YAML printed): median of ${dryRunRuns} runs after a warm-up, **${num(dryRun.ms, 1)} ms** wall, ${num(dryRun.cpuMs, 1)} ms CPU.`,
      `The scheduler while a ${PREVIEW_LINES}-line crontab (\`N * * * * echo N\`) is previewed: ${ENGINE_JOBS_TEXT}, lateness of every ` +
        'fire scheduled while the preview ran (ms; a fire the engine dropped counts as late until the preview ended); "ratio" is the p99 over the idle window\'s.',
      table(['while', 'preview ms', 'p50', 'p99', 'max', 'missed', 'p99 / idle p99'], latenessRows),
    ].join('\n\n'),
    targets: [target, latenessTarget, dryRunTarget],
  };
}
