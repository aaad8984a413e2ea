/**
 * Serves the renderer from `app://cronbar/` instead of file:// (Electron security checklist item 18): a standard,
 * secure scheme gives the window a real origin for the CSP and the IPC sender check, and the handler refuses path
 * traversal and anything outside the renderer's build folder.
 */
import fs from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, resolveAppRequest } from '../policy/app-origin';

/** Must run before `app.whenReady()`. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export type ReadFile = (filePath: string) => Promise<Uint8Array>;

export function createAppProtocolHandler(
  rootDir: string,
  readFile: ReadFile = (filePath) => fs.readFile(filePath),
): (request: Request) => Promise<Response> {
  return async (request) => {
    const resolved = resolveAppRequest(rootDir, request.url);
    if (!resolved.ok)
      return new Response(resolved.reason, { status: resolved.status, headers: { 'content-type': 'text/plain' } });
    try {
      const body = await readFile(resolved.filePath);
      return new Response(body as ConstructorParameters<typeof Response>[0], {
        status: 200,
        headers: {
          'content-type': resolved.mimeType,
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const status = code === 'ENOENT' || code === 'EISDIR' ? 404 : 500;
      return new Response(status === 404 ? 'not found' : 'cannot read file', {
        status,
        headers: { 'content-type': 'text/plain' },
      });
    }
  };
}

/** Must run after `app.whenReady()`. */
export function serveAppProtocol(rootDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rootDir));
}
