/**
 * `cronbar daemon`: the scheduler in the foreground, for servers and desktops without a tray. One log line per event.
 * SIGINT/SIGTERM stop scheduling, let running jobs finish within the grace, and mark the rest interrupted.
 * SIGHUP resyncs (after a clock change the OS did not tell us about).
 */
import { parseDuration } from '../../../../shared/config/duration';
import type { CliArgs } from '../args';
import { UsageError, expectPositionals } from '../args';
import { openFromArgs } from '../open-from-args';
import type { CronbarService } from '../../service/types';
import { type ApiServerHandle, apiOptionsFromArgs, serveApi } from './daemon-api';

export async function daemonCommand(
  args: CliArgs,
  _out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  expectPositionals(args, 0, 0, '');
  const graceMs = args.grace === undefined ? 30_000 : parseDuration(args.grace);
  if (graceMs === null)
    throw new UsageError(`--grace takes a duration such as 30s or 2m, not ${JSON.stringify(args.grace)}`);
  const apiOptions = apiOptionsFromArgs(args);
  const log = (line: string) => err.write(`${new Date().toISOString()} ${line}\n`);
  const service = await openFromArgs(args, { schedule: true, runs: true, lockKind: 'daemon', log });
  const status = await service.status({});
  if (!status.scheduling) {
    await service.shutdown();
    err.write(`cronbar: not starting: ${status.lockHolder ?? 'another process'} already schedules ${status.dataDir}\n`);
    return 1;
  }
  // Only the scheduling process serves the API (a second daemon returned above, serving nothing).
  let api: ApiServerHandle | null = null;
  if (apiOptions) {
    try {
      api = await serveApi(service, apiOptions, log);
    } catch (error) {
      await service.shutdown();
      err.write(`cronbar: cannot serve the API on ${apiOptions.listenText}: ${(error as Error).message}\n`);
      return 1;
    }
  }
  // Our timers are unref'd so one-shot commands can exit; the daemon holds the event loop open itself.
  const keepAlive = setInterval(() => {}, 2 ** 31 - 1);
  const code = await new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) {
        log(`${signal} again: stopping the running jobs now`);
        cancelOwnRuns(service).catch((error: unknown) =>
          log(`could not stop the running jobs: ${(error as Error).message}`),
        );
        return;
      }
      stopping = true;
      log(`${signal}: stopping; running jobs get ${Math.round(graceMs / 1000)} s to finish`);
      // The API goes first: nothing should start a run while the scheduler drains.
      const apiClosed = api
        ? api.close().catch((error: unknown) => log(`api: close failed: ${(error as Error).message}`))
        : Promise.resolve();
      apiClosed
        .then(() =>
          service.shutdown({
            graceMs,
            onProgress: (running) => {
              if (running > 0) log(`waiting for ${running} running job${running === 1 ? '' : 's'}`);
            },
          }),
        )
        .then(
          ({ interrupted }) => {
            log(
              `stopped${interrupted ? `; ${interrupted} run${interrupted === 1 ? '' : 's'} marked interrupted` : ''}`,
            );
            resolve(0);
          },
          (error: unknown) => {
            log(`stop failed: ${(error as Error).message}`);
            resolve(1);
          },
        );
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGHUP', () => service.resync('SIGHUP'));
  });
  clearInterval(keepAlive);
  return code;
}

/** Cancels the runs this process executes (a `cronbar run` beside it keeps its own); they end `interrupted`. */
async function cancelOwnRuns(service: CronbarService): Promise<void> {
  const { runs } = await service.history({ statuses: ['running'], limit: 10_000 });
  // Only this process's own: cancelRun would ask a `cronbar run` beside the daemon to stop its run too.
  for (const run of runs)
    if (service.control.runOwner(run.id) === process.pid) await service.cancelRun({ runId: run.id });
}
