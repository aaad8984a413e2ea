/**
 * Where Cronbar's load time goes, step by step, for N generated jobs (default 100 000): the evidence behind the
 * "Load" paragraph of bench/README.md. Run: `npx tsx bench/load-breakdown.ts 100000`.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter } from 'yaml';
import { parseJobsText, parseYaml } from '../electron/core/config/load-jobs-file';
import { Engine } from '../electron/core/engine/engine';
import { openStore } from '../electron/core/store/open-store';
import { cronError } from '../shared/config/cron';
import { JobsFileSchema } from '../shared/config/schema';
import { farFutureExpressions } from './harness/expressions';
import { jobsFileText, noopRunner } from './subjects/cronbar-engine';

const count = Number(process.argv[2] ?? 100_000);
if (!Number.isInteger(count) || count < 1) throw new Error(`usage: load-breakdown.ts [job count ≥ 1], got ${process.argv[2]}`);
const expressions = farFutureExpressions(count, 100);
const text = jobsFileText(expressions);

function step<T>(label: string, body: () => T): T {
  const start = performance.now();
  const result = body();
  console.log(`${label.padEnd(48)} ${(performance.now() - start).toFixed(0).padStart(7)} ms`);
  return result;
}

const doc = step('YAML parseDocument with a LineCounter', () => parseYaml(text, new LineCounter()));
const raw = step('doc.toJS', () => doc.toJS({ maxAliasCount: 100 }) as unknown);
step('zod JobsFileSchema.safeParse (cronError included)', () => JobsFileSchema.safeParse(raw, { reportInput: true }));
step(`cronError() alone, once per job (${count})`, () => expressions.forEach((expression) => cronError(expression)));
const parsed = step('parseJobsText, all of the above', () => parseJobsText(text));
if (!parsed.ok) throw new Error(`the generated jobs file is invalid: ${parsed.issues[0]?.message}`);

const dir = join('bench/tmp', `load-breakdown-${process.pid}`);
mkdirSync(dir, { recursive: true });
try {
  const store = step('openStore (a new file)', () => openStore(join(dir, 'cronbar.db')));
  const engine = new Engine({ store, runner: noopRunner(() => {}), concurrency: count });
  step('engine.setJobs', () => engine.setJobs(parsed.config.jobs));
  step('engine.start (state rows written, timer armed)', () => engine.start());
  await engine.stop({ graceMs: 0 });
  store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
