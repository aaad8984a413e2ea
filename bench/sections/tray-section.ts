/**
 * Section: one desktop tray refresh at 1 000 jobs (what the app does on every service event), against the same
 * run's bare `listJobs` on the same service. Target: ≤ 5 ms per refresh (p50).
 */
import type { TrayRefreshOptions, TrayRefreshResult } from '../children/tray-refresh-child';
import { num, ratio, table } from '../harness/markdown';
import { runChildProcess } from '../harness/spawn-child';
import type { TargetCheck } from '../harness/targets';
import type { BenchContext, SectionReport } from './section';

export const TRAY_REFRESH_TARGET_MS = 5;

export async function traySection(context: BenchContext): Promise<SectionReport> {
  const options: TrayRefreshOptions = { jobs: 1_000, runsPerJob: 20, rounds: context.quick ? 10 : 30 };
  context.log(`tray: refresh at ${options.jobs} jobs, ${options.runsPerJob} runs each`);
  const outcome = await runChildProcess<TrayRefreshResult>({
    script: context.scripts['tray-refresh-child'],
    options,
    timeoutMs: 240_000,
  });
  const result = outcome.ok ? outcome.result : null;
  const row = (label: string, ms: TrayRefreshResult['refreshMs'] | undefined) =>
    ms
      ? [label, num(ms.min), num(ms.p50), num(ms.p99), num(ms.max)]
      : [label, outcome.ok ? '-' : outcome.why, '', '', ''];
  const markdown = [
    `The real service (openCronbar, scheduling, a no-op runner) on ${options.jobs} far-future jobs with ` +
      `${options.runsPerJob} finished runs each (every 7th job's newest failed), ${options.rounds} rounds of each, ` +
      'interleaved. A refresh is electron/app/tray-read.ts (the service reads and deriveTrayState) plus the template, ' +
      'tooltip, icon and the comparison with the menu shown: everything but Electron building the native menu, which ' +
      'happens only when the template changed.',
    table(
      ['what', 'min ms', 'p50 ms', 'p99 ms', 'max ms'],
      [row('tray refresh', result?.refreshMs), row('baseline: service.listJobs({})', result?.listJobsMs)],
    ),
  ].join('\n\n');
  const targets: TargetCheck[] = [
    {
      metric: `tray refresh at ${options.jobs} jobs (p50)`,
      target: `≤ ${TRAY_REFRESH_TARGET_MS} ms`,
      cronbar: result ? `${num(result.refreshMs.p50)} ms` : outcome.ok ? 'n/a' : outcome.why,
      baseline: result ? `listJobs ${num(result.listJobsMs.p50)} ms` : '-',
      ratio: ratio(result?.refreshMs.p50, result?.listJobsMs.p50),
      met: result ? result.refreshMs.p50 <= TRAY_REFRESH_TARGET_MS : null,
    },
  ];
  return { title: 'Desktop tray: one refresh at 1 000 jobs', markdown, targets };
}
