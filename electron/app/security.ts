/**
 * App-wide guards from the Electron security checklist (https://www.electronjs.org/docs/latest/tutorial/security):
 * no navigation away from our origin, no new windows, no webviews, every permission denied but one, and only
 * https links handed to the OS browser. The one: `clipboard-sanitized-write` for our own page, which
 * `navigator.clipboard.writeText` (Copy log) needs; Electron asks the check handler first and the request handler
 * when the check says no (https://www.electronjs.org/docs/latest/api/session#sessetpermissionrequesthandlerhandler).
 */
import { type Session, type WebContents, app, session, shell } from 'electron';
import { isAppUrl, isSafeExternalUrl } from '../policy/app-origin';

/** Opens an https URL in the default browser; refuses everything else. Returns whether it opened. */
export function openExternalSafely(url: string): boolean {
  if (!isSafeExternalUrl(url)) return false;
  void shell.openExternal(url);
  return true;
}

export function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // Links with target=_blank go to the browser when they are https; no Electron window is ever opened.
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url);
    return { action: 'deny' };
  });
}

/** The only permission the window gets, and only for our origin. */
export const ALLOWED_PERMISSION = 'clipboard-sanitized-write';

export function isPermissionAllowed(permission: string, url: string | undefined): boolean {
  return permission === ALLOWED_PERMISSION && url !== undefined && isAppUrl(url);
}

export function applyPermissionPolicy(target: Session): void {
  target.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionAllowed(permission, details.requestingUrl)),
  );
  target.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin),
  );
}

/** Call once, after `app.whenReady()`. */
export function applySecurityPolicy(): void {
  applyPermissionPolicy(session.defaultSession);
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
}
