import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../../mocks/electron'));

const electron = await import('../../mocks/electron');
const { IpcManager } = await import('../../../electron/ipc/ipc-manager');
const { forwardEvents } = await import('../../../electron/ipc/event-forwarder');
const { channelFor, eventChannelFor, methodNames } = await import('../../../shared/api/contract');

const ourWindow = () => electron.BrowserWindow.instances[0]!;

function setup() {
  new electron.BrowserWindow();
  const runNow = vi.fn(async (input: { id: string; force: boolean }) => ({
    runId: 5,
    queued: false,
    refused: input.id === 'busy' ? 'overlap: still running' : null,
  }));
  const manager = new IpcManager({
    implementation: { runNow },
    isOurWebContents: (contents) => (contents as unknown) === ourWindow().webContents,
    log: vi.fn(),
  });
  manager.register();
  return { manager, runNow };
}

/** Calls the handler Electron would call for `method`. */
function invoke(method: string, sender: unknown, frameUrl: string | null, input: unknown) {
  const handler = electron.ipcMain.handlers.get(channelFor(method as never));
  if (!handler) throw new Error(`no handler for ${method}`);
  return handler({ sender, senderFrame: frameUrl === null ? null : { url: frameUrl } }, input) as Promise<unknown>;
}

describe('IpcManager', () => {
  beforeEach(() => electron.resetElectronMock());

  it('registers one handler per contract method', () => {
    setup();
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(
      methodNames.map((method) => channelFor(method)).sort(),
    );
  });

  it('answers our window with the service result, input parsed with defaults', async () => {
    const { runNow } = setup();
    await expect(
      invoke('runNow', ourWindow().webContents, 'app://cronbar/index.html', { id: 'backup-home' }),
    ).resolves.toEqual({
      ok: true,
      value: { runId: 5, queued: false, refused: null },
    });
    expect(runNow).toHaveBeenCalledWith({ id: 'backup-home', force: false });
  });

  it('refuses a foreign sender without calling the service', async () => {
    const { runNow } = setup();
    const stranger = new electron.BrowserWindow();
    await expect(
      invoke('runNow', stranger.webContents, 'app://cronbar/index.html', { id: 'x' }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'refused' } });
    await expect(
      invoke('runNow', ourWindow().webContents, 'https://evil.example/', { id: 'x' }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'refused' } });
    await expect(invoke('runNow', ourWindow().webContents, null, { id: 'x' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'refused' },
    });
    expect(runNow).not.toHaveBeenCalled();
  });

  it('rejects an invalid payload, naming the field, without calling the service', async () => {
    const { runNow } = setup();
    const result = await invoke('runNow', ourWindow().webContents, 'app://cronbar/', { id: 42 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'id' } });
    expect(runNow).not.toHaveBeenCalled();
  });

  it('reports a method the shell does not implement as not-found, and removes its handlers on dispose', async () => {
    const { manager } = setup();
    await expect(invoke('listJobs', ourWindow().webContents, 'app://cronbar/', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    manager.dispose();
    expect(electron.ipcMain.handlers.size).toBe(0);
  });
});

describe('forwardEvents', () => {
  it('pushes every service event on its event channel until unsubscribed', () => {
    const listeners = new Map<string, (payload: unknown) => void>();
    const subscribe = ((event: string, listener: (payload: unknown) => void) => {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    }) as Parameters<typeof forwardEvents>[0];
    const sent: Array<[string, unknown]> = [];
    const stop = forwardEvents(subscribe, (channel, payload) => sent.push([channel, payload]));
    listeners.get('jobs:changed')!({ reason: 'file edited' });
    expect(sent).toEqual([[eventChannelFor('jobs:changed'), { reason: 'file edited' }]]);
    stop();
    expect(listeners.size).toBe(0);
  });
});
