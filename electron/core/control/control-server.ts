/**
 * The scheduling process's side of the control socket (control-protocol.ts): every service method of the contract
 * through `dispatch`, as IPC and HTTP have it, and the contract's events streamed to subscribers. Only the user gets
 * in: the socket is 0600 in the data directory (or in a 0700 folder of ours, socket-path.ts); a Windows named pipe
 * keeps libuv's default DACL, which lets other users open it for reading only, so they cannot send a request.
 *
 * Limits: MAX_CONNECTIONS at once (a CLI holds one for a moment, a follower for a run) and MAX_LINE_BYTES per
 * request line; a subscriber that stops reading is dropped once MAX_BACKLOG_BYTES wait for it.
 */
import fs from 'node:fs';
import net from 'node:net';
import { type EventName, type ServiceMethodName, eventNames, serviceMethods } from '../../../shared/api/contract';
import { type Implementation, dispatch } from '../../../shared/api/dispatch';
import type { HelloLine, ReplyLine, SchedulerIdentity } from './control-protocol';
import { controlSocketPlace, untrustedDir } from './socket-path';

/** Enough for every CLI beside a few followers and windows; more is a runaway client. */
export const MAX_CONNECTIONS = 64;
/** The contract's largest input, a 5 M-character jobs file, fits; a line longer than this closes the connection. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;
/** Unsent event lines a subscriber may have waiting before it is dropped (a follower that stopped reading). */
export const MAX_BACKLOG_BYTES = 8 * 1024 * 1024;

export interface ControlServerDeps {
  service: Implementation & {
    on<E extends EventName>(event: E, listener: (payload: unknown) => void): () => void;
  };
  /** The service answering an MCP server's calls: its writes are recorded as `mcp` in the jobs file's history. */
  forMcp?: Implementation;
  who: SchedulerIdentity;
  /** What run `runId` printed so far, when this process executes it; null otherwise. */
  outputSoFar(runId: number): string | null;
  log(line: string): void;
}

export interface ControlServer {
  readonly path: string;
  close(): Promise<void>;
}

interface Subscriber {
  socket: net.Socket;
  runId: number | undefined;
}

/** The run an event is about, for a subscription to one run. */
function runOf(event: EventName, payload: unknown): number | undefined {
  const value = payload as { id?: number; runId?: number; run?: { id?: number } };
  if (event === 'run:output') return value.runId;
  if (event === 'run:started' || event === 'run:finished') return value.id;
  if (event === 'run:slow') return value.run?.id;
  return undefined;
}

const isServiceMethod = (name: unknown): name is ServiceMethodName =>
  typeof name === 'string' && Object.hasOwn(serviceMethods, name);

