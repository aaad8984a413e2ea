/**
 * The asking side of the control socket (control-protocol.ts): connect, call a contract method, subscribe to events.
 * Finding no socket (ENOENT) or nobody behind it (ECONNREFUSED) means no scheduler runs: the caller learns that
 * without loading the core, zod or SQLite, so a `cronbar pause` beside a daemon costs little more than Node's start.
 */
import net from 'node:net';
import type {
  EventName,
  EventPayload,
  MethodInput,
  MethodOutput,
  ServiceMethodName,
} from '../../../shared/api/contract';
import { CronbarError } from '../../../shared/api/cronbar-error';
import type { HelloLine, ReplyLine, SchedulerIdentity, SubscribeValue } from './control-protocol';
import { controlSocketPlace, untrustedDir } from './socket-path';

/** A local socket answers at once; this only bounds a scheduler that hangs. */
const CONNECT_TIMEOUT_MS = 3000;

export class ControlClient {
  private nextId = 1;
  private buffered = '';
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly listeners = new Set<(event: string, payload: unknown) => void>();
  private closed = false;
  private closedBecause: Error | null = null;
  private readonly closeWaiters: Array<() => void> = [];

  constructor(
    private readonly socket: net.Socket,
    /** The process that answers. */
    readonly scheduler: SchedulerIdentity,
    rest: string,
  ) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.take(chunk));
    socket.on('error', (error) => (this.closedBecause ??= error));
    socket.on('close', () => this.onClose());
    if (rest !== '') this.take(rest);
  }

  call<M extends ServiceMethodName>(
    method: M,
    input: MethodInput<M>,
    origin?: 'cli' | 'mcp',
  ): Promise<MethodOutput<M>> {
    return this.send({ method, input, ...(origin ? { origin } : {}) }) as Promise<MethodOutput<M>>;
  }

  /**
   * Receives `events` (only run `runId`'s, when given) until close(); resolves once the scheduler took the
   * subscription, with what run `runId` printed so far when the scheduler executes it.
   */
  subscribe<E extends EventName>(
    events: E[],
    listener: <K extends E>(event: K, payload: EventPayload<K>) => void,
    runId?: number,
  ): Promise<SubscribeValue> {
    this.listeners.add(listener as (event: string, payload: unknown) => void);
    return this.send({ subscribe: events, ...(runId !== undefined ? { runId } : {}) }) as Promise<SubscribeValue>;
  }

  /** Resolves when the scheduler closed the connection (it stopped) or close() was called. */
  whenClosed(): Promise<void> {
    return this.closed ? Promise.resolve() : new Promise((resolve) => this.closeWaiters.push(resolve));
  }

  close(): void {
    this.socket.end();
    this.socket.destroy();
  }

  private send(line: Record<string, unknown>): Promise<unknown> {
    if (this.closed) return Promise.reject(this.goneError());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.socket.write(`${JSON.stringify({ id, ...line })}\n`);
    });
  }

  private take(chunk: string): void {
    this.buffered += chunk;
    let newline: number;
    while ((newline = this.buffered.indexOf('\n')) >= 0) {
      const text = this.buffered.slice(0, newline);
      this.buffered = this.buffered.slice(newline + 1);
      if (text !== '') this.onLine(JSON.parse(text) as ReplyLine | { event: string; payload: unknown });
    }
  }

  private onLine(line: ReplyLine | { event: string; payload: unknown }): void {
    if ('event' in line) {
      for (const listener of this.listeners) listener(line.event, line.payload);
      return;
    }
    const waiter = line.id === null ? undefined : this.pending.get(line.id);
    if (!waiter) return;
    this.pending.delete(line.id!);
    if (line.ok) waiter.resolve(line.value);
    else waiter.reject(new CronbarError(line.error.code, line.error.message, line.error.issues));
  }

  private goneError(): Error {
    const why = this.closedBecause ? `: ${this.closedBecause.message}` : '';
    return new CronbarError(
      'refused',
      `the scheduling ${this.scheduler.kind} (pid ${this.scheduler.pid}) closed the connection${why}`,
    );
  }

  private onClose(): void {
    this.closed = true;
    for (const waiter of this.pending.values()) waiter.reject(this.goneError());
    this.pending.clear();
    for (const resolve of this.closeWaiters.splice(0)) resolve();
  }
}

const NOBODY_LISTENS = new Set(['ENOENT', 'ECONNREFUSED']);

/**
 * Connects to the scheduler of `dataDir`; null when none listens. Throws `refused` when something is there but does
 * not answer as a scheduler (a hung process, a folder another user made, too many connections).
 */
export function connectControl(dataDir: string): Promise<ControlClient | null> {
  const place = controlSocketPlace(dataDir);
  if (place.privateDir !== null) {
    const why = untrustedDir(place.privateDir);
    if (why !== null && why.endsWith('does not exist')) return Promise.resolve(null);
    if (why !== null)
      return Promise.reject(new CronbarError('refused', `not using the control socket in ${place.privateDir}: ${why}`));
  }
  return new Promise((resolve, reject) => {
    const socket = net.connect(place.path);
    let received = '';
    const fail = (error: Error) => {
      clearTimeout(timer);
      socket.destroy();
      if (NOBODY_LISTENS.has((error as NodeJS.ErrnoException).code ?? '')) resolve(null);
      else
        reject(error instanceof CronbarError ? error : new CronbarError('refused', `${place.path}: ${error.message}`));
    };
    const timer = setTimeout(
      () => fail(new CronbarError('refused', `the scheduler did not answer on ${place.path} within 3 s`)),
      CONNECT_TIMEOUT_MS,
    );
    socket.setEncoding('utf8');
    const onData = (chunk: string) => {
      received += chunk;
      const newline = received.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('error', fail);
      socket.off('close', onEarlyClose);
      let hello: HelloLine;
      try {
        hello = JSON.parse(received.slice(0, newline)) as HelloLine;
      } catch {
        return fail(new CronbarError('refused', `${place.path} does not speak Cronbar's control protocol`));
      }
      if (hello.hello === null) return fail(new CronbarError(hello.error.code, hello.error.message));
      resolve(new ControlClient(socket, hello.hello, received.slice(newline + 1)));
    };
    const onEarlyClose = () => fail(new CronbarError('refused', `${place.path} closed before saying who it is`));
    socket.on('data', onData);
    socket.on('error', fail);
    socket.on('close', onEarlyClose);
  });
}
