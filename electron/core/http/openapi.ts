/**
 * The OpenAPI 3.1 document, generated from the contract's zod schemas (zod 4's `z.toJSONSchema`, JSON Schema 2020-12,
 * which OpenAPI 3.1 uses as is). Every service method is one `POST /api/v1/<method>`: the document cannot list a
 * route the server lacks, nor miss one.
 */
import { z } from 'zod';
import {
  ApiErrorSchema,
  events,
  eventNames,
  serviceMethods,
  type ServiceMethodName,
} from '../../../shared/api/contract';
import { ScheduleEntrySchema } from './schedule-entry';

export const API_PREFIX = '/api/v1';
export const serviceMethodNames = Object.keys(serviceMethods) as ServiceMethodName[];

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    io,
    target: 'draft-2020-12',
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function okResult(value: JsonSchema): JsonSchema {
  return {
    type: 'object',
    properties: { ok: { const: true }, value },
    required: ['ok', 'value'],
    additionalProperties: false,
  };
}

const errorResponse = {
  description: 'A Result with ok: false; the error names the field for invalid input.',
  content: { 'application/json': { schema: ref('ErrorResult') } },
};

export function buildOpenApiDocument(version: string): JsonSchema {
  const schemas: Record<string, JsonSchema> = {
    ApiError: jsonSchema(ApiErrorSchema, 'output'),
    ErrorResult: {
      type: 'object',
      properties: { ok: { const: false }, error: ref('ApiError') },
      required: ['ok', 'error'],
      additionalProperties: false,
    },
    ScheduleEntry: jsonSchema(ScheduleEntrySchema, 'output'),
  };
  const paths: Record<string, JsonSchema> = {};
  for (const method of serviceMethodNames) {
    const entry = serviceMethods[method];
    schemas[`${method}Input`] = jsonSchema(entry.input, 'input');
    schemas[`${method}Output`] = jsonSchema(entry.output, 'output');
    paths[`${API_PREFIX}/${method}`] = {
      post: {
        operationId: method,
        summary: entry.doc,
        tags: ['service'],
        requestBody: { required: false, content: { 'application/json': { schema: ref(`${method}Input`) } } },
        responses: {
          '200': {
            description: 'A Result with ok: true.',
            content: { 'application/json': { schema: okResult(ref(`${method}Output`)) } },
          },
          default: errorResponse,
        },
      },
    };
  }
  for (const event of eventNames) schemas[eventSchemaName(event)] = jsonSchema(events[event], 'output');

  paths[`${API_PREFIX}/schedules`] = {
    get: {
      operationId: 'listSchedules',
      summary: 'Every job with its schedule and next run.',
      tags: ['shortcuts'],
      responses: {
        '200': {
          description: 'A Result with ok: true.',
          content: { 'application/json': { schema: okResult({ type: 'array', items: ref('ScheduleEntry') }) } },
        },
        default: errorResponse,
      },
    },
  };
  paths[`${API_PREFIX}/schedules/{id}/run`] = {
    post: {
      operationId: 'runSchedule',
      summary: 'Runs a job now, honouring its overlap policy (409 with the reason when the policy refuses).',
      tags: ['shortcuts'],
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', minLength: 1, maxLength: 64 } }],
      responses: {
        '202': {
          description: 'Started or queued.',
          content: { 'application/json': { schema: okResult(ref('runNowOutput')) } },
        },
        '409': {
          description: 'Refused by the overlap policy; `refused` says why.',
          content: { 'application/json': { schema: okResult(ref('runNowOutput')) } },
        },
        default: errorResponse,
      },
    },
  };
  paths[`${API_PREFIX}/events`] = {
    get: {
      operationId: 'events',
      summary: 'Server-Sent Events: the same events as the desktop window gets.',
      description: `Each message has \`event:\` one of ${eventNames.map((name) => `\`${name}\``).join(', ')} and \`data:\` its JSON payload (schemas ${eventNames.map(eventSchemaName).join(', ')}). A comment line every 15 s keeps proxies from closing the stream.`,
      tags: ['events'],
      responses: {
        '200': { description: 'An event stream.', content: { 'text/event-stream': { schema: { type: 'string' } } } },
        default: errorResponse,
      },
    },
  };
  Object.assign(paths, pingPaths());
  paths[`${API_PREFIX}/openapi.json`] = {
    get: {
      operationId: 'openapi',
      summary: 'This document.',
      tags: ['meta'],
      responses: {
        '200': { description: 'OpenAPI 3.1.', content: { 'application/json': { schema: { type: 'object' } } } },
      },
    },
  };
  paths['/metrics'] = {
    get: {
      operationId: 'metrics',
      summary: 'Prometheus metrics (text exposition format).',
      tags: ['meta'],
      responses: { '200': { description: 'Metrics.', content: { 'text/plain': { schema: { type: 'string' } } } } },
    },
  };

  return {
    openapi: '3.1.0',
    info: {
      title: 'Cronbar local API',
      version,
      description:
        'Every call needs `Authorization: Bearer <token>` (`cronbar api token`). Requests with an `Origin` header are refused unless configured.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }, schemas },
    paths,
  };
}

/** The check-in routes (ping-routes.ts): the body is the message, the answer is the contract's `ping` Result. */
function pingPaths(): Record<string, JsonSchema> {
  const check = { name: 'check', in: 'path', required: true, schema: { type: 'string', minLength: 1, maxLength: 64 } };
  const requestBody = {
    required: false,
    description: "Kept as the ping's message (text, at most 100 KiB); any content type.",
    content: { '*/*': { schema: { type: 'string' } } },
  };
  const responses = {
    '200': {
      description: "Recorded; the check's new state.",
      content: { 'application/json': { schema: okResult(ref('pingOutput')) } },
    },
    default: errorResponse,
  };
  const operation = (operationId: string, summary: string, parameters: JsonSchema[] = []) => ({
    post: { operationId, summary, tags: ['check-ins'], parameters: [check, ...parameters], requestBody, responses },
  });
  return {
    '/ping/{check}': operation('pingSuccess', 'A success ping of a check (the job that runs elsewhere finished).'),
    '/ping/{check}/start': operation(
      'pingStart',
      'The job started: without an end ping within the grace the check goes down.',
    ),
    '/ping/{check}/fail': operation('pingFail', 'The job failed: the check goes down.'),
    '/ping/{check}/{exitCode}': operation(
      'pingExit',
      'The job ended with this exit code: 0 is a success, anything else a failure.',
      [{ name: 'exitCode', in: 'path', required: true, schema: { type: 'integer', minimum: 0, maximum: 255 } }],
    ),
  };
}

export function eventSchemaName(event: string): string {
  return `Event_${event.replace(/[^a-z0-9]+/gi, '_')}`;
}
