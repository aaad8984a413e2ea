/**
 * The HTTP API as a client sees it: every contract method over real HTTP, each answer validated against the OpenAPI
 * document the server itself serves (ajv, JSON Schema 2020-12), the shortcuts and the event stream.
 */
import http from 'node:http';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiErrorSchema, serviceMethods } from '../../../shared/api/contract';
import { RunRecordSchema } from '../../../shared/model';
import { type Harness, startHarness, until } from './api-harness';

const JOBS = `checks:
  - id: nas-backup
    every: 1d
jobs:
  - id: ok
    cron: "0 0 1 1 *"
    command: "echo hello from ok"
  - id: slow
    cron: "0 0 1 1 *"
    command: "sleep 30"
    overlap: skip
`;

let api: Harness;
beforeEach(async () => {
  api = await startHarness(JOBS);
});
afterEach(async () => {
  await api.close();
});

/** A validator for one operation's response, straight from the served document. */
async function validatorFor(document: Record<string, unknown>) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ ...document, $id: 'cronbar-openapi' });
  return (pathName: string, verb: string, status: string, body: unknown) => {
    const pointer = `cronbar-openapi#/paths/${pathName.replaceAll('~', '~0').replaceAll('/', '~1')}/${verb}/responses/${status}/content/application~1json/schema`;
    const validate = ajv.getSchema(pointer) ?? ajv.compile({ $ref: pointer });
    const valid = validate(body);
    return valid ? null : `${verb.toUpperCase()} ${pathName} ${status}: ${ajv.errorsText(validate.errors)}`;
  };
}

async function runToEnd(runId: number): Promise<void> {
  await until(
    async () => {
      const run = (await api.call('getRun', { runId })).json() as { value: { status: string } };
      return run.value.status !== 'running' && run.value.status !== 'queued';
    },
    10_000,
    `run ${runId} to end`,
  );
}

