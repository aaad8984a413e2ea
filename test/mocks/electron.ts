/**
 * A fake `electron` module (Electron Fiddle style: the whole module replaced) so the desktop glue runs under plain
 * Node in vitest. Use it with `vi.mock('electron', () => import('../mocks/electron'))`; `resetElectronMock()` between
 * tests. The fakes record what the glue did (options, menus, handlers) for the tests to assert on.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

class FakeWebContents extends EventEmitter {
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  static fromWebContents(contents: unknown): BrowserWindow | null {
    return BrowserWindow.instances.find((window) => window.webContents === contents) ?? null;
  }
  readonly webContents = new FakeWebContents();
  readonly options: Record<string, unknown>;
  loadedUrl: string | null = null;
  visible = false;
  destroyed = false;
  maximized = false;
  bounds = { x: 0, y: 0, width: 800, height: 600 };
  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    BrowserWindow.instances.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
  isVisible(): boolean {
    return this.visible;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  getNormalBounds() {
    return this.bounds;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('closed');
  }
  /** Simulates the user closing the window; returns whether the close went through. */
  close(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.destroy();
    return !prevented;
  }
}

export interface FakeMenu {
  template: Array<Record<string, unknown>>;
}

export const Menu = {
  buildFromTemplate: vi.fn((template: Array<Record<string, unknown>>): FakeMenu => ({ template })),
};

export class Tray extends EventEmitter {
  static instances: Tray[] = [];
  image: unknown;
  menu: FakeMenu | null = null;
  tooltip = '';
  destroyed = false;
  readonly setContextMenu = vi.fn((menu: FakeMenu) => {
    this.menu = menu;
  });
  constructor(image: unknown) {
    super();
    this.image = image;
    Tray.instances.push(this);
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setImage(image: unknown): void {
    this.image = image;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export class Notification extends EventEmitter {
  static instances: Notification[] = [];
  static supported = true;
  static isSupported(): boolean {
    return Notification.supported;
  }
  readonly options: { title: string; body: string };
  shown = false;
  constructor(options: { title: string; body: string }) {
    super();
    this.options = options;
    Notification.instances.push(this);
  }
  show(): void {
    this.shown = true;
  }
}

class FakeIpcMain {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}
export const ipcMain = new FakeIpcMain();

class FakeIpcRenderer extends EventEmitter {
  readonly invoke = vi.fn(async (_channel: string, _input: unknown): Promise<unknown> => ({ ok: true, value: {} }));
}
export const ipcRenderer = new FakeIpcRenderer();

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, value: unknown): void {
    contextBridge.exposed.set(key, value);
  },
};

class FakeApp extends EventEmitter {
  paths = new Map<string, string>([['userData', '/tmp/cronbar-fake-user-data']]);
  isPackaged = false;
  loginItem = { openAtLogin: false };
  readonly quit = vi.fn();
  readonly exit = vi.fn();
  getPath(name: string): string {
    return this.paths.get(name) ?? `/tmp/cronbar-fake-${name}`;
  }
  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }
  getAppPath(): string {
    return process.cwd();
  }
  getVersion(): string {
    return '0.1.0-test';
  }
  requestSingleInstanceLock(): boolean {
    return true;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  getLoginItemSettings() {
    return { ...this.loginItem };
  }
  setLoginItemSettings(settings: { openAtLogin: boolean }): void {
    this.loginItem = { openAtLogin: settings.openAtLogin };
  }
  setAppUserModelId(): void {}
  dock = { hide: vi.fn() };
}
export const app = new FakeApp();

export const protocol = {
  registered: [] as unknown[],
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    protocol.registered.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void {
    protocol.handlers.set(scheme, handler);
  },
};

class FakeSession {
  permissionRequestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler;
  }
}
export const session = { defaultSession: new FakeSession() };

export const shell = {
  openExternal: vi.fn(async (_url: string) => {}),
  openPath: vi.fn(async (_path: string) => ''),
};

export const dialog = {
  showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePath: undefined as string | undefined })),
};

export const screen = {
  getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
};

export const nativeImage = {
  createFromPath: (path: string) => ({ path }),
};

export const powerMonitor = new EventEmitter();

/** Restores every fake to a fresh state. */
export function resetElectronMock(): void {
  BrowserWindow.instances = [];
  Tray.instances = [];
  Notification.instances = [];
  Notification.supported = true;
  ipcMain.handlers.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invoke.mockClear();
  contextBridge.exposed.clear();
  app.removeAllListeners();
  app.quit.mockClear();
  app.loginItem = { openAtLogin: false };
  protocol.registered = [];
  protocol.handlers.clear();
  session.defaultSession = new FakeSession();
  shell.openExternal.mockClear();
  shell.openPath.mockClear();
  dialog.showSaveDialog.mockClear();
  Menu.buildFromTemplate.mockClear();
  powerMonitor.removeAllListeners();
}

export default { app, BrowserWindow, Menu, Tray, Notification, ipcMain, ipcRenderer, contextBridge, protocol, session, shell, dialog, screen, nativeImage, powerMonitor };
