import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../mocks/electron'));

const electron = await import('../mocks/electron');
const { channelFor, eventChannelFor, methodNames } = await import('../../shared/api/contract');

// The preload exposes window.api when it is evaluated, once, as in a real renderer.
await import('../../electron/preload/preload');

async function loadPreload() {
  return electron.contextBridge.exposed.get('api') as Record<string, unknown> & {
    on: (event: string, cb: (payload: unknown) => void) => () => void;
  };
}

describe('preload', () => {
  beforeEach(() => {
    electron.ipcRenderer.removeAllListeners();
    electron.ipcRenderer.invoke.mockClear();
  });

  it('exposes only window.api: one function per contract method plus on(), never ipcRenderer', async () => {
    const api = await loadPreload();
    expect([...electron.contextBridge.exposed.keys()]).toEqual(['api']);
    expect(Object.keys(api).sort()).toEqual([...methodNames, 'on'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(Object.values(api)).not.toContain(electron.ipcRenderer);
  });

  it('invokes the method channel with the input and returns main’s Result', async () => {
    const api = await loadPreload();
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { runId: 9, queued: false, refused: null } });
    await expect((api.runNow as (input: unknown) => Promise<unknown>)({ id: 'backup-home' })).resolves.toEqual({
      ok: true,
      value: { runId: 9, queued: false, refused: null },
    });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(channelFor('runNow'), { id: 'backup-home' });
  });

  it('on() hands listeners the payload only (not the IPC event) and unsubscribes', async () => {
    const api = await loadPreload();
    const listener = vi.fn();
    const unsubscribe = api.on('run:finished', listener);
    const fakeEvent = { sender: 'ipc internals' };
    electron.ipcRenderer.emit(eventChannelFor('run:finished'), fakeEvent, { id: 3 });
    expect(listener).toHaveBeenCalledWith({ id: 3 });
    expect(listener.mock.calls[0]).toHaveLength(1);
    unsubscribe();
    electron.ipcRenderer.emit(eventChannelFor('run:finished'), fakeEvent, { id: 4 });
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
