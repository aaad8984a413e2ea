import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../../mocks/electron'));

const electron = await import('../../mocks/electron');
const { applySecurityPolicy, openExternalSafely } = await import('../../../electron/app/security');

function createdContents() {
  const contents = Object.assign(new EventEmitter(), {
    windowOpenHandler: null as null | ((details: { url: string }) => { action: string }),
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      contents.windowOpenHandler = handler;
    },
  });
  electron.app.emit('web-contents-created', {}, contents);
  return contents;
}

function navigate(contents: EventEmitter, event: string, url: string): boolean {
  let prevented = false;
  contents.emit(event, { preventDefault: () => (prevented = true) }, url);
  return prevented;
}

describe('security policy', () => {
  beforeEach(() => {
    electron.resetElectronMock();
    applySecurityPolicy();
  });

  it('blocks navigation and redirects away from app://cronbar', () => {
    const contents = createdContents();
    expect(navigate(contents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate(contents, 'will-redirect', 'app://cronbar.evil/')).toBe(true);
    expect(navigate(contents, 'will-navigate', 'app://cronbar/index.html')).toBe(false);
  });

  it('denies every new window; https links go to the browser, nothing else does', () => {
    const contents = createdContents();
    expect(contents.windowOpenHandler!({ url: 'https://crontab.guru/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal.mock.calls).toEqual([['https://crontab.guru/']]);
  });

  it('blocks webviews and denies every permission a page asks for, through the session handlers', async () => {
    const contents = createdContents();
    expect(navigate(contents, 'will-attach-webview', '')).toBe(true);
    const ask = (permission: string, url: string) =>
      electron.session.defaultSession.askFromPage(contents, permission, url);
    for (const permission of ['notifications', 'media', 'geolocation', 'clipboard-read', 'openExternal']) {
      expect(await ask(permission, 'app://cronbar/index.html')).toBe(false);
    }
  });

  it('Copy log works: clipboard-sanitized-write is granted to the app window and to nobody else', async () => {
    const contents = createdContents();
    const ask = (url: string) =>
      electron.session.defaultSession.askFromPage(contents, 'clipboard-sanitized-write', url);
    expect(await ask('app://cronbar/index.html#/runs/12')).toBe(true);
    expect(await ask('https://evil.example/')).toBe(false);
    expect(await ask('app://cronbar.evil/index.html')).toBe(false);
    // Both handlers agree, whichever one Chromium asks.
    const callback = vi.fn();
    electron.session.defaultSession.permissionRequestHandler!(contents, 'clipboard-sanitized-write', callback, {
      requestingUrl: 'https://evil.example/',
    });
    expect(callback).toHaveBeenCalledWith(false);
  });

  it('openExternal only for https', () => {
    expect(openExternalSafely('javascript:alert(1)')).toBe(false);
    expect(openExternalSafely('http://example.org')).toBe(false);
    expect(openExternalSafely('https://example.org')).toBe(true);
    expect(electron.shell.openExternal).toHaveBeenCalledTimes(1);
  });
});
