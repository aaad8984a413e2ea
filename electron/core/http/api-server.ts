/**
 * The local HTTP API (Fastify 5): the contract's service methods, the schedules shortcuts, Server-Sent Events, the
 * OpenAPI document, `/metrics`, the check-in pings (`/ping/<check>`) and the MCP server (`/mcp`), behind the request guard (Host, Origin, bearer token) and a 1 MiB body limit.
 * It shares the scheduler's process, so what a client can cost it is bounded: connections (MAX_CONNECTIONS), how long
 * they may idle (CONNECTION_TIMEOUTS) and the log lines refusals write (refusal-log.ts).
 * Only the process that schedules a data directory serves it; it writes `<data>/api.json` once it listens.
 */
import os from 'node:os';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import type { CronbarService } from '../service/types';
import { TokenSource } from './api-token';
import { removeEndpoint, writeEndpoint } from './api-endpoint-file';
import { registerContractRoutes, serviceImplementation } from './contract-routes';
import { registerEventsRoute } from './events-route';
import { registerMcpRoute } from './mcp-route';
import { BODY_LIMIT_BYTES, type Failure, MAX_PARAM_LENGTH, clientError, frameworkError } from './framework-errors';
import { hostPort, isLoopbackHost, isWildcardHost, type ListenAddress } from './listen-address';
import { CronbarMetrics } from './metrics/cronbar-metrics';
import { API_PREFIX, buildOpenApiDocument } from './openapi';
import { checkRequest, loopbackHosts, normaliseOrigin } from './request-guard';
import { registerPingRoutes } from './ping-routes';
import { RefusalLog } from './refusal-log';
import { registerScheduleRoutes } from './schedule-routes';

/**
 * Open connections at most, event streams included; one more is closed as soon as it is accepted. The listener shares
 * the scheduler's descriptor table, so without a cap idle sockets from any local user can take every descriptor and
 * make every job fail to start (EMFILE). 64 serves a local dashboard (a browser opens at most 6 connections per
 * host), a few event streams, a Prometheus scrape and CLI calls, and leaves most of even a 1 024 limit to jobs (at
 * most 64 run at once, a few pipes each). Fixed rather than read from the fd limit: Node has no getrlimit, and the
 * limit only matters when it is low, where 64 is what fits.
 */
export const MAX_CONNECTIONS = 64;

/** How long a loopback client may take; Node's defaults are made for the internet (a socket sending nothing lives ~85 s). */
export interface ConnectionTimeouts {
  /** From connecting to the end of the request headers. */
  headersMs: number;
  /** From connecting to the end of the request body (a 1 MiB body over loopback takes milliseconds). */
  requestMs: number;
  /** Idle between two requests on one connection. */
  keepAliveMs: number;
  /** No byte either way (a client that stops reading its answer); above the event stream's 15 s heartbeat. */
  inactivityMs: number;
  /** How often the headers and request deadlines are checked. */
  checkIntervalMs: number;
}

export const CONNECTION_TIMEOUTS: ConnectionTimeouts = {
  headersMs: 10_000,
  requestMs: 30_000,
  keepAliveMs: 5_000,
  inactivityMs: 60_000,
  checkIntervalMs: 1_000,
};

export interface ApiServerOptions {
  service: CronbarService;
  listen: ListenAddress;
  /** Origins allowed to send requests (none by default: a request with an Origin header is refused). */
  allowedOrigins?: readonly string[];
  /** Serve `/metrics` without the token. */
  metricsNoAuth?: boolean;
  /** Who serves, for `<data>/api.json` (`daemon`, `app`). */
  kind: string;
  version: string;
  log?: (line: string) => void;
  /** Default MAX_CONNECTIONS. */
  maxConnections?: number;
  /** Default CONNECTION_TIMEOUTS. */
  timeouts?: Partial<ConnectionTimeouts>;
  /** Let `/mcp` clients run, pause and edit (default: read-only, like `cronbar mcp`). */
  mcpAllowChanges?: boolean;
}

export interface ApiServer {
  /** `http://127.0.0.1:7370` (the real port when 0 was asked for). */
  readonly url: string;
  readonly port: number;
  readonly fastify: FastifyInstance;
  close(): Promise<void>;
}

const sendFailure = (reply: FastifyReply, { status, body }: Failure) =>
  reply.code(status).header('cache-control', 'no-store').send(body);

