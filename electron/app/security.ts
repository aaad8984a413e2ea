/**
 * App-wide guards from the Electron security checklist (https://www.electronjs.org/docs/latest/tutorial/security):
 * no navigation away from our origin, no new windows, no webviews, every permission request denied, and only
 * https links handed to the OS browser.
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

export function denyAllPermissions(target: Session): void {
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
}

/** Call once, after `app.whenReady()`. */
export function applySecurityPolicy(): void {
  denyAllPermissions(session.defaultSession);
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
}
