/**
 * `cronbar exec <check> -- <command...>`: sends `start`, runs the command (its output streamed and the last 256 KiB
 * kept, as for a run, by the same runner), then sends success or fail with the exit code, and exits with the
 * command's own code. The command runs even when the ping cannot be recorded (a monitor must not stop the job). A
 * piped or redirected stdin is the command's.
 */
import fs from 'node:fs';
import type { JobSpec } from '../../../../shared/config/schema';
import { createActionRunner } from '../../runner/action-runner';
import type { CliArgs } from '../args';
import { UsageError } from '../args';
import { formatElapsed } from '../format';
import { openPingTarget } from '../open-ping-target';

/** One argument runs in the shell (`cronbar exec x -- "a | b"`); several run as an argv list, without a shell. */
export function execJob(checkId: string, argv: string[]): JobSpec {
  return {
    id: checkId,
    name: checkId,
    description: null,
    enabled: true,
    tags: [],
    schedule: { kind: 'every', everyMs: 60_000, text: '1m' },
    timezone: 'UTC',
    jitterMs: 0,
    action: { kind: 'command', command: argv.length === 1 ? argv[0]! : argv, cwd: process.cwd(), env: {}, shell: null },
    timeoutMs: 0,
    retry: { attempts: 0, delayMs: 0, backoff: 1, maxDelayMs: 0 },
    overlap: 'parallel',
    catchUp: { policy: 'skip', windowMs: 0, max: 1 },
    notify: { failure: false, success: false, missed: false },
  };
}

export async function execCommand(
  args: CliArgs,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  const [checkId, ...argv] = args.positionals;
  if (checkId === undefined)
    throw new UsageError('exec needs a check id and a command: cronbar exec <check> -- <command...>');
  if (argv.length === 0)
    throw new UsageError(`exec needs a command after the check id: cronbar exec ${checkId} -- <command...>`);
  const service = await openPingTarget(args);
  const report = async (send: () => Promise<unknown>) => {
    try {
      await send();
    } catch (error) {
      err.write(`cronbar: ping for ${checkId} not recorded: ${(error as Error).message}\n`);
    }
  };
  try {
    await report(() => service.ping({ check: checkId, kind: 'start', source: 'cli' }));
    const runner = createActionRunner({ dataDir: service.dataDir });
    // A piped or redirected stdin goes to the command, as it would without cronbar in front; a terminal does not (ports.ts).
    const running = runner.start(execJob(checkId, argv), {
      runId: 0,
      jobId: checkId,
      scheduledFor: null,
      attempt: 1,
      ...(stdinIsPipeOrFile() ? { stdin: 'inherit' as const } : {}),
    });
    running.onOutput((chunk) => out.write(chunk));
    const stop = () => running.cancel('cronbar exec was interrupted');
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    const startedAt = Date.now();
    const result = await running.done.finally(() => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    });
    const took = formatElapsed(Date.now() - startedAt);
    const succeeded = result.status === 'succeeded';
    const detail =
      result.exitCode !== null ? `exit ${result.exitCode}` : (result.signal ?? result.reason ?? result.status);
    await report(() =>
      service.ping({
        check: checkId,
        kind: succeeded ? 'success' : 'fail',
        ...(result.exitCode !== null ? { exitCode: result.exitCode } : {}),
        message: `${detail} after ${took}${!succeeded && result.reason ? `: ${result.reason}` : ''}`,
        source: 'cli',
        output: result.outputTail,
        outputBytes: result.outputBytes,
      }),
    );
    return result.exitCode ?? 1;
  } finally {
    await service.shutdown();
  }
}

function stdinIsPipeOrFile(): boolean {
  try {
    const stdin = fs.fstatSync(0);
    return stdin.isFIFO() || stdin.isFile() || stdin.isSocket();
  } catch {
    return false; // closed
  }
}
