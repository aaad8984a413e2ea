import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrayAction } from '../../../electron/policy/tray-actions';
import { deriveTrayState } from '../../../electron/policy/tray-state';
import { makeJob, makeRun, makeStatus } from '../../helpers/model-builders';

vi.mock('electron', () => import('../../mocks/electron'));

const electron = await import('../../mocks/electron');
const { TrayController } = await import('../../../electron/app/tray-controller');

const NOW = Date.UTC(2026, 2, 10, 10, 0);

function setup(platform = 'linux') {
  let jobs = [makeJob({ id: 'backup-home' })];
  let now = NOW;
  const actions: TrayAction[] = [];
  const controller = new TrayController({
    platform,
    icon: (state) => ({ state }) as never,
    loadState: async () =>
      deriveTrayState({
        jobs,
        status: makeStatus(),
        upcoming: [{ jobId: 'backup-home', name: 'backup-home', at: NOW + 3 * 3_600_000 + 30_000 }],
        now,
        platform,
        launchAtLogin: false,
        timeZone: 'UTC',
      }),
    onAction: (action) => actions.push(action),
  });
  return {
    controller,
    actions,
    tray: () => electron.Tray.instances[0]!,
    setJobs: (next: typeof jobs) => (jobs = next),
    setNow: (next: number) => (now = next),
  };
}

describe('TrayController', () => {
  beforeEach(() => electron.resetElectronMock());
  afterEach(() => vi.useRealTimers());

  it('sets the context menu at start (Linux shows no indicator without one) and only again when the template changes', async () => {
    const { controller, tray, setJobs, setNow } = setup();
    await controller.start();
    expect(tray().setContextMenu).toHaveBeenCalledTimes(1);
    await controller.refresh();
    await controller.refresh();
    expect(tray().setContextMenu).toHaveBeenCalledTimes(1);
    // Same minute: the relative time is unchanged, so no rebuild.
    setNow(NOW + 20_000);
    await controller.refresh();
    expect(tray().setContextMenu).toHaveBeenCalledTimes(1);
    setNow(NOW + 61_000);
    await controller.refresh();
    expect(tray().setContextMenu).toHaveBeenCalledTimes(2);
    setJobs([
      makeJob({ id: 'backup-home', lastRun: makeRun({ id: 9, status: 'failed', exitCode: 2, finishedAt: NOW }) }),
    ]);
    await controller.refresh();
    expect(tray().setContextMenu).toHaveBeenCalledTimes(3);
    expect(controller.currentIcon()).toBe('failing');
    expect(tray().image).toEqual({ state: 'failing' });
    expect(tray().tooltip).toBe('Cronbar — next: backup-home in 2 h 59 min — 1 failing');
    controller.dispose();
  });

  it('refreshes by itself at least once a minute so relative times stay right', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    const { controller, tray, setNow } = setup();
    await controller.start();
    setNow(NOW + 60_000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(tray().setContextMenu).toHaveBeenCalledTimes(2);
    controller.dispose();
  });

  it('polls nothing: one timer waits for the next moment the text changes, and only then does it read again', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    const { controller } = setup();
    const loads = vi.spyOn(controller['options'], 'loadState');
    await controller.start();
    expect(loads).toHaveBeenCalledTimes(1);
    // The next fire is 3 h 0 min 30 s away: "in 3 h" turns into "in 2 h 59 min" 30 s later, not before.
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(loads).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(loads).toHaveBeenCalledTimes(2);
    expect(vi.getTimerCount()).toBe(1);
    controller.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('menu clicks and clickTray(id) turn into actions', async () => {
    const { controller, actions, tray } = setup();
    await controller.start();
    const template = tray().menu!.template as Array<{
      id?: string;
      submenu?: Array<{ id?: string; click?: () => void }>;
    }>;
    const runNow = template.find((item) => item.submenu?.some((inner) => inner.id === 'run-now:backup-home'))!;
    runNow.submenu!.find((inner) => inner.id === 'run-now:backup-home')!.click!();
    expect(controller.click('pause-all:1h')).toBe(true);
    expect(controller.click('status')).toBe(false);
    expect(actions).toEqual([
      { kind: 'run-now', jobId: 'backup-home' },
      { kind: 'pause-all', choice: '1h' },
    ]);
    controller.dispose();
  });

  it('a left click opens the window on Windows only (Linux indicators never send clicks)', async () => {
    const windows = setup('win32');
    await windows.controller.start();
    windows.tray().emit('click');
    expect(windows.actions).toEqual([{ kind: 'open-window' }]);
    windows.controller.dispose();
  });
});
