/** Defect: on Ubuntu 23.10+ `npm start` aborted on the SUID sandbox. Now it is detected first and the fix printed. */
import { describe, expect, it } from 'vitest';
import { USERNS_SYSCTL, sandboxProblem } from '../../scripts/linux-sandbox.mjs';

const electronBinary = '/repo/node_modules/electron/dist/electron';
const sysctl = (value: string | null) => (file: string) => {
  if (file !== USERNS_SYSCTL || value === null) throw new Error('ENOENT');
  return `${value}\n`;
};

describe('the Ubuntu 23.10+ sandbox check', () => {
  it('explains what to do when user namespaces are restricted and chrome-sandbox is not SUID root', () => {
    const problem = sandboxProblem({
      platform: 'linux',
      electronBinary,
      readFile: sysctl('1'),
      stat: () => ({ uid: 1000, mode: 0o100755 }),
    });
    expect(problem?.join('\n')).toContain(
      'sudo chown root:root /repo/node_modules/electron/dist/chrome-sandbox && sudo chmod 4755 /repo/node_modules/electron/dist/chrome-sandbox',
    );
    expect(problem?.join('\n')).toMatch(/AppArmor profile/);
  });

  it('says nothing when the sandbox can start', () => {
    expect(
      sandboxProblem({
        platform: 'linux',
        electronBinary,
        readFile: sysctl('1'),
        stat: () => ({ uid: 0, mode: 0o104755 }),
      }),
    ).toBeNull();
    expect(
      sandboxProblem({
        platform: 'linux',
        electronBinary,
        readFile: sysctl('0'),
        stat: () => ({ uid: 1000, mode: 0o100755 }),
      }),
    ).toBeNull();
    expect(sandboxProblem({ platform: 'linux', electronBinary, readFile: sysctl(null) })).toBeNull();
    expect(sandboxProblem({ platform: 'darwin', electronBinary })).toBeNull();
    expect(
      sandboxProblem({
        platform: 'linux',
        electronBinary,
        argv: ['--no-sandbox'],
        readFile: sysctl('1'),
        stat: () => ({ uid: 1000, mode: 0o100755 }),
      }),
    ).toBeNull();
  });
});
