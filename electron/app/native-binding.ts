/**
 * better-sqlite3 has one native binary per ABI. node_modules keeps the Node build (for `npm test` and the CLI); the
 * desktop app loads a second copy built for Electron's ABI by scripts/ensure-electron-sqlite.mjs: from
 * out/native/electron-<abi>/ in development, from <resources>/native/ in a packaged app (electron-builder.yml copies
 * it there and never rebuilds node_modules in place, so a packaging run cannot break `npm test`).
 */
import fs from 'node:fs';
import path from 'node:path';

export const NATIVE_BINDING_FILE = 'better_sqlite3.node';

export function electronNativeBindingPath(appRoot: string, abi: string): string {
  return path.join(appRoot, 'out', 'native', `electron-${abi}`, NATIVE_BINDING_FILE);
}

/** Undefined means "let better-sqlite3 find its own binary" (which then must match Electron's ABI). */
export function resolveNativeBinding(options: {
  isPackaged: boolean;
  appRoot: string;
  resourcesPath: string;
  abi: string;
}): string | undefined {
  const candidate = options.isPackaged
    ? path.join(options.resourcesPath, 'native', NATIVE_BINDING_FILE)
    : electronNativeBindingPath(options.appRoot, options.abi);
  return fs.existsSync(candidate) ? candidate : undefined;
}
