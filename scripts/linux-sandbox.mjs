// Ubuntu 23.10 and later restrict unprivileged user namespaces through AppArmor
// (kernel.apparmor_restrict_unprivileged_userns=1). Chromium's sandbox then needs its SUID helper (chrome-sandbox
// owned by root, mode 4755); without it Electron aborts at start with a sandbox message before any app code runs.
// `npm start` checks first and says what to do instead. The .deb installs an AppArmor profile for the app
// (electron-builder's apparmor-profile), so installed copies are fine; the AppImage's options are in the README.
import fs from 'node:fs';
import path from 'node:path';

export const USERNS_SYSCTL = '/proc/sys/kernel/apparmor_restrict_unprivileged_userns';

/** Null when Electron's sandbox can start; else the lines to print. */
export function sandboxProblem({
  platform,
  electronBinary,
  argv = [],
  readFile = (file) => fs.readFileSync(file, 'utf8'),
  stat = (file) => fs.statSync(file),
}) {
  if (platform !== 'linux' || argv.includes('--no-sandbox')) return null;
  let restricted = false;
  try {
    restricted = readFile(USERNS_SYSCTL).trim() === '1';
  } catch {
    return null; // No such switch: user namespaces are not restricted by AppArmor here.
  }
  if (!restricted) return null;
  const helper = path.join(path.dirname(electronBinary), 'chrome-sandbox');
  try {
    const info = stat(helper);
    if (info.uid === 0 && (info.mode & 0o4000) !== 0) return null;
  } catch {
    // No helper: the same problem.
  }
  return [
    'npm start: this system restricts unprivileged user namespaces (AppArmor, Ubuntu 23.10+), so Electron cannot start its sandbox and would abort.',
    'Do one of these, then run npm start again:',
    `  sudo chown root:root ${helper} && sudo chmod 4755 ${helper}     # the SUID sandbox helper (redo after npm install)`,
    '  or install an AppArmor profile that allows `userns` for this Electron binary (README, "Ubuntu 23.10+ and the sandbox")',
    'Installed apps: the .deb ships an AppArmor profile and just works; for the AppImage see the same README section.',
  ];
}
