/**
 * The worker thread's side of an off-thread import plan (import-off-thread.ts): plans the one request it was started
 * with and posts back what the caller asked for, or the error with its code.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CronbarError } from '../../../shared/api/cronbar-error';
import { planImport } from './import-plan';
import {
  type BatchedList,
  type ImportWorkMessage,
  type ImportWorkReply,
  type ImportWorkRequest,
  REPLY_BATCH,
} from './import-off-thread';

async function answer(request: ImportWorkRequest): Promise<ImportWorkReply> {
  try {
    const plan = await planImport(request.input, request.currentText, request.options);
    return request.want === 'preview'
      ? { ok: true, want: 'preview', preview: plan.preview() }
      : {
          ok: true,
          want: 'write',
          ids: plan.ids,
          losses: plan.losses,
          alreadyInCronbar: plan.alreadyInCronbar,
          sourceStillRuns: plan.sourceStillRuns,
          nextText: plan.nextText(),
        };
  } catch (error) {
    if (error instanceof CronbarError)
      return {
        ok: false,
        code: error.code,
        message: error.message,
        ...(error.issues ? { issues: error.issues } : {}),
      };
    return { ok: false, code: null, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

/**
 * The long lists first, in batches (see REPLY_BATCH), each after the parent asked for it: messages that queue up are
 * all taken in one turn of its event loop, so without the asking they would block it as long as one message.
 */
async function post(reply: ImportWorkReply): Promise<void> {
  const port = parentPort!;
  const send = (message: ImportWorkMessage) => port.postMessage(message);
  const sendBatches = async (batch: BatchedList, items: readonly unknown[]) => {
    for (let start = 0; start < items.length; start += REPLY_BATCH) {
      send({ batch, items: items.slice(start, start + REPLY_BATCH) });
      await new Promise((next) => port.once('message', next));
    }
  };
  if (reply.ok && reply.want === 'preview') {
    const { preview } = reply;
    await sendBatches('jobs', preview.jobs);
    await sendBatches('losses', preview.losses);
    await sendBatches('already', preview.alreadyInCronbar);
    await sendBatches('crontabLines', preview.sourceStillRuns.crontabLines);
    const sourceStillRuns = { ...preview.sourceStillRuns, crontabLines: [] };
    send({ ...reply, preview: { ...preview, jobs: [], losses: [], alreadyInCronbar: [], sourceStillRuns } });
  } else if (reply.ok) {
    await sendBatches('ids', reply.ids);
    await sendBatches('losses', reply.losses);
    await sendBatches('already', reply.alreadyInCronbar);
    await sendBatches('crontabLines', reply.sourceStillRuns.crontabLines);
    const sourceStillRuns = { ...reply.sourceStillRuns, crontabLines: [] };
    send({ ...reply, ids: [], losses: [], alreadyInCronbar: [], sourceStillRuns });
  } else {
    send(reply);
  }
}

// No top-level await: the CLI's copy of this file is CommonJS.
void answer(workerData as ImportWorkRequest).then(post);
