/**
 * What the framework and Node answer on their own, in the contract's error shape: the body is `{ ok: false, error }`
 * for every failure a client can meet, whether a route ran or not, so one parser handles them all. The status is kept.
 * Three places: errors thrown while a request is handled (body too large, not JSON), errors the router finds before
 * any hook runs (a path parameter too long, bad percent-encoding), and errors on the socket before a request exists
 * (not HTTP, headers too large, too slow), which are written as raw HTTP.
 */
import http from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError } from 'fastify';
import type { ApiError } from '../../../shared/api/contract';

export const BODY_LIMIT_BYTES = 1024 * 1024;
/** Fastify's default; ids are at most 64 characters. */
export const MAX_PARAM_LENGTH = 100;

export interface Failure {
  status: number;
  body: { ok: false; error: ApiError };
}

const fail = (status: number, error: ApiError): Failure => ({ status, body: { ok: false, error } });
const invalid = (status: number, message: string, field: string) =>
  fail(status, { code: 'invalid-input', message, field });

/** An error thrown while a request was handled (setErrorHandler) or found by the router (frameworkErrors). */
export function frameworkError(error: FastifyError): Failure {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return invalid(413, `the request body is over ${BODY_LIMIT_BYTES} bytes (1 MiB)`, '(body)');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return invalid(415, 'send the input as JSON (Content-Type: application/json)', '(body)');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return invalid(400, 'the Content-Length does not match the body', '(body)');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return invalid(414, `a path parameter is over ${MAX_PARAM_LENGTH} characters (ids have at most 64)`, '(path)');
    case 'FST_ERR_BAD_URL':
      return invalid(400, 'the path is not valid percent-encoding', '(path)');
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500)
    return invalid(error.statusCode, `the request body is not valid JSON: ${error.message}`, '(body)');
  return fail(500, { code: 'internal', message: error.message });
}

/** A socket error before any request exists (Node's `clientError`): answered as raw HTTP, then the socket closes. */
export function clientError(error: NodeJS.ErrnoException, socket: Socket): void {
  // Reset by the client: nobody is left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, body } =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? invalid(408, 'the request did not arrive in time', '(request)')
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? invalid(431, 'the request headers are over 16 KiB', '(headers)')
        : invalid(400, 'this is not an HTTP/1.1 request', '(request)');
  const text = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy();
}
