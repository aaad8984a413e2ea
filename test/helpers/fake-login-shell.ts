/**
 * A stand-in for the user's login shell: `$SHELL -ilc <script>` runs the script with the PATH and variables a test
 * says the user's rc files set, after printing noise as real rc files do. Lets tests of the login-shell capture, of
 * `cronbar validate`'s "found at …" and of the desktop's base environment be deterministic.
 */
import fs from 'node:fs';
import path from 'node:path';

export function writeFakeLoginShell(dir: string, exports: Record<string, string>, options: { delayS?: number } = {}) {
  const file = path.join(dir, 'fake-login-shell');
  const lines = Object.entries(exports).map(
    ([name, value]) => `${name}='${value.replace(/'/g, `'\\''`)}'; export ${name}`,
  );
  fs.writeFileSync(
    file,
    [
      '#!/bin/sh',
      'echo "welcome from the rc file"',
      ...(options.delayS ? [`sleep ${options.delayS}`] : []),
      ...lines,
      // $1 is -ilc, $2 the script.
      'exec /bin/sh -c "$2"',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  return file;
}
