import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActionRunner } from '../../../electron/core/runner/action-runner';
import { HTTP_BODY_PREVIEW_BYTES } from '../../../electron/core/runner/http-action';
import type { ActionSpec, JobSpec } from '../../../shared/config/schema';
import { jobWith, manualRun } from './runner-fixtures';

let server: http.Server;
let base: string;
const hanging = new Set<http.ServerResponse>();
let lastRequest: { method: string; header: string | undefined; body: string } | null = null;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      lastRequest = { method: request.method ?? '', header: request.headers['x-token'] as string | undefined, body };
      switch (request.url) {
        case '/ok':
          response.end('all good\n');
          break;
        case '/down':
          response.writeHead(503, { 'content-type': 'text/plain' }).end('maintenance until 3am');
          break;
        case '/created':
          response.writeHead(201).end();
          break;
        case '/big':
          response.end('x'.repeat(100_000));
          break;
        case '/hang':
          hanging.add(response);
          break;
        case '/slow-body':
          response.writeHead(200);
          response.write('first part ');
          hanging.add(response);
          break;
        default:
          response.writeHead(404).end('no such page');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const response of hanging) response.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const httpJob = (
  path: string,
  extra: Partial<Extract<ActionSpec, { kind: 'http' }>> = {},
  overrides: Partial<JobSpec> = {},
) =>
  jobWith(
    {
      kind: 'http',
      url: `${base}${path}`,
      method: 'GET',
      headers: {},
      body: null,
      expectStatus: null,
      timeoutMs: null,
      ...extra,
    },
    overrides,
  );
const runJob = (job: JobSpec) => createActionRunner({ dataDir: '/nonexistent' }).start(job, manualRun);
const text = (buffer: Buffer) => buffer.toString('utf8');

describe('http actions', () => {
  it('succeeds on a 2xx and records the status line, the time and the body', async () => {
    const running = runJob(httpJob('/ok'));
    expect(running.pid).toBeNull();
    const result = await running.done;
    expect(result).toMatchObject({ status: 'succeeded', exitCode: null, signal: null, reason: null });
    expect(text(result.outputTail)).toMatch(new RegExp(`^GET ${base}/ok → 200 OK in \\d+ ms\nall good\n$`));
    expect(result.outputBytes).toBe(result.outputTail.length);
  });

  it('fails on a status outside 200-299 and keeps the error page', async () => {
    const result = await runJob(httpJob('/down')).done;
    expect(result).toMatchObject({
      status: 'failed',
      exitCode: null,
      reason: 'HTTP 503 Service Unavailable (expected 200-299)',
    });
    expect(text(result.outputTail)).toMatch(/→ 503 Service Unavailable in \d+ ms\nmaintenance until 3am\n$/);
  });

  it('judges by expectStatus when given, both ways', async () => {
    const notFoundIsFine = await runJob(httpJob('/missing', { expectStatus: [404] })).done;
    expect(notFoundIsFine.status).toBe('succeeded');
    const only200 = await runJob(httpJob('/created', { expectStatus: [200, 204] })).done;
    expect(only200).toMatchObject({ status: 'failed', reason: 'HTTP 201 Created (expected 200, 204)' });
  });

  it('sends the method, headers and body', async () => {
    const result = await runJob(
      httpJob('/ok', { method: 'POST', headers: { 'X-Token': 'secret' }, body: '{"ping":1}' }),
    ).done;
    expect(result.status).toBe('succeeded');
    expect(lastRequest).toEqual({ method: 'POST', header: 'secret', body: '{"ping":1}' });
    expect(text(result.outputTail)).toMatch(/^POST /);
  });

  it('keeps only the first few KiB of a large body', async () => {
    const result = await runJob(httpJob('/big')).done;
    expect(result.status).toBe('succeeded');
    const output = text(result.outputTail);
    expect(output.split('x').length - 1).toBe(HTTP_BODY_PREVIEW_BYTES);
    expect(output).toContain(`[cronbar] body cut after ${HTTP_BODY_PREVIEW_BYTES} bytes`);
  });

  it('fails with the network error when nothing listens', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));

    const job = jobWith({
      kind: 'http',
      url: `http://127.0.0.1:${port}/health`,
      method: 'GET',
      headers: {},
      body: null,
      expectStatus: null,
      timeoutMs: null,
    });
    const result = await runJob(job).done;
    expect(result.status).toBe('failed');
    expect(result.reason).toBe(`connect ECONNREFUSED 127.0.0.1:${port}`);
    expect(text(result.outputTail)).toMatch(
      new RegExp(`^GET http://127.0.0.1:${port}/health → connect ECONNREFUSED .* after \\d+ ms\n$`),
    );
  });

  it('times out after http.timeout when the server never answers', async () => {
    const result = await runJob(httpJob('/hang', { timeoutMs: 300 }, { timeoutMs: 60_000 })).done;
    expect(result).toMatchObject({ status: 'timed-out', reason: 'timed out after 300ms' });
    expect(text(result.outputTail)).toBe(`GET ${base}/hang → no answer: timed out after 300ms\n`);
  });

  it('falls back to the job timeout, and also covers a body that never ends', async () => {
    const result = await runJob(httpJob('/slow-body', {}, { timeoutMs: 300 })).done;
    expect(result).toMatchObject({ status: 'timed-out', reason: 'timed out after 300ms' });
    expect(text(result.outputTail)).toMatch(
      /→ 200 OK in \d+ ms\nfirst part \[cronbar\] timed out after 300ms while reading the body\n$/,
    );
  });

  it('stops on cancel with the given reason', async () => {
    const running = runJob(httpJob('/hang'));
    setTimeout(() => running.cancel('paused by the user'), 50);
    const result = await running.done;
    expect(result).toMatchObject({ status: 'interrupted', reason: 'paused by the user' });
  });

  it('reports an injected fetch that throws as a failure, never a rejection', async () => {
    const fetch = (async () => {
      throw new Error('proxy misconfigured');
    }) as typeof globalThis.fetch;
    const result = await createActionRunner({ dataDir: '/nonexistent', fetch }).start(httpJob('/ok'), manualRun).done;
    expect(result).toMatchObject({ status: 'failed', reason: 'proxy misconfigured' });
  });
});