describe('the contract over HTTP', () => {
  it('serves an OpenAPI 3.1 document with a path for every service method, and every answer matches it', async () => {
    const document = (await api.request({ path: '/api/v1/openapi.json' })).json() as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(document.openapi).toBe('3.1.0');
    const methodPaths = Object.keys(serviceMethods).map((method) => `/api/v1/${method}`);
    for (const pathName of methodPaths) expect(document.paths[pathName]?.post, pathName).toBeDefined();
    // Nothing the server lacks: every POST path under /api/v1 is a method or the run shortcut.
    const posts = Object.entries(document.paths)
      .filter(([, item]) => 'post' in item)
      .map(([name]) => name);
    const pingPaths = ['/ping/{check}', '/ping/{check}/start', '/ping/{check}/fail', '/ping/{check}/{exitCode}'];
    expect(posts.sort()).toEqual([...methodPaths, '/api/v1/schedules/{id}/run', ...pingPaths].sort());
    const check = await validatorFor(document);
    // The validator has teeth: a status without its fields is not a status.
    expect(check('/api/v1/status', 'post', '200', { ok: true, value: { running: 'many' } })).toMatch(/must/);

    const started = (await api.call('runNow', { id: 'ok' })).json() as { value: { runId: number } };
    await runToEnd(started.value.runId);
    const { version } = ((await api.call('readConfig', {})).json() as { value: { version: string } }).value;
    // One valid call per method, in an order where each has something to act on.
    const calls: Array<[string, unknown]> = [
      ['listJobs', {}],
      ['getJob', { id: 'ok', fireCount: 3 }],
      ['upcoming', { count: 5 }],
      ['previewSchedule', { cron: '*/5 * * * *', timezone: 'UTC' }],
      ['runNow', { id: 'ok' }],
      ['cancelRun', { runId: started.value.runId }],
      ['pauseJob', { id: 'ok', until: null }],
      ['resumeJob', { id: 'ok' }],
      ['pauseAll', { until: Date.now() + 60_000 }],
      ['resumeAll', {}],
      ['status', {}],
      ['history', { jobId: 'ok', limit: 10 }],
      ['getRun', { runId: started.value.runId }],
      ['runOutput', { runId: started.value.runId }],
      ['runDeliveries', { runId: started.value.runId }],
      ['readConfig', {}],
      ['validateConfig', { text: JOBS }],
      ['writeConfig', { text: `${JOBS}  - id: extra\n    every: 1h\n    command: "true"\n`, baseVersion: version }],
      ['saveJob', { job: { id: 'added', every: '2h', command: 'true' } }],
      ['setJobEnabled', { id: 'added', enabled: false }],
      ['deleteJob', { id: 'added' }],
      ['configHistory', { limit: 10 }],
      ['configRevision', { rev: 1 }],
      ['configDiff', { rev: 1, to: 2 }],
      ['previewConfigChange', { change: { kind: 'setJobEnabled', id: 'ok', enabled: false } }],
      ['revertConfig', { rev: 4 }],
      ['saveChannel', { name: 'hook', channel: { command: { run: 'true' } } }],
      ['listChannels', {}],
      ['testChannel', { name: 'hook' }],
      ['deleteChannel', { name: 'hook' }],
      ['ping', { check: 'nas-backup', kind: 'exit', exitCode: 0, message: 'done' }],
      ['listChecks', {}],
      ['getCheck', { id: 'nas-backup', pingLimit: 5 }],
      ['durationStats', { id: 'ok' }],
      ['jobEnvironment', { id: 'ok' }],
      ['testRun', { id: 'ok', force: true }],
      ['backfill', { id: 'ok', from: Date.now() - 86_400_000, to: Date.now(), dryRun: true }],
      ['downtime', {}],
      ['previewImport', { format: 'crontab', files: [{ name: 'crontab', text: '15 4 * * * /usr/bin/true\n' }] }],
      ['importJobs', { format: 'crontab', files: [{ name: 'crontab', text: '15 4 * * * /usr/bin/true\n' }] }],
      ['whyNotRun', { id: 'ok', at: Date.now() - 3_600_000 }],
      ['proposeEdit', { job: { id: 'proposed', every: '3h', command: 'true' } }],
      // The token comes from a proposal made on the file as it is by then.
      [
        'applyEdit',
        async () => ({
          token: (
            (await api
              .call('proposeEdit', { job: { id: 'applied', every: '3h', command: 'true' } })
              .then((response) => response.json())) as {
              value: { token: string };
            }
          ).value.token,
        }),
      ],
      ['disableCrontabLines', { lines: [{ text: '15 4 * * * /usr/bin/true', jobId: 'true' }] }],
      [
        'fireDensity',
        { from: Date.parse('2026-01-01T00:00:00Z'), to: Date.parse('2026-01-08T00:00:00Z'), bucketMs: 900_000 },
      ],
    ];
    expect(calls.map(([method]) => method).sort()).toEqual(Object.keys(serviceMethods).sort());
    const problems: string[] = [];
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema({ ...document, $id: 'inputs' });
    // disableCrontabLines edits "the user's crontab": here a stand-in crontab(1) on PATH, never the machine's.
    const fakeBin = path.join(api.dir, 'bin');
    fs.mkdirSync(fakeBin, { recursive: true });
    const table = path.join(api.dir, 'crontab-table');
    fs.writeFileSync(table, '15 4 * * * /usr/bin/true\n');
    fs.writeFileSync(
      path.join(fakeBin, 'crontab'),
      `#!/bin/sh\nif [ "$1" = -l ]; then cat '${table}'; else cat > '${table}'; fi\n`,
      { mode: 0o755 },
    );
    const pathBefore = process.env.PATH;
    process.env.PATH = `${fakeBin}:${pathBefore}`;
    try {
      for (const [method, given] of calls) {
        const body = typeof given === 'function' ? await (given as () => Promise<unknown>)() : given;
        // The document's input schema takes what the server takes.
        const input = ajv.compile({ $ref: `inputs#/components/schemas/${method}Input` });
        if (!input(body)) problems.push(`${method} input: ${ajv.errorsText(input.errors)}`);
        const response = await api.call(method, body);
        expect(response.status, `${method}: ${response.text}`).toBe(200);
        const problem = check(`/api/v1/${method}`, 'post', '200', response.json());
        if (problem) problems.push(problem);
      }
    } finally {
      process.env.PATH = pathBefore;
    }
    expect(fs.readFileSync(table, 'utf8')).toMatch(/^# moved to Cronbar .* \(job true\): 15 4/);
    expect(problems).toEqual([]);
    expect(
      ((await api.call('runOutput', { runId: started.value.runId })).json() as { value: { text: string } }).value.text,
    ).toContain('hello from ok');
    expect(fs.readFileSync(path.join(api.dir, 'jobs.yaml'), 'utf8')).toContain('id: extra');
    // Every write through the API is the API's in the jobs file history.
    const log = (await api.call('configHistory', { limit: 50 })).json() as {
      value: { revisions: Array<{ origin: string }> };
    };
    expect(new Set(log.value.revisions.map((entry) => entry.origin))).toEqual(new Set(['api']));

    // Errors match the document too.
    const missing = await api.call('getRun', { runId: 999_999 });
    expect(missing.status).toBe(404);
    expect(check('/api/v1/getRun', 'post', 'default', missing.json())).toBeNull();
  });

  it('parses input with the contract schema and names the bad field, changing nothing', async () => {
    const before = fs.readFileSync(path.join(api.dir, 'jobs.yaml'), 'utf8');
    const wrongType = await api.call('getRun', { runId: 'seven' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json()).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'runId' } });
    const nested = await api.call('history', { statuses: ['succeeded', 'exploded'] });
    expect(nested.json()).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'statuses.1' } });
    const badWrite = await api.call('writeConfig', { text: 'jobs: [', baseVersion: 42 });
    expect(badWrite.json()).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'baseVersion' } });
    expect(fs.readFileSync(path.join(api.dir, 'jobs.yaml'), 'utf8')).toBe(before);
    const notJson = await api.request({
      method: 'POST',
      path: '/api/v1/status',
      headers: { 'content-type': 'application/json' },
      body: '{"oops',
    });
    expect(notJson.status).toBe(400);
    expect(notJson.json()).toMatchObject({ ok: false, error: { code: 'invalid-input', field: '(body)' } });
    const invalidConfig = await api.call('writeConfig', {
      text: 'jobs:\n  - id: x\n    every: soon\n    command: "true"\n',
      baseVersion: 'whatever',
    });
    expect(invalidConfig.status).toBeGreaterThanOrEqual(400);
    expect(fs.readFileSync(path.join(api.dir, 'jobs.yaml'), 'utf8')).toBe(before);
  });

  it('places alias problems in a jobs-file text: validateConfig lists them, writeConfig refuses with 422', async () => {
    const before = fs.readFileSync(path.join(api.dir, 'jobs.yaml'), 'utf8');
    let bomb = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let level = 1; level <= 9; level += 1)
      bomb += `a${level}: &a${level} [${Array.from({ length: 10 }, () => `*a${level - 1}`).join(', ')}]\n`;
    const unanchored = 'jobs:\n  - id: a\n    <<: *x\n    every: 1h\n    command: echo\n';
    for (const [text, line, col] of [
      [unanchored, 3, 9],
      [bomb, 6, 45],
    ] as const) {
      const checked = await api.call('validateConfig', { text });
      expect(checked.status).toBe(200);
      expect(checked.json()).toMatchObject({ ok: true, value: { ok: false, issues: [{ line, col }] } });
      const written = await api.call('writeConfig', { text, baseVersion: 'a'.repeat(64) });
      expect(written.status).toBe(422);
      expect(written.json()).toMatchObject({ ok: false, error: { code: 'invalid-config', issues: [{ line, col }] } });
    }
    expect(fs.readFileSync(path.join(api.dir, 'jobs.yaml'), 'utf8')).toBe(before);
  });

  it('takes an empty POST as empty input, and answers unknown routes with the contract error', async () => {
    const bare = await api.request({ method: 'POST', path: '/api/v1/listJobs' });
    expect(bare.status).toBe(200);
    expect((bare.json() as { value: Array<{ id: string }> }).value.map((job) => job.id)).toEqual(['ok', 'slow']);
    const labelledEmpty = await api.request({
      method: 'POST',
      path: '/api/v1/status',
      headers: { 'content-type': 'application/json', 'content-length': '0' },
    });
    expect(labelledEmpty.status).toBe(200);
    const unknown = await api.request({ method: 'POST', path: '/api/v1/launchMissiles' });
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toMatchObject({ ok: false, error: { code: 'not-found' } });
    // Desktop-only methods are not served: they would act on a window the API has not got.
    expect((await api.request({ method: 'POST', path: '/api/v1/openDataFolder' })).status).toBe(404);
  });
});

