// `npm start`: build everything, make sure better-sqlite3 exists for Electron's ABI, then launch the app.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ensureElectronSqlite } from './ensure-electron-sqlite.mjs';
import { sandboxProblem } from './linux-sandbox.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function electronBinary() {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const name =
      process.platform === 'win32'
        ? 'electron.exe'
        : process.platform === 'darwin'
          ? 'Electron.app/Contents/MacOS/Electron'
          : 'electron';
    return path.join(override, name);
  }
  try {
    // The electron package's main export is the path of the downloaded binary.
    const binary = require('electron');
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
if (!binary) {
  console.error(
    'npm start: no Electron binary. Install it with `npm install` on a machine that can download Electron (not with ELECTRON_SKIP_BINARY_DOWNLOAD=1), or set ELECTRON_OVERRIDE_DIST_PATH.',
  );
  process.exit(2);
}
const sandbox = sandboxProblem({ platform: process.platform, electronBinary: binary, argv: process.argv });
if (sandbox) {
  console.error(sandbox.join('\n'));
  process.exit(1);
}
if (!process.argv.includes('--no-build'))
  execFileSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
const { code: ready } = ensureElectronSqlite({ quiet: true });
if (ready !== 0) process.exit(ready);

const child = spawn(binary, [root, ...process.argv.slice(2).filter((arg) => arg !== '--no-build')], {
  cwd: root,
  stdio: 'inherit',
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