export async function startControlServer(dataDir: string, deps: ControlServerDeps): Promise<ControlServer> {
  const place = controlSocketPlace(dataDir);
  if (place.privateDir !== null) {
    fs.mkdirSync(place.privateDir, { recursive: true, mode: 0o700 });
    const why = untrustedDir(place.privateDir);
    if (why !== null) throw new Error(`cannot serve the control socket: ${why}`);
  }
  if (process.platform !== 'win32') await removeStaleSocket(place.path);

  /** One engine listener per event kind, shared by its subscribers; removed with the last of them. */
  const hubs = new Map<EventName, { off: () => void; subscribers: Set<Subscriber> }>();
  const unsubscribe = (subscriber: Subscriber) => {
    for (const [event, hub] of hubs) {
      if (!hub.subscribers.delete(subscriber) || hub.subscribers.size > 0) continue;
      hub.off();
      hubs.delete(event);
    }
  };
  const subscribe = (subscriber: Subscriber, events: EventName[]) => {
    for (const event of events) {
      let hub = hubs.get(event);
      if (!hub) {
        const subscribers = new Set<Subscriber>();
        const off = deps.service.on(event, (payload) => {
          const line = `${JSON.stringify({ event, payload })}\n`;
          for (const each of subscribers) {
            if (each.runId !== undefined && runOf(event, payload) !== each.runId) continue;
            if (each.socket.writableLength > MAX_BACKLOG_BYTES) each.socket.destroy();
            else each.socket.write(line);
          }
        });
        hub = { off, subscribers };
        hubs.set(event, hub);
      }
      hub.subscribers.add(subscriber);
    }
  };

  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    if (sockets.size >= MAX_CONNECTIONS) {
      const refusal: HelloLine = {
        hello: null,
        error: { code: 'refused', message: `the scheduler takes at most ${MAX_CONNECTIONS} connections at once` },
      };
      socket.end(`${JSON.stringify(refusal)}\n`);
      return;
    }
    sockets.add(socket);
    const subscriber: Subscriber = { socket, runId: undefined };
    socket.on('close', () => {
      sockets.delete(socket);
      unsubscribe(subscriber);
    });
    socket.on('error', () => socket.destroy());
    socket.setEncoding('utf8');
    socket.write(`${JSON.stringify({ hello: deps.who } satisfies HelloLine)}\n`);
    const reply = (line: ReplyLine) => {
      if (!socket.destroyed) socket.write(`${JSON.stringify(line)}\n`);
    };
    let buffered = '';
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const text = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (text.trim() !== '') void answer(text);
      }
      if (Buffer.byteLength(buffered) > MAX_LINE_BYTES) {
        reply({
          id: null,
          ok: false,
          error: { code: 'invalid-input', message: `a line is limited to ${MAX_LINE_BYTES} bytes` },
        });
        socket.destroySoon();
      }
    });

    const answer = async (text: string) => {
      let request: {
        id?: unknown;
        method?: unknown;
        input?: unknown;
        subscribe?: unknown;
        runId?: unknown;
        origin?: unknown;
      };
      try {
        request = JSON.parse(text) as typeof request;
      } catch {
        return reply({
          id: null,
          ok: false,
          error: { code: 'invalid-input', message: 'a request is one JSON object per line' },
        });
      }
      const id = typeof request.id === 'number' ? request.id : null;
      if (request.subscribe !== undefined) {
        const events = request.subscribe;
        const runId = request.runId;
        if (
          !Array.isArray(events) ||
          !events.every((name) => (eventNames as unknown[]).includes(name)) ||
          (runId !== undefined && !Number.isInteger(runId))
        )
          return reply({
            id,
            ok: false,
            error: { code: 'invalid-input', message: `subscribe: a list of event names (${eventNames.join(', ')})` },
          });
        // In one turn: what the run printed so far, then every chunk after it, nothing twice, nothing lost.
        subscriber.runId = runId as number | undefined;
        const outputSoFar = subscriber.runId === undefined ? null : deps.outputSoFar(subscriber.runId);
        subscribe(subscriber, events as EventName[]);
        return reply({ id, ok: true, value: { outputSoFar } });
      }
      if (!isServiceMethod(request.method))
        return reply({
          id,
          ok: false,
          error: { code: 'invalid-input', message: `unknown method ${JSON.stringify(request.method)}` },
        });
      const target = request.origin === 'mcp' && deps.forMcp ? deps.forMcp : deps.service;
      reply({ id, ...(await dispatch(target, request.method, request.input)) });
    };
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(place.path, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Right after listen: connect() needs write access to the socket file.
  if (process.platform !== 'win32') fs.chmodSync(place.path, 0o600);
  server.on('error', (error) => deps.log(`control socket: ${error.message}`));

  let closing: Promise<void> | null = null;
  return {
    path: place.path,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const hub of hubs.values()) hub.off();
        hubs.clear();
        for (const socket of sockets) socket.destroy();
        // net.Server unlinks its Unix socket file on close.
        server.close(() => resolve());
      });
      return closing;
    },
  };
}

/**
 * A socket file left by a scheduler that died is removed, but only when nobody answers on it (a live one belongs to
 * a scheduler this process must not cut off); a path that is not a socket is never removed.
 */
async function removeStaleSocket(socketPath: string): Promise<void> {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(socketPath);
  } catch {
    return;
  }
  if (!stat.isSocket())
    throw new Error(`cannot serve the control socket: ${socketPath} exists and is not a socket; move it away`);
  const answered = await new Promise<boolean>((resolve) => {
    const probe = net.connect(socketPath);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
  if (answered) throw new Error(`cannot serve the control socket: another process answers on ${socketPath}`);
  fs.rmSync(socketPath, { force: true });
}
