/**
 * One window under test: a real core (engine, store, runner) on a jobs file in a temp directory, the built renderer
 * served on loopback, and Debian's Chromium showing it with `window.api` bridged to that core.
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openCronbar } from '../../../electron/core/service/open-cronbar';
import type { CronbarService } from '../../../electron/core/service/types';
import { buildRenderer } from './build-renderer';
import { type FakeApp, fakeAppMethods, installBridge } from './install-bridge';
import { launchChromium } from './launch-chromium';
import { type StaticServer, serveStatic } from './serve-static';

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../../test-results/browser');

export interface WindowSession {
  page: Page;
  service: CronbarService;
  dataDir: string;
  configPath: string;
  app: FakeApp;
  /** Console errors and uncaught page errors: a clean run has none. */
  pageErrors: string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface OpenOptions {
  colorScheme?: 'light' | 'dark';
  /** Default 1280×800; the app's own default is 1100×720 and its minimum 640×420. */
  viewport?: { width: number; height: number };
  /** Writes history into the data directory's database before the core opens it. */
  seed?: (dbPath: string) => void;
}

/** Shared by every session of one test file: one build, one server, one browser. */
export interface WindowRig {
  open(jobsYaml: string, options?: OpenOptions): Promise<WindowSession>;
  close(): Promise<void>;
}

export async function startWindowRig(): Promise<WindowRig> {
  const outDir = await buildRenderer();
  const server: StaticServer = await serveStatic(outDir);
  const browser: Browser = await launchChromium();
  const sessions = new Set<WindowSession>();
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });

  return {
    async open(jobsYaml, options = {}) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-window-'));
      const configPath = path.join(dataDir, 'jobs.yaml');
      fs.writeFileSync(configPath, jobsYaml);
      options.seed?.(path.join(dataDir, 'cronbar.db'));
      const service = await openCronbar({ dataDir, configPath, schedule: true, killGraceMs: 1000 });
      const app: FakeApp = { calls: [], launchAtLogin: false };
      const context = await browser.newContext({
        viewport: options.viewport ?? { width: 1280, height: 800 },
        colorScheme: options.colorScheme ?? 'light',
        // The page formats times in the same zone the core (and a seeded history) uses.
        timezoneId: Intl.DateTimeFormat().resolvedOptions().timeZone,
      });
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') pageErrors.push(message.text());
      });
      const unbridge = await installBridge(page, { ...service, ...fakeAppMethods(app) }, service);
      await page.goto(server.url);
      const session: WindowSession = {
        page,
        service,
        dataDir,
        configPath,
        app,
        pageErrors,
        async screenshot(name) {
          const file = path.join(SCREENSHOT_DIR, `${name}.png`);
          await page.screenshot({ path: file, fullPage: false });
          return file;
        },
        async close() {
          sessions.delete(session);
          unbridge();
          await context.close();
          await service.shutdown({ graceMs: 1000 });
          fs.rmSync(dataDir, { recursive: true, force: true });
        },
      };
      sessions.add(session);
      return session;
    },
    async close() {
      for (const session of [...sessions]) await session.close();
      await browser.close();
      await server.close();
      fs.rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/**
 * One rig for a test file, its hooks registered: each test opens a session with `open`, and after the test the
 * session is checked for page errors and closed.
 */
export function useWindowRig(): (jobsYaml: string, options?: OpenOptions) => Promise<WindowSession> {
  let rig: WindowRig | undefined;
  let session: WindowSession | null = null;
  beforeAll(async () => {
    rig = await startWindowRig();
  }, 120_000);
  afterEach(async () => {
    if (session) expect(session.pageErrors).toEqual([]);
    await session?.close();
    session = null;
  });
  afterAll(async () => rig?.close());
  return async (jobsYaml, options) => {
    session = await rig!.open(jobsYaml, options);
    return session;
  };
}
