import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../../mocks/electron'));

const { createAppProtocolHandler } = await import('../../../electron/app/app-protocol');

function renderer() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-renderer-'));
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Cronbar</title>');
  // A secret next to the renderer folder that a traversal would reach.
  fs.writeFileSync(path.join(root, '..', `${path.basename(root)}-secret.txt`), 'secret');
  return root;
}

describe('app:// protocol handler', () => {
  it('serves the renderer with the CSP header', async () => {
    const handler = createAppProtocolHandler(renderer());
    const response = await handler(new Request('app://cronbar/index.html'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Cronbar</title>');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('refuses app://x/../../etc/passwd and never reads outside the renderer folder', async () => {
    const root = renderer();
    const read = vi.fn(async (file: string) => fs.promises.readFile(file));
    const handler = createAppProtocolHandler(root, read);
    for (const url of [
      'app://x/../../etc/passwd',
      'app://cronbar/../../etc/passwd',
      `app://cronbar/%2e%2e/${path.basename(root)}-secret.txt`,
    ]) {
      // Request() would normalise the URL; Electron hands the handler what the page asked for.
      const response = await handler({ url } as Request);
      expect(response.status, url).toBe(403);
    }
    expect(read).not.toHaveBeenCalled();
  });

  it('answers 404 for a missing file', async () => {
    const handler = createAppProtocolHandler(renderer());
    expect((await handler(new Request('app://cronbar/assets/missing.js'))).status).toBe(404);
  });
});
