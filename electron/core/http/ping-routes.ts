/**
 * Check-ins over HTTP, as Healthchecks spells them: `POST /ping/<check>` (success), `/ping/<check>/start`,
 * `/ping/<check>/fail`, `/ping/<check>/<exit code 0-255>`. The body, whatever its content type (`curl --data-binary`
 * labels it a form), is the ping's message. Every input goes through the contract's `ping` method via `dispatch`, so
 * the 100 KiB message limit, the exit-code range and the unknown-check answer are the contract's, as over IPC and
 * `POST /api/v1/ping`. The request guard (Host, Origin, token) runs before these routes like before every other.
 */
import type { FastifyInstance } from 'fastify';
import type { ApiError, Result } from '../../../shared/api/contract';
import { type Implementation, dispatch } from '../../../shared/api/dispatch';
import { httpStatusOf } from './contract-routes';

export const PING_PREFIX = '/ping';

type PingTarget = { kind: 'success' | 'start' | 'fail' } | { kind: 'exit'; exitCode: number };

/** What the path's last segment asks for; an error naming `exitCode` when it is neither a word nor a number. */
export function pingTarget(segment: string | undefined): PingTarget | ApiError {
  if (segment === undefined) return { kind: 'success' };
  if (segment === 'start' || segment === 'fail') return { kind: segment };
  // Digits only: the contract then checks the range (0-255) and names the field itself.
  if (/^\d{1,9}$/.test(segment)) return { kind: 'exit', exitCode: Number(segment) };
  return {
    code: 'invalid-input',
    field: 'exitCode',
    message: `ping: ${JSON.stringify(segment)} is not start, fail or an exit code (0-255)`,
  };
}

const isError = (target: PingTarget | ApiError): target is ApiError => 'code' in target;

export function registerPingRoutes(app: FastifyInstance, implementation: Implementation): void {
  // An encapsulated scope: its body parser (any content type, kept as bytes) does not change the JSON API's.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    const handle = async (
      check: string,
      segment: string | undefined,
      body: unknown,
    ): Promise<{ status: number; result: Result<unknown> }> => {
      const target = pingTarget(segment);
      if (isError(target)) return { status: 400, result: { ok: false, error: target } };
      const message = Buffer.isBuffer(body) && body.length > 0 ? body.toString('utf8') : undefined;
      const result = await dispatch(implementation, 'ping', {
        check,
        ...target,
        ...(message === undefined ? {} : { message }),
        source: 'http',
      });
      return { status: httpStatusOf(result), result };
    };

    scope.post<{ Params: { check: string } }>(`${PING_PREFIX}/:check`, async (request, reply) => {
      const { status, result } = await handle(request.params.check, undefined, request.body);
      return reply.code(status).send(result);
    });
    scope.post<{ Params: { check: string; what: string } }>(`${PING_PREFIX}/:check/:what`, async (request, reply) => {
      const { status, result } = await handle(request.params.check, request.params.what, request.body);
      return reply.code(status).send(result);
    });
  });
}
