/** A real core on a temp data directory with the HTTP API on an ephemeral loopback port, and raw HTTP helpers. */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { type ApiServer, type ApiServerOptions, startApiServer } from '../../../electron/core/http/api-server';
import { openCronbar } from '../../../electron/core/service/open-cronbar';
import type { CronbarService } from '../../../electron/core/service/types';

export interface Harness {
  dir: string;
  service: CronbarService;
  server: ApiServer;
  token: string;
  /** POST /api/v1/<method> with the token. */
  call(method: string, body?: unknown): Promise<RawResponse>;
  request(options: RawRequest): Promise<RawResponse>;
  close(): Promise<void>;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Leave the token out (the default sends it). */
  noToken?: boolean;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: () => unknown;
}

export function tempDataDir(jobsYaml: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-http-'));
  fs.writeFileSync(path.join(dir, 'jobs.yaml'), jobsYaml);
  return dir;
}

/** node:http rather than fetch: fetch does not let a test send its own Host header. */
export function rawRequest(
  port: number,
  request: RawRequest & { token?: string },
  host = '127.0.0.1',
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {
      ...(request.token && !request.noToken ? { authorization: `Bearer ${request.token}` } : {}),
      ...request.headers,
    };
    // A fresh connection each time (no keep-alive agent), so a closed server shows as refused, not as a hung-up socket.
    const req = http.request(
      { host, port, method: request.method ?? 'GET', path: request.path, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) as unknown });
        });
      },
    );
    req.on('error', reject);
    if (request.body !== undefined) req.write(request.body);
    req.end();
  });
}

export async function startHarness(
  jobsYaml: string,
  options: Partial<Omit<ApiServerOptions, 'service'>> = {},
): Promise<Harness> {
  const dir = tempDataDir(jobsYaml);
  const service = await openCronbar({ dataDir: dir, schedule: true, killGraceMs: 200 });
  const server = await startApiServer({
    service,
    listen: { host: '127.0.0.1', port: 0 },
    kind: 'test',
    version: 'test',
    ...options,
  });
  const token = fs.readFileSync(path.join(dir, 'api-token'), 'utf8').trim();
  const harness: Harness = {
    dir,
    service,
    server,
    token,
    request: (request) => rawRequest(server.port, { ...request, token: harness.token }),
    call: (method, body) =>
      harness.request({
        method: 'POST',
        path: `/api/v1/${method}`,
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      }),
    close: async () => {
      await server.close();
      await service.shutdown({ graceMs: 0 });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

export async function until<T>(
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
