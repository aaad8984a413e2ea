// The Chromium the browser tests drive (through playwright-core). Looks in the usual places: $CHROMIUM_PATH, Debian's
// /usr/bin/chromium and other Linux names, Chrome or Chromium on macOS and Windows, then Playwright's own browser
// cache. `npm test` runs this first: when nothing is found it fetches Playwright's Chromium (what
// `npx playwright install chromium` does), and only when that fails too it stops with one line saying how to get a
// browser. It prints nothing when a browser is found.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

export const NO_BROWSER_LINE =
  "No Chromium for the browser tests, and fetching Playwright's failed: install one (`sudo apt install chromium`, or `npx playwright install chromium`), or set CHROMIUM_PATH to a Chrome/Chromium binary.";

/** Playwright's browser cache (https://playwright.dev/docs/browsers#managing-browser-binaries). */
export function playwrightCacheDir(env = process.env, platform = process.platform, home = os.homedir()) {
  if (env.PLAYWRIGHT_BROWSERS_PATH && env.PLAYWRIGHT_BROWSERS_PATH !== '0') return env.PLAYWRIGHT_BROWSERS_PATH;
  if (platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'ms-playwright');
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'ms-playwright');
  return path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), 'ms-playwright');
}

/** The places to look, in order. `playwrightExecutable` is the path playwright-core expects for its own Chromium. */
export function browserCandidates({
  env = process.env,
  platform = process.platform,
  home = os.homedir(),
  playwrightExecutable = null,
  listDir = safeList,
} = {}) {
  const candidates = [];
  if (env.CHROMIUM_PATH) candidates.push(env.CHROMIUM_PATH);
  if (env.CRONBAR_CHROMIUM) candidates.push(env.CRONBAR_CHROMIUM);
  if (platform === 'linux') {
    candidates.push(
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
      '/snap/bin/chromium',
      '/usr/bin/google-chrome',
      '/usr/bin/google-chrome-stable',
    );
  } else if (platform === 'darwin') {
    for (const apps of ['/Applications', path.join(home, 'Applications')]) {
      candidates.push(
        path.join(apps, 'Google Chrome.app', 'Contents', 'MacOS', 'Google Chrome'),
        path.join(apps, 'Chromium.app', 'Contents', 'MacOS', 'Chromium'),
      );
    }
  } else if (platform === 'win32') {
    for (const base of [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(Boolean)) {
      candidates.push(
        path.win32.join(base, 'Google', 'Chrome', 'Application', 'chrome.exe'),
        path.win32.join(base, 'Chromium', 'Application', 'chrome.exe'),
      );
    }
  }
  if (playwrightExecutable) candidates.push(playwrightExecutable);
  // Other Playwright versions' Chromium in the same cache, newest first.
  const cache = playwrightCacheDir(env, platform, home);
  const builds = listDir(cache)
    .filter((name) => /^chromium-\d+$/.test(name))
    .sort((a, b) => Number(b.slice(9)) - Number(a.slice(9)));
  const inBuild =
    platform === 'win32'
      ? [
          ['chrome-win64', 'chrome.exe'],
          ['chrome-win', 'chrome.exe'],
        ]
      : platform === 'darwin'
        ? [
            ['chrome-mac', 'Chromium.app', 'Contents', 'MacOS', 'Chromium'],
            ['chrome-mac-arm64', 'Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing'],
          ]
        : [
            ['chrome-linux64', 'chrome'],
            ['chrome-linux', 'chrome'],
          ];
  for (const build of builds) for (const parts of inBuild) candidates.push(path.join(cache, build, ...parts));
  return candidates;
}

function safeList(dir) {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function playwrightExecutablePath() {
  try {
    return require('playwright-core').chromium.executablePath();
  } catch {
    return null;
  }
}

export function findBrowser(options = {}) {
  const exists = options.exists ?? ((file) => fs.existsSync(file));
  return (
    browserCandidates({ playwrightExecutable: playwrightExecutablePath(), ...options }).find((file) => exists(file)) ??
    null
  );
}

/**
 * Fetches Playwright's Chromium into its cache, as `npx playwright install chromium` does. Its output is kept (it
 * retries with a stack trace each time); on failure `reason` is its first error line.
 */
export function fetchPlaywrightChromium(
  run = (command, args) => execFileSync(command, args, { stdio: 'pipe', encoding: 'utf8' }),
) {
  try {
    run(process.execPath, [
      path.join(path.dirname(require.resolve('playwright-core')), 'cli.js'),
      'install',
      'chromium',
    ]);
  } catch (error) {
    const output = `${error?.stderr ?? ''}\n${error?.stdout ?? ''}\n${error instanceof Error ? error.message : String(error)}`;
    const reason =
      output
        .split('\n')
        .find((line) => /^Error:/.test(line.trim()))
        ?.trim()
        .replace(/^Error:\s*/, '') ?? 'the installer failed';
    return { executable: null, reason };
  }
  const installed = playwrightExecutablePath();
  return installed && fs.existsSync(installed)
    ? { executable: installed, reason: null }
    : { executable: null, reason: 'the installer left no browser' };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!findBrowser()) {
    console.log(
      "find-browser: no Chrome or Chromium found; fetching Playwright's Chromium (npx playwright install chromium)…",
    );
    const fetched = fetchPlaywrightChromium();
    if (!fetched.executable) {
      console.error(`${NO_BROWSER_LINE} (fetch: ${fetched.reason})`);
      process.exit(1);
    }
    console.log(`find-browser: using ${fetched.executable}`);
  }
}
