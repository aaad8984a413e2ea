/**
 * The contract's events, as the service's listeners (the window, the tray, the HTTP stream, the control socket) get
 * them: the engine's run events with a log line each, and run output batched per run for OUTPUT_FLUSH_MS so a chatty
 * job does not flood the window.
 */
import { EventEmitter } from 'node:events';
import type { EventName, EventPayload } from '../../../shared/api/contract';
import type { SchedulerStatus } from '../../../shared/model';
import type { Engine } from '../engine/engine';
import { runEndDetail } from '../notify/run-end-detail';
import type { Store } from '../ports';

const OUTPUT_FLUSH_MS = 100;

export class EventRelay {
  readonly #emitter = new EventEmitter();
  readonly #pendingOutput = new Map<number, { jobId: string; chunks: Buffer[] }>();
  #outputTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly log: (line: string) => void) {
    this.#emitter.setMaxListeners(100);
  }

  /** Subscribes to an event; returns the unsubscribe. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    this.#emitter.on(event, listener as (payload: unknown) => void);
    return () => this.#emitter.off(event, listener as (payload: unknown) => void);
  }

  readonly emit = <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    this.#emitter.emit(event, payload);
  };

  /**
   * Forwards the engine's events from now on; `status` is what `scheduler:changed` carries; a failed run's log line
   * quotes its last output line from `store`.
   */
  relayEngine(engine: Engine, status: () => SchedulerStatus, store: Pick<Store, 'getRunOutput'>): void {
    const { log, emit } = this;
    engine.on('run:queued', (run) => {
      log(`run ${run.id} ${run.jobId} queued (${run.trigger})${run.reason ? `: ${run.reason}` : ''}`);
      emit('run:queued', run);
    });
    engine.on('run:started', (run) => {
      log(`run ${run.id} ${run.jobId} started (${run.trigger}${run.attempt > 1 ? `, attempt ${run.attempt}` : ''})`);
      emit('run:started', run);
    });
    engine.on('run:finished', (run) => {
      this.flushRun(run.id);
      log(`run ${run.id} ${run.jobId} ${run.status}${runEndDetail(run, store)}`);
      emit('run:finished', run);
    });
    engine.on('run:output', ({ runId, jobId, chunk }) => {
      if (this.#emitter.listenerCount('run:output') === 0) return;
      const pending = this.#pendingOutput.get(runId) ?? { jobId, chunks: [] };
      pending.chunks.push(chunk);
      this.#pendingOutput.set(runId, pending);
      this.#outputTimer ??= setTimeout(this.#flushOutput, OUTPUT_FLUSH_MS);
    });
    engine.on('jobs:changed', () => emit('jobs:changed', { reason: 'engine' }));
    engine.on('scheduler:changed', () => emit('scheduler:changed', status()));
  }

  /** Sends the run's batched output now (before its end, or before its output so far is read another way). */
  flushRun(runId: number): void {
    if (this.#pendingOutput.has(runId)) this.#flushOutput();
  }

  close(): void {
    if (this.#outputTimer) clearTimeout(this.#outputTimer);
  }

  readonly #flushOutput = (): void => {
    this.#outputTimer = null;
    for (const [runId, pending] of this.#pendingOutput)
      this.emit('run:output', { runId, jobId: pending.jobId, chunk: Buffer.concat(pending.chunks).toString('utf8') });
    this.#pendingOutput.clear();
  };
}
