/**
 * An import planned on a worker thread. Planning a big crontab (30 000 lines) is seconds of parsing, YAML rendering,
 * validation and fire computing; on the scheduler's thread no timer would fire meanwhile. The worker loads the
 * parsers, zod and the YAML editor, so the service's own thread does not even load them for an import.
 *
 * The worker's file: the builds put a bundle of import-plan-worker.ts beside theirs and name it in
 * CRONBAR_IMPORT_WORKER (scripts/build-cli.mjs: out/cli/, scripts/build-electron.mjs: out/main/); from source (tsx,
 * vitest) it is the TypeScript file beside this one, loaded through tsx.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { MethodOutput, ParsedInput } from '../../../shared/api/contract';
import { CronbarError, type ErrorCode } from '../../../shared/api/cronbar-error';
import type { ConfigIssue } from '../../../shared/model';
import type { AlreadyInCronbar } from '../convert/import/already-in-cronbar';
import type { ImportLoss } from '../convert/import/import-types';
import type { SourceStillRuns } from '../convert/import/source-still-runs';
import type { ImportPlanOptions } from './import-plan';

declare const CRONBAR_IMPORT_WORKER: string | undefined;

export interface ImportWorkRequest {
  input: ParsedInput<'previewImport'>;
  currentText: string;
  /** Without readFile: a function cannot cross to the thread (the window and the API pass none). */
  options: Omit<ImportPlanOptions, 'readFile'>;
  want: 'preview' | 'write';
}

export interface ImportToWrite {
  ids: string[];
  losses: ImportLoss[];
  alreadyInCronbar: AlreadyInCronbar[];
  sourceStillRuns: SourceStillRuns;
  nextText: string;
}

export type ImportWorkReply =
  | { ok: true; want: 'preview'; preview: MethodOutput<'previewImport'> }
  | ({ ok: true; want: 'write' } & ImportToWrite)
  | { ok: false; code: ErrorCode | null; message: string; issues?: ConfigIssue[] };

/**
 * The long lists travel ahead of the reply in batches, each its own message sent when this thread asks for it: one
 * structured clone of 30 000 preview jobs is a few hundred milliseconds of this thread, a batch a few, with timers
 * firing between them.
 */
export const REPLY_BATCH = 500;
export type BatchedList = 'jobs' | 'losses' | 'ids' | 'already' | 'crontabLines';
export type ImportWorkMessage = { batch: BatchedList; items: unknown[] } | ImportWorkReply;

export async function previewImportOffThread(
  request: Omit<ImportWorkRequest, 'want'>,
): Promise<MethodOutput<'previewImport'>> {
  const reply = await runWorker({ ...request, want: 'preview' });
  if (reply.want !== 'preview') throw new Error('the import worker answered a preview with something else');
  return reply.preview;
}

/**
 * What an import writes. With `readFile` (the CLI's reader of the files a source refers to, a function that cannot
 * cross to a thread) it is planned on this thread: the CLI schedules nothing, so no job waits for it.
 */
export async function planImportWrite(
  request: Omit<ImportWorkRequest, 'want'>,
  readFile?: (file: string) => string | null,
): Promise<ImportToWrite> {
  if (readFile) {
    const { planImport } = await import('./import-plan');
    const plan = await planImport(request.input, request.currentText, { ...request.options, readFile });
    return {
      ids: plan.ids,
      losses: plan.losses,
      alreadyInCronbar: plan.alreadyInCronbar,
      sourceStillRuns: plan.sourceStillRuns,
      nextText: plan.nextText(),
    };
  }
  const reply = await runWorker({ ...request, want: 'write' });
  if (reply.want !== 'write') throw new Error('the import worker answered a write with something else');
  const { ids, losses, alreadyInCronbar, sourceStillRuns, nextText } = reply;
  return { ids, losses, alreadyInCronbar, sourceStillRuns, nextText };
}

function runWorker(request: ImportWorkRequest): Promise<Extract<ImportWorkReply, { ok: true }>> {
  const entry = workerEntry();
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry.code ?? entry.file, { workerData: request, eval: entry.code !== undefined });
    let replied = false;
    const batches: Record<BatchedList, unknown[]> = { jobs: [], losses: [], ids: [], already: [], crontabLines: [] };
    worker.on('message', (message: ImportWorkMessage) => {
      if ('batch' in message) {
        for (const item of message.items) batches[message.batch].push(item);
        worker.postMessage('next');
        return;
      }
      replied = true;
      void worker.terminate();
      if (!message.ok) {
        if (message.code) reject(new CronbarError(message.code, message.message, message.issues));
        else reject(new Error(`planning the import failed: ${message.message}`));
        return;
      }
      const alreadyInCronbar = batches.already as AlreadyInCronbar[];
      const crontabLines = batches.crontabLines as SourceStillRuns['crontabLines'];
      if (message.want === 'preview') {
        const { jobs, losses } = batches as { jobs: typeof message.preview.jobs; losses: ImportLoss[] };
        const sourceStillRuns = { ...message.preview.sourceStillRuns, crontabLines };
        resolve({ ...message, preview: { ...message.preview, jobs, losses, alreadyInCronbar, sourceStillRuns } });
      } else {
        const sourceStillRuns = { ...message.sourceStillRuns, crontabLines };
        const { ids, losses } = batches as { ids: string[]; losses: ImportLoss[] };
        resolve({ ...message, ids, losses, alreadyInCronbar, sourceStillRuns });
      }
    });
    worker.once('error', (error) => {
      if (!replied) reject(new Error(`planning the import failed: ${error.message}`));
    });
    worker.once('exit', (code) => {
      if (!replied) reject(new Error(`planning the import failed: its worker thread stopped (exit code ${code})`));
    });
  });
}

/** The built worker file, or from source a script that registers tsx in the thread and imports the .ts entry. */
function workerEntry(): { file: string; code?: string } {
  // CommonJS (the CLI bundle, vitest) has __filename; the app's ESM bundle has import.meta.url.
  const here = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
  if (typeof CRONBAR_IMPORT_WORKER === 'string') return { file: path.join(path.dirname(here), CRONBAR_IMPORT_WORKER) };
  const file = path.join(path.dirname(here), 'import-plan-worker.ts');
  // A worker does not inherit its parent's module hooks, and Node 20 runs no ESM hooks in a worker: tsx's require hook
  // works in any thread.
  const tsx = createRequire(here).resolve('tsx/cjs/api');
  const code = `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(file)});`;
  return { file, code };
}
