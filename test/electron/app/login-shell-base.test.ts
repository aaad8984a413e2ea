/** The desktop's jobs start from the login shell's environment, or from the app's own with the reason logged. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readLoginShellBase } from '../../../electron/app/login-shell-base';
import { writeFakeLoginShell } from '../../helpers/fake-login-shell';

let dir: string;
beforeEach(() => void (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-app-login-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.skipIf(process.platform === 'win32')("the desktop app's base environment", () => {
  it("is the login shell's, not launchd's PATH the app was started with", async () => {
    const shell = writeFakeLoginShell(dir, { PATH: '/opt/homebrew/bin:/usr/bin:/bin' });
    const lines: string[] = [];
    const base = await readLoginShellBase((line) => lines.push(line), {
      env: { SHELL: shell, PATH: '/usr/bin:/bin:/usr/sbin:/sbin' },
    });
    expect(base.source).toBe(`login shell ${shell}`);
    expect(base.env.PATH).toBe('/opt/homebrew/bin:/usr/bin:/bin');
    expect(lines).toEqual([]);
  });

  it("falls back to the app's own environment within the timeout, saying why", async () => {
    const shell = writeFakeLoginShell(dir, {}, { delayS: 20 });
    const lines: string[] = [];
    const base = await readLoginShellBase((line) => lines.push(line), {
      env: { SHELL: shell, PATH: '/usr/bin:/bin' },
      timeoutMs: 200,
    });
    expect(base.env.PATH).toBe('/usr/bin:/bin');
    expect(base.source).toBe(
      `the app's own environment (login shell not read: ${shell} -il did not answer within 200 ms)`,
    );
    expect(lines).toEqual([
      `jobs get the app's own environment: the login shell could not be read (${shell} -il did not answer within 200 ms)`,
    ]);
  });
});