/** The contract's failure body, exactly: `{ ok: false, error: ApiError }` and nothing else. */
const FailureSchema = z.strictObject({ ok: z.literal(false), error: ApiErrorSchema.strict() });

/** Sends raw bytes on a fresh connection and returns all the server writes before it closes. */
function rawExchange(port: number, bytes: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    let received = '';
    const socket = net.connect({ host: '127.0.0.1', port }, () => socket.write(bytes));
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    socket.on('error', () => {});
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0);
      const body = received.slice(received.indexOf('\r\n\r\n') + 4);
      try {
        resolve({ status, body: JSON.parse(body) as unknown });
      } catch {
        reject(new Error(`not JSON: ${JSON.stringify(received.slice(0, 300))}`));
      }
    });
  });
}

describe('errors the framework finds before any route runs', () => {
  it('keep their status and answer in the contract error shape', async () => {
    const tooLong = await api.request({ method: 'POST', path: `/api/v1/schedules/${'x'.repeat(5000)}/run` });
    expect(tooLong.status).toBe(414);
    expect(FailureSchema.parse(tooLong.json())).toMatchObject({ error: { code: 'invalid-input', field: '(path)' } });
    expect(tooLong.text.length).toBeLessThan(1000);

    const badEncoding = await api.request({ method: 'POST', path: '/api/v1/schedules/%E0%A4%A/run' });
    expect(badEncoding.status).toBe(400);
    expect(FailureSchema.parse(badEncoding.json())).toMatchObject({
      error: { code: 'invalid-input', field: '(path)' },
    });

    const unknownRoute = await api.request({ path: '/api/v1/nope' });
    expect(unknownRoute.status).toBe(404);
    expect(FailureSchema.parse(unknownRoute.json()).error.code).toBe('not-found');

    const notJson = await api.request({
      method: 'POST',
      path: '/api/v1/status',
      headers: { 'content-type': 'application/json' },
      body: '{"oops',
    });
    expect(notJson.status).toBe(400);
    FailureSchema.parse(notJson.json());

    const tooBig = await api.request({
      method: 'POST',
      path: '/api/v1/validateConfig',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x'.repeat(1_100_000) }),
    });
    expect(tooBig.status).toBe(413);
    FailureSchema.parse(tooBig.json());

    // Not HTTP at all, and headers over Node's 16 KiB: answered on the socket before any request exists.
    const garbage = await rawExchange(api.server.port, 'HELLO THERE\r\n\r\n');
    expect(garbage.status).toBe(400);
    expect(FailureSchema.parse(garbage.body).error.code).toBe('invalid-input');
    const hugeHeaders = await rawExchange(
      api.server.port,
      `GET /api/v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'y'.repeat(20_000)}\r\n\r\n`,
    );
    expect(hugeHeaders.status).toBe(431);
    expect(FailureSchema.parse(hugeHeaders.body).error.field).toBe('(headers)');
  });

  it('a request whose headers do not arrive in time gets 408 in the contract shape', async () => {
    const slow = await startHarness(JOBS, { timeouts: { headersMs: 300, checkIntervalMs: 50 } });
    try {
      const answer = await rawExchange(slow.server.port, 'GET /api/v1/status HTTP/1.1\r\n');
      expect(answer.status).toBe(408);
      expect(FailureSchema.parse(answer.body).error.code).toBe('invalid-input');
    } finally {
      await slow.close();
    }
  });
});

