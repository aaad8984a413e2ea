/**
 * Builds the renderer (React) into out/renderer. The desktop shell's main and preload bundles are added here too
 * (see the desktop shell section below) so `npm run build` produces everything `npm start` launches.
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { execFileSync } from 'node:child_process';
import type { Plugin } from 'vite';

// Desktop shell: after the renderer is built, bundle main (ESM) and preload (one CJS file) with esbuild
// (scripts/build-electron.mjs), so one `vite build` yields out/{renderer,main,preload}.
const electronBundles = (): Plugin => ({
  name: 'cronbar-electron-bundles',
  apply: 'build',
  closeBundle() {
    execFileSync(process.execPath, ['scripts/build-electron.mjs'], { stdio: 'inherit', cwd: __dirname });
  },
});

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), electronBundles()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
  },
});
