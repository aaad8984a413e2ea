/**
 * The checks every request passes before any route runs, in this order (each refusal names its reason):
 * 1. `Host` must be a loopback name or the listen address with our port: a page on evil.example that re-resolves its
 *    name to 127.0.0.1 (DNS rebinding) still sends `Host: evil.example`.
 * 2. A request with an `Origin` header comes from a browser page: refused unless that exact origin was configured.
 *    No CORS headers are ever sent, so no other page can read a response either.
 * 3. `Authorization: Bearer <token>`, compared in constant time; `/metrics` is exempt only when configured.
 */
import type { ApiError } from '../../../shared/api/contract';
import { tokenMatches } from './api-token';
import { LOOPBACK_NAMES } from './listen-address';

export interface GuardOptions {
  /** `host:port` values (lower case) a client may send as `Host`. */
  allowedHosts: () => ReadonlySet<string>;
  /** Exact origins (`https://dash.example:8443`) allowed to call; none by default. */
  allowedOrigins: readonly string[];
  token: () => string;
  /** Serve `/metrics` without the token (an explicit choice: `--metrics-no-auth`). */
  metricsNoAuth: boolean;
}

export const REFUSAL_REASONS = ['bad-host', 'web-origin', 'missing-token', 'wrong-token'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export interface Refusal {
  reason: RefusalReason;
  status: number;
  error: ApiError;
  headers?: Record<string, string>;
}

export interface GuardedRequest {
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

const header = (headers: GuardedRequest['headers'], name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** The `host:port` values a loopback listener on `port` answers to. */
export function loopbackHosts(port: number): string[] {
  return LOOPBACK_NAMES.map((name) => `${name}:${port}`);
}

export function checkRequest(request: GuardedRequest, options: GuardOptions): Refusal | null {
  const host = header(request.headers, 'host')?.trim().toLowerCase();
  if (!host || !options.allowedHosts().has(host)) {
    return refused(
      'bad-host',
      403,
      `Host ${JSON.stringify(host ?? '')} is not this server's address; use http://127.0.0.1:<port> (DNS rebinding protection)`,
    );
  }
  const origin = header(request.headers, 'origin');
  if (origin !== undefined && !options.allowedOrigins.includes(origin.trim().toLowerCase())) {
    return refused(
      'web-origin',
      403,
      `requests from web pages are refused (Origin ${JSON.stringify(origin)} is not configured); the API is for programs, not browsers`,
    );
  }
  const path = request.url.split('?')[0];
  if (options.metricsNoAuth && path === '/metrics') return null;
  const authorization = header(request.headers, 'authorization') ?? '';
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization);
  if (!match) {
    return {
      ...refused('missing-token', 401, 'missing "Authorization: Bearer <token>"; `cronbar api token` prints the token'),
      headers: { 'www-authenticate': 'Bearer realm="cronbar"' },
    };
  }
  if (!tokenMatches(options.token(), match[1]!)) {
    return {
      ...refused('wrong-token', 401, 'wrong token; `cronbar api token` prints the current one'),
      headers: { 'www-authenticate': 'Bearer realm="cronbar", error="invalid_token"' },
    };
  }
  return null;
}

function refused(reason: RefusalReason, status: number, message: string): Refusal {
  return { reason, status, error: { code: 'refused', message } };
}

/** Normalises configured origins the way browsers send them: scheme://host[:port], lower case, no trailing slash. */
export function normaliseOrigin(origin: string): string {
  const url = new URL(origin);
  if (url.pathname !== '/' || url.search || url.hash)
    throw new Error(`${JSON.stringify(origin)} is not an origin (scheme://host[:port], no path)`);
  return url.origin.toLowerCase();
}
