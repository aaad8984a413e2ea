/**
 * Builds the renderer for the browser tests and the bench into a fresh directory. The same root, base and plugin as
 * vite.config.ts, without the desktop shell's post-build step (the tests need only the window's files).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

const repoRoot = path.resolve(import.meta.dirname, '../../..');

export async function buildRenderer(options: { sourcemap?: boolean } = {}): Promise<string> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-renderer-'));
  await build({
    configFile: false,
    root: path.join(repoRoot, 'renderer'),
    base: './',
    plugins: [react()],
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      target: 'chrome130',
      sourcemap: options.sourcemap ?? false,
      reportCompressedSize: false,
    },
  });
  return outDir;
}
