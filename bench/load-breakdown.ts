/**
 * Where Cronbar's load time goes, step by step, for N generated jobs (default 100 000): the evidence behind the
 * "Load" paragraph of bench/README.md. Run: `npx tsx bench/load-breakdown.ts 100000` (add `node --expose-gc` through
 * `NODE_OPTIONS=--expose-gc` for the heap the resolved jobs keep).
 *
 * Baseline: the path every file took before (yaml's document with a LineCounter, then the schema); it is timed here
 * because invalid files still take it, to place their problems. Target: the whole load in ≤ 1 s.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter } from 'yaml';
import { parseJobsText, parseYaml } from '../electron/core/config/load-jobs-file';
import { loadPlainYaml } from '../electron/core/config/load-plain-yaml';
import { Engine } from '../electron/core/engine/engine';
import { openStore } from '../electron/core/store/open-store';
import { JobsFileSchema, normalizeJobsFile } from '../shared/config/schema';
import { farFutureExpressions } from './harness/expressions';
import { jobsFileText, noopRunner } from './subjects/cronbar-engine';

const TARGET_MS = 1000;
const count = Number(process.argv[2] ?? 100_000);
if (!Number.isInteger(count) || count < 1)
  throw new Error(`usage: load-breakdown.ts [job count ≥ 1], got ${process.argv[2]}`);
const dir = join('bench/tmp', `load-breakdown-${process.pid}`);
mkdirSync(dir, { recursive: true });
const jobsPath = join(dir, 'jobs.yaml');
writeFileSync(jobsPath, jobsFileText(farFutureExpressions(count, 100)));

function step<T>(label: string, body: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = body();
  const ms = performance.now() - start;
  console.log(`${label.padEnd(60)} ${ms.toFixed(0).padStart(7)} ms`);
  return { result, ms };
}

const gc = (globalThis as { gc?: () => void }).gc;
const settledHeap = () => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
};

console.log(`${count} jobs, 100 distinct cron patterns\n\nsteps of the load (parseJobsText takes the first three):`);
const text = step('read the jobs file', () => readFileSync(jobsPath, 'utf8'));
const plain = step('js-yaml: the plain value (load-plain-yaml.ts)', () => loadPlainYaml(text.result));
const checked = step('zod JobsFileSchema.safeParse (cron checks remembered)', () =>
  JobsFileSchema.safeParse(plain.result),
);
if (!checked.result.success) throw new Error('the generated jobs file is invalid');
const data = checked.result.data;
step('normalizeJobsFile (defaults applied, shared sub-objects)', () => normalizeJobsFile(data, 'UTC'));

const heapBefore = settledHeap();
// Only the resolved jobs are kept, as the engine keeps them (the service also keeps each job's source for the editor).
const parsed = step('parseJobsText, all of the above', () => {
  const result = parseJobsText(text.result);
  if (!result.ok) throw new Error(`the generated jobs file is invalid: ${result.issues[0]?.message}`);
  return result.config;
});
const configHeap = gc ? (settledHeap() - heapBefore) / count : Number.NaN;

try {
  const store = step('openStore (a new file)', () => openStore(join(dir, 'cronbar.db')));
  const engine = new Engine({ store: store.result, runner: noopRunner(() => {}), concurrency: count });
  const setJobs = step('engine.setJobs', () => engine.setJobs(parsed.result.jobs));
  const start = step('engine.start (state rows written, timer armed)', () => engine.start());
  await engine.stop({ graceMs: 0 });
  store.result.close();

  const total = text.ms + parsed.ms + store.ms + setJobs.ms + start.ms;
  console.log(
    `\nload, file to armed engine: ${total.toFixed(0)} ms (target ${TARGET_MS} ms: ${(total / TARGET_MS).toFixed(2)}× the target)`,
  );
  if (gc) console.log(`heap kept by the resolved jobs (JobsConfig): ${configHeap.toFixed(0)} B a job`);

  console.log('\nbaseline, the positioned path (now taken only by a file with problems to place):');
  const doc = step('YAML parseDocument with a LineCounter', () => parseYaml(text.result, new LineCounter()));
  const raw = step('doc.toJS', () => doc.result.toJS({ maxAliasCount: 100 }) as unknown);
  const positioned = step('zod JobsFileSchema.safeParse (reportInput)', () =>
    JobsFileSchema.safeParse(raw.result, { reportInput: true }),
  );
  const before = doc.ms + raw.ms + positioned.ms;
  const now = plain.ms + checked.ms;
  console.log(
    `\nparse + check: ${now.toFixed(0)} ms now, ${before.toFixed(0)} ms on the positioned path: ${(before / now).toFixed(1)}× faster`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
