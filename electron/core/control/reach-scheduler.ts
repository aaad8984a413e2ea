/**
 * Finds the scheduling process of a data directory through its control socket. No socket and no live lock holder:
 * no scheduler runs, and the caller acts on its own (an engine that is not started). A lock holder whose socket does
 * not answer yet is starting (the lock comes first): it gets a few seconds before the caller is refused, so a
 * change is never written beside a scheduler that would not see it.
 */
import { CronbarError } from '../../../shared/api/cronbar-error';
import type { MethodInput, MethodOutput, ServiceMethodName } from '../../../shared/api/contract';
import os from 'node:os';
import { readLockHolder } from '../service/instance-lock';
import { dataPaths } from '../store/data-paths';
import { type ControlClient, connectControl } from './control-client';
import type { SchedulerIdentity } from './control-protocol';

const STARTING_WAIT_MS = 3000;
const RETRY_MS = 50;

export async function reachScheduler(dataDir: string): Promise<ControlClient | null> {
  const first = await connectControl(dataDir);
  if (first) return first;
  const holder = readLockHolder(dataPaths(dataDir).lockPath);
  if (!holder) return null;
  if (holder.host !== os.hostname())
    throw new CronbarError(
      'refused',
      `the scheduling ${holder.kind} runs on ${holder.host} (pid ${holder.pid}) and cannot be reached from here; nothing was changed`,
    );
  const deadline = Date.now() + STARTING_WAIT_MS;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    const client = await connectControl(dataDir);
    if (client) return client;
    if (!readLockHolder(dataPaths(dataDir).lockPath)) return null;
  }
  throw new CronbarError(
    'refused',
    `the scheduling ${holder.kind} (pid ${holder.pid}) does not answer on its control socket; nothing was changed`,
  );
}

/** Calls `method` on the running scheduler; null when none runs. Its errors are thrown as they came. */
export async function askScheduler<M extends ServiceMethodName>(
  dataDir: string,
  method: M,
  input: MethodInput<M>,
  origin?: 'cli' | 'mcp',
): Promise<{ value: MethodOutput<M>; by: SchedulerIdentity } | null> {
  const client = await reachScheduler(dataDir);
  if (!client) return null;
  try {
    return { value: await client.call(method, input, origin), by: client.scheduler };
  } finally {
    client.close();
  }
}
