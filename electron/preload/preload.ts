/**
 * The window's only door to main: `window.api`, one named method per contract entry plus `on(event, cb)`, built from
 * the shared contract so nothing is typed twice. ipcRenderer itself is never exposed, and listeners receive only the
 * payload (passing the IpcRendererEvent would leak `event.sender`). Bundled to one CommonJS file: a sandboxed preload
 * cannot `require` our modules (https://www.electronjs.org/docs/latest/tutorial/sandbox#preload-scripts).
 */
import { type IpcRendererEvent, contextBridge, ipcRenderer } from 'electron';
import { type ApiTransport, createWindowApi } from '../../shared/api/client';
import type { Result } from '../../shared/api/contract';

const transport: ApiTransport = {
  invoke: (channel, input) => ipcRenderer.invoke(channel, input) as Promise<Result<unknown>>,
  subscribe: (channel, listener) => {
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
};

contextBridge.exposeInMainWorld('api', createWindowApi(transport));
