/**
 * `npm run bench`: every section, every subject in its own child process, one after the other so they never share
 * the CPU, then bench/RESULTS.md. `--quick` runs a one-minute subset and writes bench/tmp/RESULTS-quick.md instead.
 * `--only=lateness,idle,history,flood,cli,metrics,monitor,renderer,export,import,tray,notify,tricks,config,events,timeline` picks sections (idle also
 * gives scale) and writes bench/tmp/RESULTS-<sections>.md; --quick leaves out the renderer and the tricks.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildChildren } from './harness/build-children';
import { table } from './harness/markdown';
import type { TargetCheck } from './harness/targets';
import { atRestSections } from './sections/at-rest-section';
import { eventsSection } from './sections/events-section';
import { exportSection } from './sections/export-section';
import { configHistorySection } from './sections/config-history-section';
import { cliStartupSection } from './sections/cli-startup-section';
import { historySection } from './sections/history-section';
import { importSection } from './sections/import-section';
import { latenessSection } from './sections/lateness-section';
import { metricsSection } from './sections/metrics-section';
import { monitorSection } from './sections/monitor-section';
import { outputFloodSection } from './sections/output-flood-section';
import { rendererSection } from './sections/renderer-section';
import { traySection } from './sections/tray-section';
import { notifySection } from './sections/notify-section';
import { timelineSection } from './sections/timeline-section';
import { tricksSection } from './sections/tricks-section';
import type { BenchContext, SectionReport } from './sections/section';

const SECTIONS = [
  'lateness',
  'idle',
  'history',
  'flood',
  'cli',
  'metrics',
  'monitor',
  'renderer',
  'export',
  'import',
  'tray',
  'notify',
  'tricks',
  'config',
  'events',
  'timeline',
] as const;
type SectionName = (typeof SECTIONS)[number];

function parseArgs(argv: string[]): { quick: boolean; only: Set<SectionName>; partial: boolean } {
  const quick = argv.includes('--quick');
  // The renderer's Chromium run alone takes half a minute, the tricks' with-and-without runs several minutes: the
  // quick subset leaves them out unless asked for.
  let only = new Set<SectionName>(
    quick ? SECTIONS.filter((name) => name !== 'renderer' && name !== 'tricks') : SECTIONS,
  );
  let partial = false;
  for (const arg of argv) {
    if (arg === '--quick') continue;
    if (arg.startsWith('--only=')) {
      const names = arg.slice('--only='.length).split(',');
      const unknown = names.filter((name) => !(SECTIONS as readonly string[]).includes(name));
      if (unknown.length > 0)
        throw new Error(`--only: unknown section ${unknown.join(', ')} (sections: ${SECTIONS.join(', ')})`);
      only = new Set(names as SectionName[]);
      partial = true;
    } else throw new Error(`unknown argument ${JSON.stringify(arg)} (use --quick and/or --only=${SECTIONS.join(',')})`);
  }
  return { quick, only, partial };
}

function machine(): string {
  const cpus = os.cpus();
  const load = os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');
  return `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}; load average ${load} (1 / 5 / 15 min)`;
}

function targetsTable(checks: TargetCheck[]): string {
  const verdict = (met: boolean | null) => (met === null ? 'n/a' : met ? 'met' : '**missed**');
  return table(
    ['metric', 'target', 'Cronbar', 'baseline', 'Cronbar / baseline', 'verdict'],
    checks.map((check) => [check.metric, check.target, check.cronbar, check.baseline, check.ratio, verdict(check.met)]),
  );
}

async function main(): Promise<void> {
  const { quick, only, partial } = parseArgs(process.argv.slice(2));
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  process.chdir(root);
  const started = new Date();
  const startedAt = performance.now();
  const machineAtStart = machine();
  const log = (line: string) =>
    console.log(`[${((performance.now() - startedAt) / 1000).toFixed(0).padStart(4)} s] ${line}`);
  log(`building the children (${quick ? 'quick' : 'full'} run)`);
  const context: BenchContext = { quick, scripts: await buildChildren(root), log };

  const reports: SectionReport[] = [];
  if (only.has('lateness')) reports.push(await latenessSection(context));
  if (only.has('idle')) reports.push(...(await atRestSections(context)));
  if (only.has('history')) reports.push(await historySection(context));
  if (only.has('flood')) reports.push(await outputFloodSection(context));
  if (only.has('export')) reports.push(await exportSection(context));
  if (only.has('metrics')) reports.push(await metricsSection(context));
  if (only.has('monitor')) reports.push(await monitorSection(context));
  if (only.has('cli')) reports.push(await cliStartupSection(context));
  if (only.has('import')) reports.push(await importSection(context));
  if (only.has('tray')) reports.push(await traySection(context));
  if (only.has('config')) reports.push(await configHistorySection(context));
  if (only.has('notify')) reports.push(await notifySection(context));
  if (only.has('events')) reports.push(await eventsSection(context));
  if (only.has('timeline')) reports.push(await timelineSection(context, root));
  if (only.has('tricks')) reports.push(await tricksSection(context, root));
  if (only.has('renderer')) {
    const renderer = await rendererSection(context, root);
    if (renderer) reports.push(renderer);
  }
  const seconds = (performance.now() - startedAt) / 1000;

  const document = [
    `# Cronbar benchmarks${quick ? ' (quick subset)' : ''}`,
    `Generated by \`npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\` on ${started.toISOString()} in ${seconds.toFixed(0)} s. ` +
      'Every subject ran in its own Node process, one at a time, in this one invocation, so the figures compare as ratios on the same machine state. ' +
      "Figures vary from run to run (this machine's two cores are shared with other work); compare ratios more than absolutes. " +
      'How each figure is counted, and why the missed targets are missed: [README.md](README.md).',
    `Machine at start: ${machineAtStart}.  \nAt the end: load average ${os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(' / ')}.`,
    '## Targets',
    targetsTable(reports.flatMap((report) => report.targets)),
    ...reports.flatMap((report) => [`## ${report.title}`, report.markdown]),
  ].join('\n\n');
  // Only a full run replaces RESULTS.md: a subset would drop the other sections' figures from it.
  const suffix = [quick ? 'quick' : '', partial ? [...only].join('-') : ''].filter(Boolean).join('-');
  const out = suffix === '' ? join(root, 'bench/RESULTS.md') : join(root, `bench/tmp/RESULTS-${suffix}.md`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${document}\n`);
  log(`wrote ${out}`);
  console.log(`\n${targetsTable(reports.flatMap((report) => report.targets))}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