describe('timestamps in the input', () => {
  it('past what a Date can hold are refused with 400 naming the field, and nothing changes', async () => {
    const preview = await api.call('previewSchedule', { every: '1s', from: 9007199254740991 });
    expect(preview.status).toBe(400);
    expect(FailureSchema.parse(preview.json()).error).toMatchObject({ code: 'invalid-input', field: 'from' });
    expect((preview.json() as { error: { message: string } }).error.message).toContain('9999-12-31');
    const pause = await api.call('pauseAll', { until: 8.64e15 + 1 });
    expect(pause.status).toBe(400);
    expect(FailureSchema.parse(pause.json()).error.field).toBe('until');
    expect(((await api.call('status', {})).json() as { value: { pausedAll: boolean } }).value.pausedAll).toBe(false);
    for (const [method, input, field] of [
      ['upcoming', { until: 1e17 }, 'until'],
      ['history', { since: 1e17 }, 'since'],
      ['downtime', { since: 1e17 }, 'since'],
      ['pauseJob', { id: 'ok', until: 1e17 }, 'until'],
    ] as const) {
      const response = await api.call(method, input);
      expect(response.status, method).toBe(400);
      expect(FailureSchema.parse(response.json()).error.field, method).toBe(field);
    }
    // The last millisecond of year 9999 is fine, and every fire shown is a real date.
    const latest = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
    const edge = await api.call('previewSchedule', { every: '1d', from: latest, count: 50 });
    expect(edge.status).toBe(200);
    for (const fire of (edge.json() as { value: { fires: number[] } }).value.fires)
      expect(Number.isNaN(new Date(fire).getTime())).toBe(false);
  });
});