/** `Host` values this server answers to: loopback names and the listen address with the real port. */
function allowedHosts(listen: ListenAddress, port: number): Set<string> {
  const hosts = new Set(loopbackHosts(port));
  hosts.add(hostPort(listen.host, port).toLowerCase());
  if (isWildcardHost(listen.host)) {
    // Listening on every interface: the machine's own addresses and name are this server too.
    hosts.add(`${os.hostname().toLowerCase()}:${port}`);
    for (const addresses of Object.values(os.networkInterfaces()))
      for (const address of addresses ?? []) hosts.add(hostPort(address.address, port).toLowerCase());
  }
  return hosts;
}

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const { service, listen } = options;
  const log = options.log ?? (() => {});
  const allowedOrigins = (options.allowedOrigins ?? []).map(normaliseOrigin);
  const metricsNoAuth = options.metricsNoAuth === true;
  const tokens = new TokenSource(service.dataDir);
  const timeouts = { ...CONNECTION_TIMEOUTS, ...options.timeouts };
  const app = Fastify({
    bodyLimit: BODY_LIMIT_BYTES,
    logger: false,
    return503OnClosing: true,
    http: { headersTimeout: timeouts.headersMs, connectionsCheckingInterval: timeouts.checkIntervalMs },
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    connectionTimeout: timeouts.inactivityMs,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // Typed generically over every route's reply schema; ours have none.
    frameworkErrors: (error, _request, reply) => sendFailure(reply as FastifyReply, frameworkError(error)),
    clientErrorHandler: clientError,
  });
  app.server.maxConnections = options.maxConnections ?? MAX_CONNECTIONS;
  let hosts = new Set<string>();
  const metrics = new CronbarMetrics(service);
  const refusals = new RefusalLog({ log });

  app.addHook('onRequest', async (request, reply) => {
    const refusal = checkRequest(
      { url: request.url, headers: request.headers },
      { allowedHosts: () => hosts, allowedOrigins, token: () => tokens.current(), metricsNoAuth },
    );
    if (refusal) {
      refusals.record(refusal.reason, request, refusal.error.message);
      metrics.countRefusal(refusal.reason);
      return reply
        .code(refusal.status)
        .headers({ ...refusal.headers, 'cache-control': 'no-store' })
        .send({ ok: false, error: refusal.error });
    }
    // An empty POST means "no input" (`curl -X POST`), even when the client labels it JSON.
    if (request.headers['content-length'] === '0') delete request.headers['content-type'];
    reply.header('cache-control', 'no-store');
  });
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const { status, body } = frameworkError(error);
    if (status >= 500) log(`api: ${error.stack ?? error.message}`);
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      ok: false,
      error: {
        code: 'not-found',
        message: `no route ${request.method} ${request.url.split('?')[0]}; the routes are listed at GET ${API_PREFIX}/openapi.json`,
      },
    }),
  );

  // Writes through the API are recorded as the API's in the jobs file history.
  const implementation = serviceImplementation(service.forOrigin('api'));
  registerContractRoutes(app, implementation);
  registerScheduleRoutes(app, implementation);
  registerPingRoutes(app, implementation);
  registerMcpRoute(app, serviceImplementation(service.forOrigin('mcp')), {
    allowChanges: options.mcpAllowChanges === true,
    version: options.version,
  });
  const streams = registerEventsRoute(app, service);
  const openapi = buildOpenApiDocument(options.version);
  app.get(`${API_PREFIX}/openapi.json`, async () => openapi);
  app.get('/metrics', async (_request, reply) => {
    const scrape = await metrics.scrape();
    return reply.type(metrics.contentType).send(scrape);
  });
  app.addHook('preClose', async () => streams.closeAll());

  await app.listen({ host: listen.host, port: listen.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : listen.port;
  hosts = allowedHosts(listen, port);
  const urlHost = isWildcardHost(listen.host) ? '127.0.0.1' : listen.host;
  const url = `http://${hostPort(urlHost, port)}`;
  if (!isLoopbackHost(listen.host))
    log(
      `api: listening on ${hostPort(listen.host, port)}, reachable from other machines; plain HTTP, every request needs the token`,
    );
  writeEndpoint(service.dataDir, { pid: process.pid, kind: options.kind, url, startedAt: Date.now(), metricsNoAuth });
  log(`api: listening on ${url} (token in ${tokens.path}${metricsNoAuth ? '; /metrics without token' : ''})`);
  // Read the history now, so the first scrape does not pay for it.
  void metrics.sync().catch((error: unknown) => log(`api: metrics: ${(error as Error).message}`));

  let closed: Promise<void> | null = null;
  return {
    url,
    port,
    fastify: app,
    close() {
      closed ??= (async () => {
        removeEndpoint(service.dataDir);
        await app.close();
        refusals.flush();
      })();
      return closed;
    },
  };
}
