/** The browser tests find a browser in the usual places, else npm test fetches Playwright's, else one clear line. */
import { describe, expect, it } from 'vitest';
import {
  NO_BROWSER_LINE,
  browserCandidates,
  fetchPlaywrightChromium,
  findBrowser,
  playwrightCacheDir,
} from '../../scripts/find-browser.mjs';

const none = () => [] as string[];

describe('finding a Chromium for the browser tests', () => {
  it('CHROMIUM_PATH first, then Debian’s chromium and the other Linux names, then Playwright’s cache', () => {
    const candidates = browserCandidates({
      env: { CHROMIUM_PATH: '/opt/chrome/chrome' },
      platform: 'linux',
      home: '/home/ada',
      playwrightExecutable: '/home/ada/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome',
      listDir: (dir) =>
        dir === '/home/ada/.cache/ms-playwright' ? ['chromium-1100', 'ffmpeg-1011', 'chromium-1200'] : [],
    });
    expect(candidates.slice(0, 3)).toEqual(['/opt/chrome/chrome', '/usr/bin/chromium', '/usr/bin/chromium-browser']);
    expect(candidates).toContain('/usr/bin/google-chrome');
    const cached = candidates.filter((file) => file.includes('ms-playwright'));
    expect(cached[0]).toBe('/home/ada/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome');
    expect(cached[1]).toBe('/home/ada/.cache/ms-playwright/chromium-1200/chrome-linux64/chrome');
  });

  it('Chrome and Chromium on macOS and Windows', () => {
    expect(browserCandidates({ env: {}, platform: 'darwin', home: '/Users/ada', listDir: none })).toContain(
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    );
    const windows = browserCandidates({
      env: { PROGRAMFILES: 'C:\\Program Files', LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' },
      platform: 'win32',
      home: 'C:\\Users\\ada',
      listDir: none,
    });
    expect(windows).toContain('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
    expect(windows).toContain('C:\\Users\\ada\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe');
    expect(playwrightCacheDir({ LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }, 'win32', 'C:\\Users\\ada')).toContain(
      'ms-playwright',
    );
  });

  it('the first existing candidate wins; none found is null', () => {
    expect(
      findBrowser({
        env: {},
        platform: 'linux',
        home: '/home/ada',
        listDir: none,
        exists: (file) => file === '/usr/bin/chromium-browser',
      }),
    ).toBe('/usr/bin/chromium-browser');
    expect(
      findBrowser({
        env: {},
        platform: 'linux',
        home: '/home/ada',
        listDir: none,
        playwrightExecutable: null,
        exists: () => false,
      }),
    ).toBeNull();
  });

  it('fetching runs Playwright’s own installer for chromium, and a failed fetch gives its reason (npm test then prints one line)', () => {
    const ran: string[][] = [];
    expect(
      fetchPlaywrightChromium((_command, args) => {
        ran.push(args.slice(1));
        // What execFileSync throws when the installer exits non-zero: its output rides along.
        throw Object.assign(new Error('Command failed: node cli.js install chromium'), {
          stderr:
            'Downloading Chrome for Testing 159.0 from https://cdn.playwright.dev/…\nError: getaddrinfo ENOTFOUND cdn.playwright.dev\n    at GetAddrInfoReqWrap.onlookupall\n',
        });
      }),
    ).toEqual({ executable: null, reason: 'getaddrinfo ENOTFOUND cdn.playwright.dev' });
    expect(ran).toEqual([['install', 'chromium']]);
    expect(NO_BROWSER_LINE).toMatch(/apt install chromium.*npx playwright install chromium/);
    expect(NO_BROWSER_LINE.includes('\n')).toBe(false);
  });
});
