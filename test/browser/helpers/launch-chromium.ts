/**
 * A Chromium through playwright-core: headless, no sandbox (containers), no background traffic. Which one is
 * scripts/find-browser.mjs's answer ($CHROMIUM_PATH, /usr/bin/chromium, Chrome on macOS/Windows, Playwright's cache);
 * `npm test` runs that script first, which fetches Playwright's Chromium when none is found.
 */
import { type Browser, chromium } from 'playwright-core';
import { NO_BROWSER_LINE, findBrowser } from '../../../scripts/find-browser.mjs';

export class NoBrowserError extends Error {}

export function chromiumPath(): string {
  const found = findBrowser();
  if (!found) throw new NoBrowserError(NO_BROWSER_LINE);
  return found;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
