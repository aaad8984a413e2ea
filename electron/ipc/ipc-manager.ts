/**
 * The one place main answers the renderer (after Electron Fiddle's src/main/ipc.ts): one handler per contract method,
 * each checking the sender (our window, our `app://` origin) before the shared dispatcher parses the payload with the
 * method's zod schema, calls the implementation and returns a Result. Calls from anyone else are refused and logged.
 */
import { type IpcMainInvokeEvent, type WebContents, ipcMain } from 'electron';
import { type MethodName, type Result, channelFor, methodNames } from '../../shared/api/contract';
import { type Implementation, dispatch } from '../../shared/api/dispatch';
import { isAppUrl } from '../policy/app-origin';

export interface IpcManagerOptions {
  implementation: Implementation;
  /** True for the webContents of our own window (BrowserWindow.fromWebContents alone would accept any window). */
  isOurWebContents(contents: WebContents): boolean;
  log?: (line: string) => void;
}

export class IpcManager {
  private registered = false;

  constructor(private readonly options: IpcManagerOptions) {}

  register(): void {
    if (this.registered) return;
    this.registered = true;
    for (const method of methodNames) {
      ipcMain.handle(channelFor(method), (event, input: unknown) => this.handle(method, event, input));
    }
  }

  /** Answers one call. Exposed for tests; Electron calls it through the registered handler. */
  async handle(
    method: MethodName,
    event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
    input: unknown,
  ): Promise<Result<unknown>> {
    if (!this.isTrustedSender(event)) {
      const url = event.senderFrame?.url ?? '(no frame)';
      this.options.log?.(`ipc: refused ${method} from ${url}`);
      return { ok: false, error: { code: 'refused', message: `${method}: the caller is not the Cronbar window` } };
    }
    return dispatch(this.options.implementation, method, input);
  }

  /** Electron security checklist item 17: the sender must be our window, showing our origin. */
  isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): boolean {
    const frame = event.senderFrame;
    if (!frame) return false;
    return this.options.isOurWebContents(event.sender) && isAppUrl(frame.url);
  }

  dispose(): void {
    if (!this.registered) return;
    this.registered = false;
    for (const method of methodNames) ipcMain.removeHandler(channelFor(method));
  }
}
