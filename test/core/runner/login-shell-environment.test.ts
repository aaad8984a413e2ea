/** Reading the user's login-shell environment: what it prints around `env` is dropped; a slow or broken shell is a reason, not a hang. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureLoginShellEnvironment, parseEnvOutput } from '../../../electron/core/runner/login-shell-environment';
import { writeFakeLoginShell } from '../../helpers/fake-login-shell';

let dir: string;
beforeEach(() => void (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-login-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.skipIf(process.platform === 'win32')('the login-shell environment', () => {
  it("is the shell's environment after its rc files, named for the shell", async () => {
    const shell = writeFakeLoginShell(dir, { PATH: '/opt/homebrew/bin:/usr/bin:/bin', FROM_RC: 'a=b c' });
    const captured = await captureLoginShellEnvironment({ env: { SHELL: shell, PATH: '/usr/bin:/bin' } });
    expect(captured.ok).toBe(true);
    if (!captured.ok) return;
    expect(captured.environment.source).toBe(`login shell ${shell}`);
    expect(captured.environment.env.PATH).toBe('/opt/homebrew/bin:/usr/bin:/bin');
    expect(captured.environment.env.FROM_RC).toBe('a=b c');
    expect(Object.keys(captured.environment.env).some((key) => /welcome/.test(key))).toBe(false);
  });

  it('gives up after the timeout with the reason', async () => {
    const shell = writeFakeLoginShell(dir, {}, { delayS: 20 });
    const started = Date.now();
    const captured = await captureLoginShellEnvironment({ env: { SHELL: shell }, timeoutMs: 300 });
    expect(captured).toEqual({ ok: false, why: `${shell} -il did not answer within 300 ms` });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('says why when there is no shell to ask', async () => {
    expect(await captureLoginShellEnvironment({ env: {} })).toEqual({ ok: false, why: 'SHELL is not set to a path' });
    const missing = await captureLoginShellEnvironment({ env: { SHELL: path.join(dir, 'nope') } });
    expect(missing.ok).toBe(false);
  });

  it('keeps multi-line values and drops the shell bookkeeping', () => {
    expect(parseEnvOutput('A=1\nML=first\nsecond\nSHLVL=2\n_=/usr/bin/env\n')).toEqual({ A: '1', ML: 'first\nsecond' });
  });
});
