/** Section 4: run history in SQLite, Cronbar's store against a bare SQLite table (the floor). */
import type { HistoryOptions, HistoryResult } from '../children/history-child';
import { bytes, num, ratio, table } from '../harness/markdown';
import { type ChildOutcome, runChildProcess } from '../harness/spawn-child';
import type { TargetCheck } from '../harness/targets';
import type { BenchContext, SectionReport } from './section';

const LABELS = { cronbar: "Cronbar's store", 'sqlite-floor': 'floor: bare SQLite table' } as const;

export async function historySection(context: BenchContext): Promise<SectionReport> {
  const plan = context.quick
    ? { rows: 100_000, singleInserts: 2000, queries: 100 }
    : { rows: 1_000_000, singleInserts: 20_000, queries: 500 };
  const outcomes = new Map<HistoryOptions['subject'], ChildOutcome<HistoryResult>>();
  for (const subject of ['cronbar', 'sqlite-floor'] as const) {
    context.log(`history: ${LABELS[subject]}, ${plan.rows} rows`);
    const options: HistoryOptions = {
      subject,
      rows: plan.rows,
      jobs: 1000,
      singleInserts: plan.singleInserts,
      queries: plan.queries,
    };
    outcomes.set(
      subject,
      await runChildProcess<HistoryResult>({ script: context.scripts['history-child'], options, timeoutMs: 240_000 }),
    );
  }
  const cronbar = outcomes.get('cronbar')!;
  const floor = outcomes.get('sqlite-floor')!;
  const perMillion = (r: HistoryResult) => (r.diskBytes / r.rows) * 1_000_000;
  const rows = (['cronbar', 'sqlite-floor'] as const).map((subject) => {
    const outcome = outcomes.get(subject)!;
    if (!outcome.ok) return [LABELS[subject], outcome.why, '', '', '', '', '', ''];
    const r = outcome.result;
    return [
      LABELS[subject],
      num(r.singleInsertsPerSecond),
      num(r.batchedInsertsPerSecond),
      num(r.jobPageMs.p50),
      num(r.jobPageMs.p99),
      num(r.allJobsPageMs.p50),
      num(r.allJobsPageMs.p99),
      bytes(perMillion(r)),
    ];
  });
  const markdown = [
    `${plan.rows.toLocaleString('en-US').replace(/,/g, ' ')} finished runs of 1 000 jobs, in a temporary file (WAL, synchronous=NORMAL for both). ` +
      `"One by one" = ${plan.singleInserts} inserts, each its own transaction (one run at a time); "batched" = the fill, 10 000 rows per transaction ` +
      '(what the engine does when many jobs fire in one tick). Pages: 50 newest rows of one job (a different job each time) and of all jobs, ' +
      `${plan.queries} times each. Disk = DB file + WAL after close, scaled to 1 000 000 rows.`,
    table(
      [
        'subject',
        'one by one /s',
        'batched /s',
        'job page p50 ms',
        'job page p99 ms',
        'all-jobs page p50 ms',
        'all-jobs page p99 ms',
        'disk per 1 M rows',
      ],
      rows,
    ),
  ];
  if (cronbar.ok && floor.ok) {
    markdown.push(
      `Cronbar / floor: one by one ${ratio(cronbar.result.singleInsertsPerSecond, floor.result.singleInsertsPerSecond)}, batched ${ratio(cronbar.result.batchedInsertsPerSecond, floor.result.batchedInsertsPerSecond)} ` +
        `(rates: above 1 is faster), job page p99 ${ratio(cronbar.result.jobPageMs.p99, floor.result.jobPageMs.p99)}, all-jobs page p99 ${ratio(cronbar.result.allJobsPageMs.p99, floor.result.allJobsPageMs.p99)}, ` +
        `disk ${ratio(perMillion(cronbar.result), perMillion(floor.result))}.`,
    );
  }
  const targets: TargetCheck[] = [];
  const worstPage = (r: HistoryResult) => Math.max(r.jobPageMs.p99, r.allJobsPageMs.p99);
  targets.push({
    metric: `history page (p99 of one-job and all-jobs pages), ${plan.rows.toLocaleString('en-US').replace(/,/g, ' ')} rows`,
    target: '≤ 2 ms',
    cronbar: cronbar.ok ? `${num(worstPage(cronbar.result))} ms` : cronbar.why,
    baseline: floor.ok ? `floor ${num(worstPage(floor.result))} ms` : '-',
    ratio: ratio(cronbar.ok ? worstPage(cronbar.result) : null, floor.ok ? worstPage(floor.result) : null),
    met: cronbar.ok ? worstPage(cronbar.result) <= 2 : false,
  });
  targets.push({
    metric: 'run records inserted per second, one transaction each',
    target: '≥ 20 000 /s',
    cronbar: cronbar.ok
      ? `${num(cronbar.result.singleInsertsPerSecond)} /s (batched ${num(cronbar.result.batchedInsertsPerSecond)} /s)`
      : cronbar.why,
    baseline: floor.ok ? `floor ${num(floor.result.singleInsertsPerSecond)} /s` : '-',
    ratio: ratio(
      cronbar.ok ? cronbar.result.singleInsertsPerSecond : null,
      floor.ok ? floor.result.singleInsertsPerSecond : null,
    ),
    met: cronbar.ok ? cronbar.result.singleInsertsPerSecond >= 20_000 : false,
  });
  return { title: 'History', markdown: markdown.join('\n\n'), targets };
}
