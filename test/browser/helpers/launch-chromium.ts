/** Debian's Chromium through playwright-core: headless, no sandbox (containers), no background traffic. */
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CRONBAR_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