describe('the schedules shortcuts', () => {
  it('lists every job with its next run, and runs one now, honouring its overlap policy', async () => {
    const list = await api.request({ path: '/api/v1/schedules' });
    expect(list.status).toBe(200);
    const entries = (list.json() as { value: Array<{ id: string; nextFireAt: number; schedule: { text: string } }> })
      .value;
    const next = ((await api.call('getJob', { id: 'slow' })).json() as { value: { nextFires: number[] } }).value
      .nextFires[0];
    expect(entries.find((entry) => entry.id === 'slow')).toMatchObject({
      nextFireAt: next,
      schedule: { text: '0 0 1 1 *' },
    });

    const first = await api.request({ method: 'POST', path: '/api/v1/schedules/slow/run' });
    expect(first.status).toBe(202);
    const runId = (first.json() as { value: { runId: number } }).value.runId;
    const second = await api.request({ method: 'POST', path: '/api/v1/schedules/slow/run' });
    expect(second.status).toBe(409);
    expect((second.json() as { value: { refused: string } }).value.refused).toMatch(/running/);
    await api.call('cancelRun', { runId });
    const missing = await api.request({ method: 'POST', path: '/api/v1/schedules/nope/run' });
    expect(missing.status).toBe(404);
    expect(missing.json()).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('the event stream', () => {
  it('sends the IPC events as Server-Sent Events: a run started and finished, with its record', async () => {
    const received: Array<{ event: string; data: unknown }> = [];
    const stream = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http
        .get(
          {
            host: '127.0.0.1',
            port: api.server.port,
            path: '/api/v1/events',
            headers: { authorization: `Bearer ${api.token}` },
          },
          resolve,
        )
        .on('error', reject);
    });
    expect(stream.statusCode).toBe(200);
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
    let buffer = '';
    stream.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.+)$/m.exec(message)?.[1];
        const data = /^data: (.+)$/m.exec(message)?.[1];
        if (event && data) received.push({ event, data: JSON.parse(data) });
      }
    });
    await until(async () => (await api.call('status', {})).status === 200, 1000, 'status');
    const { runId } = ((await api.call('runNow', { id: 'ok' })).json() as { value: { runId: number } }).value;
    const finished = await until(
      async () => received.find((message) => message.event === 'run:finished'),
      10_000,
      'run:finished on the stream',
    );
    expect(RunRecordSchema.parse(finished.data)).toMatchObject({ id: runId, jobId: 'ok', status: 'succeeded' });
    expect(received.map((message) => message.event)).toContain('run:started');
    stream.destroy();
    // The server closes even with a stream open (none left hanging).
  });
});
