/**
 * `GET /api/v1/events`: the service's events as Server-Sent Events (https://html.spec.whatwg.org/multipage/server-sent-events.html),
 * the same map the desktop window gets over IPC: `event: run:finished` and `data: <the payload as JSON>`.
 *
 * One fan-out for all clients: the route subscribes to each event once while at least one client is connected (so the
 * service sees one listener per event however many clients there are, and produces no `run:output` for nobody), and
 * writes each message, serialised once, to every open stream.
 */
import type { FastifyInstance } from 'fastify';
import type { ServerResponse } from 'node:http';
import { type EventName, eventNames } from '../../../shared/api/contract';
import type { CronbarService } from '../service/types';
import { API_PREFIX } from './openapi';

const HEARTBEAT_MS = 15_000;
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

export interface EventStreams {
  /** Ends every open stream (the server is closing). */
  closeAll(): void;
  readonly size: number;
}

export function registerEventsRoute(app: FastifyInstance, service: Pick<CronbarService, 'on'>): EventStreams {
  const open = new Set<ServerResponse>();
  let unsubscribers: Array<() => void> = [];
  let heartbeat: NodeJS.Timeout | null = null;

  const broadcast = (message: string) => {
    for (const response of open) {
      // A client that stops reading must not make us buffer a chatty job's output without end.
      if (response.writableLength > MAX_BUFFERED_BYTES) response.end();
      else response.write(message);
    }
  };
  const subscribe = () => {
    unsubscribers = eventNames.map((event: EventName) =>
      service.on(event, (payload) => broadcast(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`)),
    );
    heartbeat = setInterval(() => broadcast(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
  };
  const unsubscribe = () => {
    unsubscribers.forEach((stop) => stop());
    unsubscribers = [];
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = null;
  };

  app.get(`${API_PREFIX}/events`, (_request, reply) => {
    reply.hijack();
    const response = reply.raw;
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      // nginx and similar proxies would otherwise buffer the stream.
      'x-accel-buffering': 'no',
    });
    response.write(': cronbar events\n\n');
    if (open.size === 0) subscribe();
    open.add(response);
    // The response closes when the client goes away or we end the stream.
    response.on('close', () => {
      if (open.delete(response) && open.size === 0) unsubscribe();
    });
  });
  return {
    closeAll: () => {
      for (const response of open) response.end();
      open.clear();
      unsubscribe();
    },
    get size() {
      return open.size;
    },
  };
}
