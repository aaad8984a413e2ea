/**
 * Check-ins over real HTTP: `POST /ping/<check>[/start|/fail|/<exit code>]`, the body kept as the message, the API's
 * guard on these routes too, and the contract's errors (unknown check, message over 100 KiB, exit code out of range).
 * Every answer is validated against the OpenAPI document the server serves.
 */
import Ajv2020 from 'ajv/dist/2020';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckView, PingRecord } from '../../../shared/model';
import { type Harness, type RawResponse, startHarness } from './api-harness';

const JOBS = `jobs:
  - id: local-job
    cron: "0 0 1 1 *"
    command: "true"
checks:
  - id: nas-backup
    name: NAS backup
    every: 1d
    grace: 2h
  - id: ci.nightly
    cron: "30 3 * * *"
    timezone: Europe/Berlin
`;

let api: Harness;
beforeEach(async () => {
  api = await startHarness(JOBS);
});
afterEach(async () => {
  await api.close();
});

type PingAnswer = { ok: true; value: { ping: PingRecord; check: CheckView } };

const post = (path: string, body?: string | Buffer, headers: Record<string, string> = {}) =>
  api.request({ method: 'POST', path, headers, ...(body === undefined ? {} : { body }) });

async function openApiCheck(): Promise<(path: string, status: string, response: RawResponse) => string | null> {
  const document = (await api.request({ path: '/api/v1/openapi.json' })).json() as Record<string, unknown>;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ ...document, $id: 'doc' });
  return (pathName, status, response) => {
    const pointer = `doc#/paths/${pathName.replaceAll('/', '~1')}/post/responses/${status}/content/application~1json/schema`;
    const validate = ajv.getSchema(pointer) ?? ajv.compile({ $ref: pointer });
    return validate(response.json()) ? null : `${pathName} ${status}: ${ajv.errorsText(validate.errors)}`;
  };
}

describe('POST /ping/<check>', () => {
  it('records success, start, fail and exit codes with source http and the body as message; the check state follows', async () => {
    const valid = await openApiCheck();
    // curl --data-binary labels the body a form: the ping route takes it as text whatever the label.
    const ok = await post('/ping/nas-backup', 'backup done: 3 GiB\n', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(ok.status, ok.text).toBe(200);
    const okAnswer = ok.json() as PingAnswer;
    expect(okAnswer.value.ping).toMatchObject({
      checkId: 'nas-backup',
      kind: 'success',
      source: 'http',
      message: 'backup done: 3 GiB\n',
      exitCode: null,
    });
    expect(okAnswer.value.check.state).toBe('up');
    expect(valid('/ping/{check}', '200', ok)).toBeNull();

    const started = await post('/ping/ci.nightly/start');
    expect(started.status).toBe(200);
    expect((started.json() as PingAnswer).value.ping).toMatchObject({ kind: 'start', message: null, source: 'http' });
    expect((started.json() as PingAnswer).value.check.startedAt).not.toBeNull();
    expect(valid('/ping/{check}/start', '200', started)).toBeNull();

    const failed = await post('/ping/ci.nightly/fail', JSON.stringify({ step: 'tests' }), {
      'content-type': 'application/json',
    });
    expect(failed.status).toBe(200);
    // A JSON body is a message like any other: kept as sent, not parsed.
    expect((failed.json() as PingAnswer).value.ping).toMatchObject({ kind: 'fail', message: '{"step":"tests"}' });
    expect((failed.json() as PingAnswer).value.check.state).toBe('down');

    const exit3 = await post('/ping/nas-backup/3', 'rsync: connection refused');
    expect((exit3.json() as PingAnswer).value.ping).toMatchObject({
      kind: 'exit',
      exitCode: 3,
      message: 'rsync: connection refused',
    });
    expect((exit3.json() as PingAnswer).value.check.state).toBe('down');
    expect(valid('/ping/{check}/{exitCode}', '200', exit3)).toBeNull();
    const exit0 = await post('/ping/nas-backup/0');
    expect((exit0.json() as PingAnswer).value.check.state).toBe('up');

    // The service saw the same pings, newest first.
    const { pings } = await api.service.getCheck({ id: 'nas-backup', pingLimit: 10 });
    expect(pings.map((ping) => [ping.kind, ping.exitCode, ping.source])).toEqual([
      ['exit', 0, 'http'],
      ['exit', 3, 'http'],
      ['success', null, 'http'],
    ]);
  });

  it('answers the contract errors: unknown check 404 with a did-you-mean, a message over 100 KiB and a bad exit code 400 naming the field', async () => {
    const valid = await openApiCheck();
    const unknown = await post('/ping/nas-backpu');
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: expect.stringContaining('did you mean "nas-backup"') },
    });
    expect(valid('/ping/{check}', 'default', unknown)).toBeNull();
    const job = await post('/ping/local-job');
    expect(job.status).toBe(404);
    expect((job.json() as { error: { message: string } }).error.message).toContain('a job Cronbar runs itself');

    // Over 100 KiB but far under Fastify's 1 MiB: the contract, not the framework, refuses it.
    const big = await post('/ping/nas-backup', Buffer.alloc(100 * 1024 + 1, 'x'));
    expect(big.status).toBe(400);
    expect(big.json()).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'message' } });
    expect(valid('/ping/{check}', 'default', big)).toBeNull();
    expect((await post('/ping/nas-backup', Buffer.alloc(100 * 1024, 'x'))).status).toBe(200);

    for (const segment of ['256', '1000', 'oops', '-1']) {
      const bad = await post(`/ping/nas-backup/${segment}`);
      expect(bad.status, segment).toBe(400);
      expect(bad.json(), segment).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'exitCode' } });
      expect(valid('/ping/{check}/{exitCode}', 'default', bad)).toBeNull();
    }
    // Over 1 MiB, Fastify's own limit still answers first.
    expect((await post('/ping/nas-backup', Buffer.alloc(1024 * 1024 + 1, 'x'))).status).toBe(413);
    // None of the refused pings was recorded: only the one 100 KiB success.
    const { pings } = await api.service.getCheck({ id: 'nas-backup', pingLimit: 10 });
    expect(pings.map((ping) => [ping.kind, ping.message?.length])).toEqual([['success', 100 * 1024]]);
  });

  it('passes the same guard as every route: token, Host and Origin; a refused ping records nothing', async () => {
    expect((await api.request({ method: 'POST', path: '/ping/nas-backup', noToken: true })).status).toBe(401);
    expect(
      (await api.request({ method: 'POST', path: '/ping/nas-backup', headers: { authorization: 'Bearer wrong' } }))
        .status,
    ).toBe(401);
    expect((await post('/ping/nas-backup', undefined, { host: `rebind.example:${api.server.port}` })).status).toBe(403);
    expect((await post('/ping/nas-backup/start', 'x', { origin: 'https://evil.example' })).status).toBe(403);
    expect((await api.service.getCheck({ id: 'nas-backup', pingLimit: 10 })).pings).toEqual([]);
    // A GET is not a ping.
    expect((await api.request({ path: '/ping/nas-backup' })).status).toBe(404);
  });
});
