/**
 * What the idle desktop app costs the machine: main.ts composed with the real core on 1 000 far-future jobs and the
 * faithful Electron fake, on a fake clock, left alone for 10 simulated minutes while a counting shim notes every timer
 * callback in the main process (the glue's and the core's: both live there). A tray app that wakes more often than
 * the core's own clock check (one per 30 s) drains laptop batteries for nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { CronbarE2EHooks } from '../../electron/app/e2e-hooks';

vi.mock('electron', () => import('../mocks/electron'));

const JOBS = 1_000;
const IDLE_MS = 10 * 60_000;
// Mid-morning, mid-year: the jobs' next fires (1 January, 03:xx) are months away, the window crosses no hour.
const START = new Date(2026, 5, 10, 10, 5).getTime();

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-idle-'));
const lines = ['jobs:'];
for (let index = 0; index < JOBS; index++)
  lines.push(`  - { id: job-${index}, cron: "${index % 60} 3 1 1 *", command: "true" }`);
fs.writeFileSync(path.join(dataDir, 'jobs.yaml'), `${lines.join('\n')}\n`);
vi.stubEnv('CRONBAR_E2E', '1');
vi.stubEnv('CRONBAR_HOME', dataDir);
// No login shell to read: under fake timers its 5 s bound would wait on the test's clock, and this test is about idling.
vi.stubEnv('SHELL', path.join(dataDir, 'no-such-shell'));

vi.useFakeTimers({
  toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'],
  now: START,
});
// The counting shim: every timer callback that runs, with the (fake) time it ran at.
const fired: number[] = [];
const counting =
  <T extends (callback: (...args: unknown[]) => void, ...rest: unknown[]) => unknown>(original: T) =>
  (callback: (...args: unknown[]) => void, ...rest: unknown[]) =>
    original(
      (...args: unknown[]) => {
        fired.push(Date.now());
        callback(...args);
      },
      ...rest,
    );
globalThis.setTimeout = counting(globalThis.setTimeout as never) as unknown as typeof setTimeout;
globalThis.setInterval = counting(globalThis.setInterval as never) as unknown as typeof setInterval;

const electron = await import('../mocks/electron');
electron.resetElectronMock({ ready: false });
await import('../../electron/main');
electron.app.emitReady();

async function hooks(): Promise<CronbarE2EHooks> {
  await vi.waitFor(() => expect(globalThis.__cronbarE2E).toBeDefined(), { timeout: 30_000 });
  return globalThis.__cronbarE2E!;
}

afterAll(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the idle app with 1 000 jobs', () => {
  it('wakes at most once per 30 s over 10 minutes, and the tray still shows the jobs', async () => {
    const e2e = await hooks();
    await vi.waitFor(() => expect(JSON.stringify(e2e.trayTemplate())).toContain('Idle, 1000 jobs'));
    // Start-up's own work (the first refreshes) is not idling.
    await vi.advanceTimersByTimeAsync(1_000);
    fired.length = 0;
    const from = Date.now();
    await vi.advanceTimersByTimeAsync(IDLE_MS);
    const moments = new Set(fired).size;
    console.log(
      `idle ${IDLE_MS / 60_000} min, ${JOBS} jobs: ${fired.length} timer callbacks at ${moments} moments ` +
        `(${((moments / IDLE_MS) * 30_000).toFixed(2)} wake-ups per 30 s)`,
    );
    expect(Date.now() - from).toBe(IDLE_MS);
    // Every callback counts (in real time two at one fake moment are two wake-ups): the session heartbeat rides on
    // the engine's 30 s clock check instead of a timer of its own.
    expect(fired.length).toBeLessThanOrEqual(IDLE_MS / 30_000);
    expect(JSON.stringify(e2e.trayTemplate())).toContain('Idle, 1000 jobs');
  }, 60_000);

  it("a clock change reaches the tray through the engine's clock watch, with no clock timer of the desktop's own", async () => {
    const e2e = await hooks();
    const before = e2e.trayTooltip();
    // The wall clock jumps two hours ahead; the monotonic clock does not (a sleep, or the user setting the time).
    vi.setSystemTime(Date.now() + 2 * 3_600_000);
    await vi.advanceTimersByTimeAsync(30_000 + 1_000);
    expect(e2e.trayTooltip()).not.toBe(before);
    expect(e2e.trayTooltip()).toMatch(/^Cronbar — next: job-0 in \d+ d \d+ h$/);
  }, 60_000);

  it('on quit stops the core', async () => {
    electron.app.emit('before-quit', { preventDefault: () => {} });
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled(), { timeout: 30_000 });
  }, 60_000);
});
