/** The two shortcuts the original scheduler offered: the jobs with their next run, and run-now by id. */
import type { FastifyInstance } from 'fastify';
import { type Implementation, dispatch } from '../../../shared/api/dispatch';
import { httpStatusOf } from './contract-routes';
import { API_PREFIX } from './openapi';
import { toScheduleEntry } from './schedule-entry';

export function registerScheduleRoutes(app: FastifyInstance, implementation: Implementation): void {
  app.get(`${API_PREFIX}/schedules`, async (_request, reply) => {
    const result = await dispatch(implementation, 'listJobs', {});
    if (!result.ok) return reply.code(httpStatusOf(result)).send(result);
    return reply.send({ ok: true, value: result.value.map(toScheduleEntry) });
  });

  app.post<{ Params: { id: string } }>(`${API_PREFIX}/schedules/:id/run`, async (request, reply) => {
    // Never forced: the job's overlap policy decides, as the scheduler's own fires do.
    const result = await dispatch(implementation, 'runNow', { id: request.params.id, force: false });
    if (!result.ok) return reply.code(httpStatusOf(result)).send(result);
    return reply.code(result.value.refused === null ? 202 : 409).send(result);
  });
}
