/**
 * Requests from one Cronbar process to another on the same data directory (`cronbar pause` to the daemon, `cronbar
 * cancel` to the `cronbar run` that executes the run). The state itself lives in the DB; this only carries the ask.
 *
 * Each process that runs jobs keeps an inbox folder `<data>/control/<pid>/` and watches it with fs.watch (inotify,
 * FSEvents, ReadDirectoryChangesW): an idle process wakes for nothing, unlike a polling loop. A request is a JSON
 * file renamed into the inbox (so it is never read half-written); the reply comes back the same way, next to it.
 * The asking side is a short-lived CLI, so it may poll for the reply. A notice is a request that wants no reply
 * (`cronbar ping` telling the scheduler that pings were stored): the sender writes it and goes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { crypto } from '../lazy-builtins';
import { isPidAlive } from '../runner/process-group';

export const CONTROL_METHODS = [
  'pauseJob',
  'resumeJob',
  'pauseAll',
  'resumeAll',
  'cancelRun',
  'followRun',
  'pingsArrived',
] as const;
export type ControlMethod = (typeof CONTROL_METHODS)[number];

export interface ControlRequest {
  id: string;
  method: ControlMethod;
  input: Record<string, unknown>;
  /** The asking process, for the log. */
  from: number;
}

export type ControlReply =
  { id: string; ok: true; value: unknown } | { id: string; ok: false; code: string; message: string };

export type ControlHandler = (request: ControlRequest) => Promise<unknown>;

const REQUEST_SUFFIX = '.request.json';
const REPLY_SUFFIX = '.reply.json';
const NOTICE_SUFFIX = '.notice.json';
const isIncoming = (name: string) => name.endsWith(REQUEST_SUFFIX) || name.endsWith(NOTICE_SUFFIX);

export function controlRoot(dataDir: string): string {
  return path.join(dataDir, 'control');
}

export function inboxOf(dataDir: string, pid: number): string {
  return path.join(controlRoot(dataDir), String(pid));
}

/** Writes `data` so that a reader (or a directory watch) only ever sees the whole file. */
function writeWhole(file: string, data: unknown): void {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(data), { mode: 0o600 });
  fs.renameSync(temp, file);
}

export interface ControlInbox {
  readonly dir: string;
  stop(): void;
}

/**
 * Opens this process's inbox and answers each request with `handler`'s value (or its error's code and message).
 * Inboxes left by processes that died are removed on the way.
 */
export function openControlInbox(
  dataDir: string,
  handler: ControlHandler,
  onError: (error: Error) => void = () => {},
): ControlInbox {
  const dir = inboxOf(dataDir, process.pid);
  removeDeadInboxes(dataDir);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  let stopped = false;
  let scanning = false;
  let again = false;

  const answer = async (file: string) => {
    let request: ControlRequest;
    try {
      request = JSON.parse(fs.readFileSync(file, 'utf8')) as ControlRequest;
      fs.rmSync(file, { force: true });
    } catch {
      return; // Taken by a racing scan, or not ours to read: the asker times out and says so.
    }
    let reply: ControlReply;
    try {
      if (!(CONTROL_METHODS as readonly string[]).includes(request.method))
        throw Object.assign(new Error(`unknown request ${JSON.stringify(request.method)}`), { code: 'invalid-input' });
      reply = { id: request.id, ok: true, value: (await handler(request)) ?? {} };
    } catch (error) {
      const code =
        typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'internal';
      reply = { id: request.id, ok: false, code, message: (error as Error).message };
    }
    // Nobody waits for a notice's answer: a failure goes to the log instead.
    if (file.endsWith(NOTICE_SUFFIX)) {
      if (!reply.ok) onError(new Error(`${request.method} (from pid ${request.from}): ${reply.message}`));
    } else if (!stopped) writeWhole(path.join(dir, `${request.id}${REPLY_SUFFIX}`), reply);
  };

  const scan = async () => {
    if (scanning) {
      again = true;
      return;
    }
    scanning = true;
    try {
      do {
        again = false;
        let names: string[];
        try {
          names = fs.readdirSync(dir);
        } catch {
          return;
        }
        for (const name of names) if (isIncoming(name)) await answer(path.join(dir, name));
      } while (again && !stopped);
    } catch (error) {
      onError(error as Error);
    } finally {
      scanning = false;
    }
  };

  const watcher = fs.watch(dir, { persistent: false }, (_event, name) => {
    if (stopped || (name !== null && !isIncoming(name.toString()))) return;
    void scan();
  });
  watcher.on('error', onError);
  return {
    dir,
    stop() {
      if (stopped) return;
      stopped = true;
      watcher.close();
      // A reply written just before stopping (a cancel that ended the process's last run) stays for its asker, who
      // removes it; the folder goes with the last file.
      try {
        for (const name of fs.readdirSync(dir))
          if (!name.endsWith(REPLY_SUFFIX)) fs.rmSync(path.join(dir, name), { force: true });
        fs.rmdirSync(dir);
      } catch {
        // Not empty (a reply waits) or already gone.
      }
    },
  };
}

function removeDeadInboxes(dataDir: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(controlRoot(dataDir));
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(name);
    if (Number.isInteger(pid) && pid !== process.pid && !isPidAlive(pid))
      fs.rmSync(path.join(controlRoot(dataDir), name), { recursive: true, force: true });
  }
}

const newId = () => `${Date.now()}-${process.pid}-${crypto().randomBytes(4).toString('hex')}`;

/** Tells process `pid` something and does not wait; false when it has no inbox (then nobody is told). */
export function sendControlNotice(
  dataDir: string,
  pid: number,
  method: ControlMethod,
  input: Record<string, unknown>,
): boolean {
  const id = newId();
  try {
    writeWhole(path.join(inboxOf(dataDir, pid), `${id}${NOTICE_SUFFIX}`), {
      id,
      method,
      input,
      from: process.pid,
    } satisfies ControlRequest);
    return true;
  } catch {
    return false;
  }
}

export type SendResult = { answered: true; reply: ControlReply } | { answered: false; why: 'no-inbox' | 'timeout' };

/**
 * Asks process `pid` and waits up to `timeoutMs` for its answer. Not answered in time: the request is withdrawn if
 * it was not taken yet, so "not answered" means nothing was done (unless it was taken just then).
 */
export async function sendControlRequest(
  dataDir: string,
  pid: number,
  method: ControlMethod,
  input: Record<string, unknown>,
  options: { timeoutMs?: number; pollMs?: number } = {},
): Promise<SendResult> {
  const dir = inboxOf(dataDir, pid);
  if (!fs.existsSync(dir)) return { answered: false, why: 'no-inbox' };
  const id = newId();
  const requestFile = path.join(dir, `${id}${REQUEST_SUFFIX}`);
  const replyFile = path.join(dir, `${id}${REPLY_SUFFIX}`);
  const request: ControlRequest = { id, method, input, from: process.pid };
  try {
    writeWhole(requestFile, request);
  } catch {
    return { answered: false, why: 'no-inbox' };
  }
  const deadline = Date.now() + (options.timeoutMs ?? 3000);
  const pollMs = options.pollMs ?? 20;
  for (;;) {
    try {
      const reply = JSON.parse(fs.readFileSync(replyFile, 'utf8')) as ControlReply;
      fs.rmSync(replyFile, { force: true });
      if (!isPidAlive(pid)) fs.rmSync(dir, { recursive: true, force: true });
      return { answered: true, reply };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (Date.now() > deadline || !isPidAlive(pid)) {
      fs.rmSync(requestFile, { force: true });
      return { answered: false, why: 'timeout' };
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
