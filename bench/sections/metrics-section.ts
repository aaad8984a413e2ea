/** Section: a `/metrics` scrape at 10 000 jobs, over HTTP, against prom-client serialising as many plain samples. */
import type { MetricsOptions, MetricsResult } from '../children/metrics-child';
import { bytes, num, ratio, table } from '../harness/markdown';
import { runChildProcess } from '../harness/spawn-child';
import type { TargetCheck } from '../harness/targets';
import type { BenchContext, SectionReport } from './section';

const TARGET_MS = 50;

export async function metricsSection(context: BenchContext): Promise<SectionReport> {
  const options: MetricsOptions = {
    jobs: 10_000,
    runsPerJob: context.quick ? 2 : 3,
    scrapes: context.quick ? 10 : 25,
    busyRuns: 100,
  };
  context.log(`metrics: ${options.jobs} jobs, ${options.runsPerJob} runs each, ${options.scrapes} scrapes`);
  const outcome = await runChildProcess<MetricsResult>({
    script: context.scripts['metrics-child'],
    options,
    timeoutMs: 600_000,
  });
  if (!outcome.ok) {
    return {
      title: 'Metrics scrape',
      markdown: `The metrics child failed: ${outcome.why}`,
      targets: [
        {
          metric: 'GET /metrics, 10 000 jobs',
          target: `≤ ${TARGET_MS} ms`,
          cronbar: outcome.why,
          baseline: '-',
          ratio: '-',
          met: false,
        },
      ],
    };
  }
  const r = outcome.result;
  const markdown = [
    `${r.jobs.toLocaleString('en-US').replace(/,/g, ' ')} jobs with ${options.runsPerJob} finished runs each in SQLite, the daemon's real core and Fastify server; ` +
      `each scrape is a GET /metrics over loopback HTTP with the token (${num(r.samples, 0)} samples, ${bytes(r.bytes)}). The first scrape reads the whole history; ` +
      `later ones only what changed. "Idle": nothing happened between scrapes; "busy": ${r.busyRuns} runs of as many jobs ended before each scrape ` +
      '(written by another connection, as `cronbar run` does), spread over the whole file, so each per-job family but the next fires re-encodes the blocks holding those jobs. ' +
      'Each scrape is timed from the request to the last byte received; what a client does with the bytes afterwards is its own cost ' +
      `(joining and decoding them into one JavaScript string: p50 ${num(r.clientDecodeMs.p50)} ms more, not included). ` +
      'Floors, in the same process: prom-client serialising the same number of plain gauge samples, already set (no reads, no HTTP); and the transport, a bare node:http server sending the very bytes of the last scrape to the same client.',
    table(
      ['subject', 'first ms', 'p50 ms', 'p99 ms', 'max ms'],
      [
        [
          'Cronbar GET /metrics, idle',
          num(r.firstScrapeMs),
          num(r.scrapeMs.p50),
          num(r.scrapeMs.p99),
          num(r.scrapeMs.max),
        ],
        ['Cronbar GET /metrics, busy', '-', num(r.busyScrapeMs.p50), num(r.busyScrapeMs.p99), num(r.busyScrapeMs.max)],
        ['floor: prom-client, plain gauges', '-', num(r.floorMs.p50), num(r.floorMs.p99), num(r.floorMs.max)],
        [
          'floor: the same bytes from a bare node:http server',
          '-',
          num(r.transportMs.p50),
          num(r.transportMs.p99),
          num(r.transportMs.max),
        ],
      ],
    ),
    `Cronbar / prom-client floor (p50): idle ${ratio(r.scrapeMs.p50, r.floorMs.p50)}, busy ${ratio(r.busyScrapeMs.p50, r.floorMs.p50)}; Cronbar / transport floor: idle ${ratio(r.scrapeMs.p50, r.transportMs.p50)}, busy ${ratio(r.busyScrapeMs.p50, r.transportMs.p50)}. For scale, JSON.stringify(listJobs) for the same jobs took ${num(r.listJobsMs)} ms.`,
  ];
  // Judged on the busy scrape: a scheduler with 10 000 jobs has runs ending all the time.
  const target: TargetCheck = {
    metric: `GET /metrics, 10 000 jobs, ${r.busyRuns} runs ended since the last scrape (p50)`,
    target: `≤ ${TARGET_MS} ms`,
    cronbar: `${num(r.busyScrapeMs.p50)} ms (idle ${num(r.scrapeMs.p50)} ms)`,
    baseline: `prom-client floor ${num(r.floorMs.p50)} ms (transport ${num(r.transportMs.p50)} ms)`,
    ratio: ratio(r.busyScrapeMs.p50, r.floorMs.p50),
    met: r.busyScrapeMs.p50 <= TARGET_MS,
  };
  return { title: 'Metrics scrape', markdown: markdown.join('\n\n'), targets: [target] };
}
