/**
 * `/metrics` at scale: a real core (SQLite, engine) with N jobs that each have finished runs, scraped through the
 * real Fastify server over loopback HTTP, against the floor: prom-client serialising the same number of plain gauge
 * samples, set once (no reads, no HTTP), and the transport floor: a bare node:http server sending the very bytes of the
 * last scrape over the same loopback client, both measured in this same process.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { Gauge, Registry } from 'prom-client';
import { startApiServer } from '../../electron/core/http/api-server';
import { readOrCreateToken } from '../../electron/core/http/api-token';
import type { NewRun } from '../../electron/core/ports';
import { openCronbar } from '../../electron/core/service/open-cronbar';
import { openStore } from '../../electron/core/store/open-store';
import { childOptions, reportPhase, runChild } from '../harness/child-protocol';
import { spread } from '../harness/stats';

export interface MetricsOptions {
  jobs: number;
  /** Finished runs per job in the history. */
  runsPerJob: number;
  scrapes: number;
  /** Runs that end between two busy scrapes. */
  busyRuns: number;
}

export interface MetricsResult {
  jobs: number;
  samples: number;
  bytes: number;
  /** The first scrape, which reads the whole history. */
  firstScrapeMs: number;
  /** Nothing changed between scrapes. */
  scrapeMs: ReturnType<typeof spread>;
  /** Between scrapes, `busyRuns` runs of as many jobs ended (written by another connection, like `cronbar run`). */
  busyScrapeMs: ReturnType<typeof spread>;
  busyRuns: number;
  /** What a client adds after the last byte if it joins the chunks and decodes them into one string (not timed above). */
  clientDecodeMs: ReturnType<typeof spread>;
  floorMs: ReturnType<typeof spread>;
  /** GET of the same bytes from a bare node:http server (what HTTP on loopback costs for this much text). */
  transportMs: ReturnType<typeof spread>;
  /** JSON.stringify(listJobs) over the API, for scale: what a client polling the job list would cost instead. */
  listJobsMs: number;
}

/**
 * The body as it arrived, in the socket's chunks. Timed up to the last byte, as a scraper waits for it: what a client
 * then does with the bytes (here, joining and decoding 4 MiB into one string, ~20 ms of its own) is its cost, not the
 * server's, so the decoding happens outside the timing.
 */
function get(port: number, path: string, token: string): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, headers: { authorization: `Bearer ${token}` } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          response.statusCode === 200 ? resolve(chunks) : reject(new Error(`GET ${path}: ${response.statusCode}`)),
        );
      })
      .on('error', reject);
  });
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

async function main(): Promise<MetricsResult> {
  const options = childOptions<MetricsOptions>();
  const dir = mkdtempSync(join(os.tmpdir(), 'cronbar-bench-metrics-'));
  try {
    reportPhase('seed');
    const lines = ['jobs:'];
    for (let index = 0; index < options.jobs; index++)
      lines.push(`  - id: job-${index}`, `    cron: "${index % 60} ${index % 24} * * *"`, '    command: "true"');
    writeFileSync(join(dir, 'jobs.yaml'), `${lines.join('\n')}\n`);
    const store = openStore(join(dir, 'cronbar.db'));
    const now = Date.now();
    const runs: NewRun[] = [];
    for (let index = 0; index < options.jobs; index++) {
      for (let run = 0; run < options.runsPerJob; run++) {
        const startedAt = now - (options.runsPerJob - run) * 60_000;
        runs.push({
          jobId: `job-${index}`,
          trigger: 'schedule',
          status: (index + run) % 7 === 0 ? 'failed' : 'succeeded',
          scheduledFor: startedAt,
          createdAt: startedAt,
          startedAt,
          finishedAt: startedAt + (index % 50) * 100,
        });
      }
    }
    for (let offset = 0; offset < runs.length; offset += 10_000) store.insertRuns(runs.slice(offset, offset + 10_000));
    store.close();

    reportPhase('open');
    const service = await openCronbar({ dataDir: dir, schedule: true });
    const server = await startApiServer({
      service,
      listen: { host: '127.0.0.1', port: 0 },
      kind: 'bench',
      version: 'bench',
    });
    const token = readOrCreateToken(dir);

    reportPhase('scrape');
    let body: Buffer[] = [];
    const firstScrapeMs = await time(async () => (body = await get(server.port, '/metrics', token)));
    const scrapeMs: number[] = [];
    for (let index = 0; index < options.scrapes; index++)
      scrapeMs.push(await time(async () => (body = await get(server.port, '/metrics', token))));
    reportPhase('busy');
    const writer = openStore(join(dir, 'cronbar.db'));
    const busyScrapeMs: number[] = [];
    const clientDecodeMs: number[] = [];
    for (let index = 0; index < options.scrapes; index++) {
      const at = Date.now();
      writer.insertRuns(
        Array.from({ length: options.busyRuns }, (_, offset): NewRun => {
          // Spread over the whole jobs file (a stride coprime with the job count), as runs of one minute's fires are:
          // neighbours in the file would flatter the per-block caching of the text families.
          const job = ((index * options.busyRuns + offset) * 7919) % options.jobs;
          return {
            jobId: `job-${job}`,
            trigger: 'manual',
            status: offset % 5 === 0 ? 'failed' : 'succeeded',
            scheduledFor: null,
            createdAt: at,
            startedAt: at,
            finishedAt: at + 10,
          };
        }),
      );
      busyScrapeMs.push(await time(async () => (body = await get(server.port, '/metrics', token))));
      const chunks = body;
      clientDecodeMs.push(await time(async () => Buffer.concat(chunks).toString('utf8')));
    }
    writer.close();
    reportPhase('listJobs');
    const text = Buffer.concat(body).toString('utf8');
    const samples = text.split('\n').filter((line) => line !== '' && !line.startsWith('#')).length;
    const listJobsMs = await time(async () => JSON.stringify(await service.listJobs({})));
    await server.close();
    await service.shutdown({ graceMs: 0 });

    reportPhase('floor');
    const registry = new Registry();
    const gauge = new Gauge({
      name: 'floor_samples',
      help: 'the same number of plain gauge samples',
      labelNames: ['job_id'],
      registers: [registry],
    });
    for (let index = 0; index < samples; index++) gauge.set({ job_id: `job-${index}` }, now / 1000);
    const floorMs: number[] = [];
    for (let index = 0; index < options.scrapes; index++) floorMs.push(await time(() => registry.metrics()));

    reportPhase('transport');
    const bytes = Buffer.from(text);
    const bare = http.createServer((_request, response) =>
      response.writeHead(200, { 'content-type': 'text/plain' }).end(bytes),
    );
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    const barePort = (bare.address() as { port: number }).port;
    const transportMs: number[] = [];
    for (let index = 0; index < options.scrapes; index++)
      transportMs.push(await time(() => get(barePort, '/metrics', token)));
    await new Promise((resolve) => bare.close(resolve));

    return {
      jobs: options.jobs,
      samples,
      bytes: Buffer.byteLength(text),
      firstScrapeMs,
      scrapeMs: spread(scrapeMs),
      busyScrapeMs: spread(busyScrapeMs),
      clientDecodeMs: spread(clientDecodeMs),
      busyRuns: options.busyRuns,
      floorMs: spread(floorMs),
      transportMs: spread(transportMs),
      listJobsMs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

runChild(main);
