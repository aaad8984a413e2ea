/**
 * `GET /api/v1/events`: the service's events as Server-Sent Events (https://html.spec.whatwg.org/multipage/server-sent-events.html),
 * the same map the desktop window gets over IPC: `event: run:finished` and `data: <the payload as JSON>`.
 */
import type { FastifyInstance } from 'fastify';
import type { ServerResponse } from 'node:http';
import { eventNames } from '../../../shared/api/contract';
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
    open.add(response);
    const unsubscribers = eventNames.map((event) =>
      service.on(event, (payload) => {
        // A client that stops reading must not make us buffer a chatty job's output without end.
        if (response.writableLength > MAX_BUFFERED_BYTES) return void response.end();
        response.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
      }),
    );
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const stop = () => {
      clearInterval(heartbeat);
      unsubscribers.forEach((unsubscribe) => unsubscribe());
      open.delete(response);
    };
    // The response closes when the client goes away or we end the stream.
    response.on('close', stop);
  });
  return {
    closeAll: () => {
      for (const response of open) response.end();
      open.clear();
    },
    get size() {
      return open.size;
    },
  };
}
