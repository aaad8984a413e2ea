/**
 * The renderer's origin and the rules built on it: which IPC senders and navigations are ours, which URLs may open
 * in the browser, and which file an `app://` request may read. Pure, so the security rules are unit-tested.
 */
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'cronbar';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True for URLs of our renderer (same scheme and host; compared parsed, never by prefix). */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Only https links leave the app; anything else (file:, javascript:, custom schemes) could run code. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * The strict policy the renderer runs under. CodeMirror 6 injects <style> elements, hence `'unsafe-inline'` for
 * styles only; scripts come from our origin alone.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

export type AppRequestResolution =
  { ok: true; filePath: string; mimeType: string } | { ok: false; status: 400 | 403 | 404; reason: string };

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** A `..` segment, raw or percent-encoded, anywhere in the request path. */
const TRAVERSAL = /(^|[\\/])\.\.([\\/]|$)/;

/**
 * Maps an `app://cronbar/...` URL to a file under `rootDir`. Refuses other hosts, traversal (even when the URL parser
 * would have collapsed it), encoded separators and NUL, and anything that resolves outside the root.
 */
export function resolveAppRequest(rootDir: string, requestUrl: string): AppRequestResolution {
  // Look at the raw text first: `new URL()` collapses `/../` before we could see it.
  const rawPath = requestUrl.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').split(/[?#]/)[0] ?? '';
  let rawDecoded: string;
  try {
    rawDecoded = decodeURIComponent(rawPath);
  } catch {
    return { ok: false, status: 400, reason: 'malformed percent-encoding' };
  }
  if (TRAVERSAL.test(rawPath) || TRAVERSAL.test(rawDecoded))
    return { ok: false, status: 403, reason: 'path traversal' };
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST)
    return { ok: false, status: 403, reason: `unknown host ${url.host}` };
  const decoded = decodeURIComponent(url.pathname);
  if (decoded.includes('\0') || decoded.includes('\\'))
    return { ok: false, status: 400, reason: 'forbidden character in path' };
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = path.resolve(rootDir);
  const filePath = path.resolve(root, relative);
  const inside = path.relative(root, filePath);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside))
    return { ok: false, status: 403, reason: 'outside the app' };
  const mimeType = MIME_TYPES[path.extname(filePath).toLowerCase()];
  if (!mimeType) return { ok: false, status: 404, reason: 'unknown file type' };
  return { ok: true, filePath, mimeType };
}
