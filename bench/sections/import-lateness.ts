/**
 * What an import costs the scheduler and the user, for the import section:
 * - the engine's firing lateness (p99, ms; a fire it dropped counts as late until the preview ended) while a 30 000-line crontab is previewed the way the
 *   service does it (on a worker thread), against the same window with no preview, and against the preview planned
 *   on the scheduler's own thread (how the service did it before);
 * - `cronbar import --dry-run` of a 10 000-line crontab: the built CLI, spawned as a user runs it.
 * The engine is the one the lateness section measures (bench/subjects/cronbar-engine.ts: real Engine and store, a
 * no-op runner), here in this process, since the preview must share its event loop.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { previewImportOffThread } from '../../electron/core/service/import-off-thread';
import { planImport } from '../../electron/core/service/import-plan';
import { preciseNow, sleep } from '../harness/probes';
import { type Spread, spread } from '../harness/stats';
import { CronbarEngineSubject } from '../subjects/cronbar-engine';

const ENGINE_JOBS = 100;
export const PREVIEW_LINES = 30_000;
export const DRY_RUN_LINES = 10_000;

export interface LatenessDuring {
  lateness: Spread;
  missed: number;
  expected: number;
  workMs: number;
}

/** `* * * * * *` jobs on the real engine; the lateness of every fire scheduled while `work` ran. */
export async function latenessDuring(work: () => Promise<unknown>): Promise<LatenessDuring> {
  const subject = new CronbarEngineSubject();
  const expressions = Array.from({ length: ENGINE_JOBS }, () => '* * * * * *');
  subject.prepare(expressions);
  const fires: Array<{ job: number; scheduledFor: number; at: number }> = [];
  await subject.register(expressions, (job, scheduledFor) => fires.push({ job, scheduledFor, at: preciseNow() }));
  // One warm-up second, then the window is the work, whole seconds only.
  await sleep(1500);
  const from = Math.ceil(Date.now() / 1000) * 1000;
  await sleep(from - Date.now());
  const started = performance.now();
  await work();
  const workMs = performance.now() - started;
  const to = Math.floor(Date.now() / 1000) * 1000;
  // Fires held up by the work come after it: wait for them before counting.
  await sleep(2000);
  await subject.cancelAll();
  const workEnded = preciseNow() - 2000;
  const inWindow = fires.filter((fire) => fire.scheduledFor >= from && fire.scheduledFor < to);
  const seen = new Set(inWindow.map((fire) => `${fire.job}@${fire.scheduledFor}`));
  const lateness = inWindow.map((fire) => fire.at - fire.scheduledFor);
  let missed = 0;
  // A fire the engine dropped (it resyncs after a stall) was at least as late as the stall was long.
  for (let second = from; second < to; second += 1000)
    for (let job = 0; job < ENGINE_JOBS; job++)
      if (!seen.has(`${job}@${second}`)) {
        missed++;
        lateness.push(workEnded - second);
      }
  return { lateness: spread(lateness), missed, expected: lateness.length, workMs };
}

export function numberedCrontab(lines: number): string {
  return `${Array.from({ length: lines }, (_, n) => `${n % 60} * * * * echo ${n}`).join('\n')}\n`;
}

export async function schedulerDuringPreview(quietMs: number): Promise<{
  quiet: LatenessDuring;
  offThread: LatenessDuring;
  onThread: LatenessDuring;
}> {
  const input = { format: 'crontab' as const, files: [{ name: 'crontab', text: numberedCrontab(PREVIEW_LINES) }] };
  const options = { fileName: 'jobs.yaml', now: Date.now(), fireCount: 3 };
  const quiet = await latenessDuring(() => sleep(quietMs));
  const offThread = await latenessDuring(() => previewImportOffThread({ input, currentText: '', options }));
  const onThread = await latenessDuring(async () => (await planImport(input, '', options)).preview());
  return { quiet, offThread, onThread };
}

/** CPU time of this process's waited-for children so far, ms (Linux; null elsewhere). */
function childrenCpuMs(): number | null {
  try {
    // /proc/self/stat: the fields after the command's closing parenthesis; cutime and cstime are the 14th and 15th.
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return null;
  }
}

/** Median wall and CPU time of `cronbar import crontab FILE --dry-run` (the CLI built first). */
export function dryRunMs(text: string, runs: number): { ms: number; cpuMs: number | null } {
  const build = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the CLI build failed');
  const home = mkdtempSync(path.join(os.tmpdir(), 'cronbar-bench-import-'));
  const file = path.join(home, 'crontab');
  writeFileSync(file, text);
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const started = performance.now();
    const cpuBefore = childrenCpuMs();
    const result = spawnSync(
      process.execPath,
      ['bin/cronbar.cjs', '--data-dir', home, 'import', 'crontab', file, '--dry-run'],
      { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' },
    );
    if (result.status !== 0) throw new Error(`cronbar import --dry-run failed: ${result.stderr}`);
    // The first run is a warm-up (the page cache, the DB created).
    if (i === 0) continue;
    times.push(performance.now() - started);
    const cpuAfter = childrenCpuMs();
    if (cpuBefore !== null && cpuAfter !== null) cpu.push(cpuAfter - cpuBefore);
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return { ms: median(times), cpuMs: cpu.length > 0 ? median(cpu) : null };
}
