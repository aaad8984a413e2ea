/**
 * better-sqlite3 has one native binary per ABI. node_modules keeps the Node build (for `npm test` and the CLI); the
 * desktop app in development loads a second copy built for Electron's ABI by scripts/ensure-electron-sqlite.mjs.
 * A packaged app has the Electron build in node_modules (electron-builder rebuilds it), so nothing is passed.
 */
import fs from 'node:fs';
import path from 'node:path';

export function electronNativeBindingPath(appRoot: string, abi: string): string {
  return path.join(appRoot, 'out', 'native', `electron-${abi}`, 'better_sqlite3.node');
}

export function resolveNativeBinding(options: { isPackaged: boolean; appRoot: string; abi: string }): string | undefined {
  if (options.isPackaged) return undefined;
  const candidate = electronNativeBindingPath(options.appRoot, options.abi);
  return fs.existsSync(candidate) ? candidate : undefined;
}
