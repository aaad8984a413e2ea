import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  isAppUrl,
  isSafeExternalUrl,
  resolveAppRequest,
} from '../../../electron/policy/app-origin';

const ROOT = path.resolve('/srv/cronbar/out/renderer');

describe('resolveAppRequest', () => {
  it('serves files under the renderer folder with their type', () => {
    expect(resolveAppRequest(ROOT, 'app://cronbar/index.html')).toEqual({
      ok: true,
      filePath: path.join(ROOT, 'index.html'),
      mimeType: 'text/html; charset=utf-8',
    });
    expect(resolveAppRequest(ROOT, 'app://cronbar/assets/index-1.js?v=2#x')).toMatchObject({
      ok: true,
      filePath: path.join(ROOT, 'assets', 'index-1.js'),
    });
    expect(resolveAppRequest(ROOT, 'app://cronbar/')).toMatchObject({
      ok: true,
      filePath: path.join(ROOT, 'index.html'),
    });
  });

  it.each([
    'app://x/../../etc/passwd',
    'app://cronbar/../../etc/passwd',
    'app://cronbar/assets/../../../etc/passwd',
    'app://cronbar/%2e%2e/%2e%2e/etc/passwd',
    'app://cronbar/assets/..%2f..%2f..%2fetc%2fpasswd',
    'app://cronbar/..\\..\\etc\\passwd',
  ])('refuses traversal: %s', (url) => {
    const result = resolveAppRequest(ROOT, url);
    expect(result.ok).toBe(false);
    expect(result.ok ? 0 : result.status).toBe(403);
  });

  it('refuses other hosts, NUL bytes, bad encoding and unknown file types', () => {
    expect(resolveAppRequest(ROOT, 'app://evil/index.html')).toMatchObject({ ok: false, status: 403 });
    expect(resolveAppRequest(ROOT, 'app://cronbar/index.html%00.png')).toMatchObject({ ok: false, status: 400 });
    expect(resolveAppRequest(ROOT, 'app://cronbar/%E0%A4%A')).toMatchObject({ ok: false, status: 400 });
    expect(resolveAppRequest(ROOT, 'app://cronbar/secrets.db')).toMatchObject({ ok: false, status: 404 });
  });
});

describe('origin rules', () => {
  it('recognises only our origin, parsed (never by prefix)', () => {
    expect(isAppUrl('app://cronbar/index.html')).toBe(true);
    expect(isAppUrl('app://cronbar.evil.com/index.html')).toBe(false);
    expect(isAppUrl('https://cronbar/')).toBe(false);
    expect(isAppUrl('file:///index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
  });

  it('lets only https links leave the app', () => {
    expect(isSafeExternalUrl('https://crontab.guru/#0_2_*_*_*')).toBe(true);
    for (const url of [
      'http://example.org',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'garbage',
    ])
      expect(isSafeExternalUrl(url)).toBe(false);
  });

  it('the CSP allows scripts from our origin only', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/);
  });
});
