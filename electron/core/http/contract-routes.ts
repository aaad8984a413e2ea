/**
 * `POST /api/v1/<method>` for every service method of the contract, through the same `dispatch` as IPC: the zod input
 * schema parses the body, the Result is the body of the answer. A method added to the contract is served here
 * without a line of HTTP code, so the API cannot drift from the desktop's IPC.
 */
import type { FastifyInstance } from 'fastify';
import type { Result } from '../../../shared/api/contract';
import { type Implementation, dispatch } from '../../../shared/api/dispatch';
import type { CronbarService } from '../service/types';
import { statusForError } from './http-status';
import { API_PREFIX, serviceMethodNames } from './openapi';

export function serviceImplementation(service: CronbarService): Implementation {
  const implementation: Record<string, unknown> = {};
  // Bound per method: the dispatcher calls implementations as plain functions.
  for (const method of serviceMethodNames)
    implementation[method] = (input: never) => (service[method] as (input: never) => Promise<unknown>)(input);
  return implementation as Implementation;
}

export function httpStatusOf(result: Result<unknown>): number {
  return result.ok ? 200 : statusForError(result.error.code);
}

export function registerContractRoutes(app: FastifyInstance, implementation: Implementation): void {
  for (const method of serviceMethodNames) {
    app.post(`${API_PREFIX}/${method}`, async (request, reply) => {
      const result = await dispatch(implementation, method, request.body);
      return reply.code(httpStatusOf(result)).send(result);
    });
  }
}
