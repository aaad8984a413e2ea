/**
 * A fake `electron` module (Electron Fiddle style: the whole module replaced) so the desktop glue runs under plain
 * Node in vitest. Use it with `vi.mock('electron', () => import('../mocks/electron'))`; `resetElectronMock()` between
 * tests. The fakes record what the glue did (options, menus, handlers) for the tests to assert on.
 *
 * It is *faithful* where Electron's behaviour decides whether the app works: each such rule cites the Electron 45
 * documentation (the same text ships in node_modules/electron/electron.d.ts). A fake that allows what Electron
 * forbids lets the tests pass while the app fails on its first real launch.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

// ---------------------------------------------------------------------------------------------------------------------
// The ready phase.
// https://www.electronjs.org/docs/latest/api/app#event-ready — "Emitted once, when Electron has finished initializing."
// Modules that need it say so, e.g. https://www.electronjs.org/docs/latest/api/screen — "This module cannot be used
// until the `ready` event of the `app` module is emitted", and Electron throws "Cannot create BrowserWindow before
// app is ready" / "Session can only be received when app is ready" for the others below.
let ready = true;
let resolveReady: (() => void) | null = null;
let readyPromise: Promise<void> = Promise.resolve();
/** Every guarded call in order, so a test can assert start-up order ("protocol.registerSchemesAsPrivileged", …). */
export const calls: string[] = [];

function needsReady(api: string): void {
  calls.push(api);
  if (!ready)
    throw new Error(`${api} cannot be used before the app is ready (electron fake: app 'ready' has not been emitted)`);
}

// ---------------------------------------------------------------------------------------------------------------------
// Files the app opens, so the packaged-app check can assert each one exists on disk.
export const openedFiles: Array<{ api: string; file: string; exists: boolean }> = [];
function noteFile(api: string, file: string): boolean {
  const exists = fs.existsSync(file);
  openedFiles.push({ api, file, exists });
  return exists;
}

class FakeWebContents extends EventEmitter {
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  devToolsOpened = false;
  url = '';
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  getURL(): string {
    return this.url;
  }
  openDevTools(): void {
    this.devToolsOpened = true;
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
    needsReady('new BrowserWindow');
    super();
    this.options = options;
    // A preload that does not exist fails silently in the renderer ("Unable to load preload script"): window.api is
    // then missing. Record it like any other file the app opens.
    const preload = (options.webPreferences as { preload?: string } | undefined)?.preload;
    if (preload) noteFile('webPreferences.preload', preload);
    if (typeof options.icon === 'string') noteFile('BrowserWindow icon', options.icon);
    BrowserWindow.instances.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.url = url;
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
  applicationMenu: undefined as FakeMenu | null | undefined,
  buildFromTemplate: vi.fn((template: Array<Record<string, unknown>>): FakeMenu => ({ template })),
  setApplicationMenu(menu: FakeMenu | null): void {
    Menu.applicationMenu = menu;
  },
};

// ---------------------------------------------------------------------------------------------------------------------
// https://www.electronjs.org/docs/latest/api/native-image#nativeimagecreatefrompathpath — "This method returns an
// empty image if the `path` does not exist, cannot be read, or is not a valid image." No error: a tray with an empty
// image is an invisible tray, so tests must assert `isEmpty()` is false.
const IMAGE_MAGIC = [
  Buffer.from([0x89, 0x50, 0x4e, 0x47]),
  Buffer.from([0x00, 0x00, 0x01, 0x00]),
  Buffer.from([0xff, 0xd8, 0xff]),
];

export class NativeImage {
  constructor(
    readonly path: string | null,
    private readonly empty: boolean,
  ) {}
  isEmpty(): boolean {
    return this.empty;
  }
}

export const nativeImage = {
  createFromPath(file: string): NativeImage {
    const exists = noteFile('nativeImage.createFromPath', file);
    let valid = false;
    if (exists) {
      try {
        const head = fs.readFileSync(file).subarray(0, 4);
        valid = IMAGE_MAGIC.some((magic) => head.subarray(0, magic.length).equals(magic));
      } catch {
        valid = false;
      }
    }
    return new NativeImage(file, !valid);
  },
  createEmpty(): NativeImage {
    return new NativeImage(null, true);
  },
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
    needsReady('new Tray');
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

// ---------------------------------------------------------------------------------------------------------------------
// https://www.electronjs.org/docs/latest/api/notification#event-close — "On Windows, the `close` event can be emitted
// in one of three ways: programmatic dismissal with `notification.close()`, by the user closing the notification, or
// via system timeout." The toast then stays in the Action Center, where it can still be clicked. So the fake emits
// `close` on its own `Notification.autoCloseMs` after `show()` (use fake timers), and `clickInActionCenter()` clicks a
// closed one.
// https://www.electronjs.org/docs/latest/api/notification#notificationhandleactivationcallback-windows — "Registers a
// callback to handle all notification activations … regardless of whether the original `Notification` object is
// still in memory."
// https://www.electronjs.org/docs/latest/api/structures/notification-action — "Platform / Action Support": `button`
// is supported on "macOS, Windows"; `selection` on Windows only. Elsewhere (Linux) the actions are not shown, so the
// fake's `pressAction` refuses there: a test cannot press a button the user would never see.
// https://www.electronjs.org/docs/latest/api/notification#event-action — "Emitted when the user clicks an action
// button": the listener gets `details` with `actionIndex` (the positional index is deprecated but still passed).
// https://www.electronjs.org/docs/latest/api/structures/activation-arguments — on Windows `handleActivation` also gets
// `{ type: 'action', actionIndex }`.
export interface FakeNotificationOptions {
  title: string;
  body: string;
  icon?: unknown;
  id?: string;
  actions?: Array<{ type: 'button' | 'selection'; text?: string; items?: string[] }>;
}

export class Notification extends EventEmitter {
  static instances: Notification[] = [];
  static supported = true;
  static autoCloseMs = 5000;
  static activationHandler: ((details: { type: string; arguments: string; actionIndex?: number }) => void) | null =
    null;
  /** The platform the notification centre belongs to (decides which actions are shown). */
  static platform: string = 'linux';
  static isSupported(): boolean {
    return Notification.supported;
  }
  static handleActivation(
    callback: (details: { type: string; arguments: string; actionIndex?: number }) => void,
  ): void {
    Notification.activationHandler = callback;
  }
  readonly options: FakeNotificationOptions;
  shown = false;
  closed = false;
  constructor(options: FakeNotificationOptions) {
    super();
    this.options = options;
    if (typeof options.icon === 'string') noteFile('Notification icon', options.icon);
    Notification.instances.push(this);
  }
  show(): void {
    this.shown = true;
    setTimeout(() => {
      if (this.closed) return;
      this.closed = true;
      this.emit('close', {});
    }, Notification.autoCloseMs);
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close', {});
  }
  /** The buttons the platform shows for this notification. */
  get visibleActions(): string[] {
    if (Notification.platform !== 'darwin' && Notification.platform !== 'win32') return [];
    return (this.options.actions ?? [])
      .filter(
        (action) => action.type === 'button' || (action.type === 'selection' && Notification.platform === 'win32'),
      )
      .map((action) => action.text ?? '');
  }
  /** The user presses the button labelled `text` (on screen or, on Windows, in the Action Center). */
  pressAction(text: string): void {
    const actionIndex = (this.options.actions ?? []).findIndex((action) => action.text === text);
    if (!this.visibleActions.includes(text) || actionIndex < 0)
      throw new Error(
        `no button "${text}" on a ${Notification.platform} notification (shown: ${this.visibleActions.join(', ') || 'none'})`,
      );
    this.emit('action', { actionIndex, preventDefault() {}, defaultPrevented: false }, actionIndex);
    if (Notification.platform === 'win32')
      Notification.activationHandler?.({ type: 'action', arguments: '', actionIndex });
  }
  /** The user clicks the toast, on screen or later in the Action Center. */
  clickInActionCenter(): void {
    this.emit('click', {});
    Notification.activationHandler?.({ type: 'click', arguments: '' });
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

// ---------------------------------------------------------------------------------------------------------------------
// app.getPath('userData'): https://www.electronjs.org/docs/latest/api/app#appgetpathname — "`userData` The directory
// for storing your app's configuration files, which by default is the `appData` directory appended with your app's
// name", and https://www.electronjs.org/docs/latest/api/app#appgetname — "You should usually also specify a
// `productName` field, which is your application's full capitalized name, and which will be preferred over `name` by
// Electron." `appData` is %APPDATA% on Windows, $XDG_CONFIG_HOME or ~/.config on Linux, ~/Library/Application Support
// on macOS. The fake reads package.json from `app.getAppPath()` as Electron does.
// app.requestSingleInstanceLock: https://www.electronjs.org/docs/latest/api/app#apprequestsingleinstancelockadditionaldata
// — "The single instance lock is scoped to the application's user data directory (`app.getPath('userData')`)".
function appDataFor(platform: string, env: NodeJS.ProcessEnv, home: string): string {
  if (platform === 'win32') return env.APPDATA || path.win32.join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME || path.posix.join(home, '.config');
}

// app.isPackaged: https://www.electronjs.org/docs/latest/api/app#appispackaged-readonly — "A `boolean` property that
// returns `true` if the app is packaged". A packaged app's code lives in <resources>/app.asar, which is what
// `app.getAppPath()` returns, and `process.resourcesPath` (https://www.electronjs.org/docs/latest/api/process#processresourcespath-readonly
// — "A `string` representing the path to the resources directory") is set by Electron; tests set both (the packaging
// check does: `app.isPackaged = true`, `app.appPath`, `process.resourcesPath`).
class FakeApp extends EventEmitter {
  paths = new Map<string, string>();
  /** The platform the fake derives paths for (defaults to the host's). */
  platform: string = process.platform;
  appPath = process.cwd();
  isPackaged = false;
  loginItem: { openAtLogin: boolean; args?: string[]; path?: string } = { openAtLogin: false };
  wasOpenedAtLogin = false;
  appUserModelId: string | null = null;
  /** The userData directory the single-instance lock was taken for (null: never asked). */
  lockedUserData: string | null = null;
  readonly quit = vi.fn();
  readonly exit = vi.fn();
  dock = { hide: vi.fn() };

  getName(): string {
    const pkg = JSON.parse(fs.readFileSync(path.join(this.appPath, 'package.json'), 'utf8')) as {
      name?: string;
      productName?: string;
    };
    return pkg.productName || pkg.name || 'Electron';
  }
  get name(): string {
    return this.getName();
  }
  getPath(name: string): string {
    const set = this.paths.get(name);
    if (set) return set;
    const appData = appDataFor(this.platform, process.env, os.homedir());
    if (name === 'appData') return appData;
    if (name === 'userData') return (this.platform === 'win32' ? path.win32 : path.posix).join(appData, this.getName());
    return path.join(os.tmpdir(), `cronbar-fake-${name}`);
  }
  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }
  getAppPath(): string {
    return this.appPath;
  }
  getVersion(): string {
    return '0.1.0-test';
  }
  requestSingleInstanceLock(): boolean {
    this.lockedUserData = this.getPath('userData');
    calls.push('app.requestSingleInstanceLock');
    return true;
  }
  isReady(): boolean {
    return ready;
  }
  whenReady(): Promise<void> {
    return readyPromise;
  }
  /** Test control: Electron finished initialising (it does so on its own after the main script's first turn). */
  emitReady(): void {
    if (ready) return;
    ready = true;
    calls.push('ready');
    this.emit('ready', {}, {});
    resolveReady?.();
  }
  getLoginItemSettings() {
    return { ...this.loginItem, wasOpenedAtLogin: this.wasOpenedAtLogin };
  }
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[]; path?: string }): void {
    this.loginItem = { ...settings };
  }
  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }
}
export const app = new FakeApp();

// https://www.electronjs.org/docs/latest/api/protocol#protocolregisterschemesasprivilegedcustomschemes — "This method
// can only be used before the `ready` event of the `app` module gets emitted and can be called only once."
export const protocol = {
  registered: [] as unknown[],
  registerCalls: 0,
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    calls.push('protocol.registerSchemesAsPrivileged');
    if (ready) throw new Error('protocol.registerSchemesAsPrivileged must be called before the app is ready');
    protocol.registerCalls++;
    if (protocol.registerCalls > 1) throw new Error('protocol.registerSchemesAsPrivileged can be called only once');
    protocol.registered.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void {
    needsReady('protocol.handle');
    protocol.handlers.set(scheme, handler);
  },
};

// ---------------------------------------------------------------------------------------------------------------------
// Permissions: https://www.electronjs.org/docs/latest/api/session#sessetpermissionrequesthandlerhandler — "Please note
// that you must also implement `setPermissionCheckHandler` to get complete permission handling. Most web APIs do a
// permission check and then make a permission request if the check is denied." With no handler Electron grants
// everything (https://www.electronjs.org/docs/latest/tutorial/security#5-handle-session-permission-requests-from-remote-content
// — "By default, Electron will automatically approve all permission requests"). `navigator.clipboard.writeText` asks
// for `clipboard-sanitized-write` (one of the permission names the session docs list).
class FakeSession {
  permissionRequestHandler:
    | ((
        contents: unknown,
        permission: string,
        callback: (granted: boolean) => void,
        details: Record<string, unknown>,
      ) => void)
    | null = null;
  permissionCheckHandler:
    | ((contents: unknown, permission: string, requestingOrigin: string, details: Record<string, unknown>) => boolean)
    | null = null;
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler;
  }
  /** What a page's permission-gated web API gets: the check first, then the request if the check said no. */
  async askFromPage(contents: unknown, permission: string, pageUrl: string): Promise<boolean> {
    const origin = new URL(pageUrl).origin;
    const checked = this.permissionCheckHandler
      ? this.permissionCheckHandler(contents, permission, origin, { requestingUrl: pageUrl, isMainFrame: true })
      : true;
    if (checked) return true;
    if (!this.permissionRequestHandler) return true;
    const handler = this.permissionRequestHandler;
    return new Promise((resolve) =>
      handler(contents, permission, resolve, { requestingUrl: pageUrl, isMainFrame: true }),
    );
  }
}
let defaultSession = new FakeSession();
export const session = {
  get defaultSession(): FakeSession {
    needsReady('session.defaultSession');
    return defaultSession;
  },
  set defaultSession(value: FakeSession) {
    defaultSession = value;
  },
};

export const shell = {
  openExternal: vi.fn(async (_url: string) => {}),
  openPath: vi.fn(async (_path: string) => ''),
  showItemInFolder: vi.fn((_path: string) => {}),
};

// https://www.electronjs.org/docs/latest/api/dialog#dialogshowerrorboxtitle-content — "This API can be called safely
// before the `ready` event … If called before the app `ready` event on Linux, the message will be emitted to stderr,
// and no GUI dialog will appear." The fake records where each box went.
export const dialog = {
  showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePath: undefined as string | undefined })),
  errorBoxes: [] as Array<{ title: string; content: string; shownAs: 'dialog' | 'stderr' }>,
  showErrorBox(title: string, content: string): void {
    dialog.errorBoxes.push({ title, content, shownAs: !ready && app.platform === 'linux' ? 'stderr' : 'dialog' });
  },
  /** The button index the next message box answers with. */
  nextMessageBoxResponse: 0,
  messageBoxes: [] as Array<Record<string, unknown>>,
  showMessageBoxSync(...args: unknown[]): number {
    const options = (args.length > 1 ? args[1] : args[0]) as Record<string, unknown>;
    dialog.messageBoxes.push(options);
    return dialog.nextMessageBoxResponse;
  },
};

export const screen = {
  getAllDisplays: () => {
    needsReady('screen.getAllDisplays');
    return [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }];
  },
};

// https://www.electronjs.org/docs/latest/api/power-monitor — "This module cannot be used until the `ready` event of
// the `app` module is emitted." (electron/electron#21927: "powerMonitor can't be used until the app is ready".) So
// subscribing before ready throws here; `suspend`/`resume` are emitted by the test (`powerMonitor.emit('suspend')`),
// as the OS would.
class FakePowerMonitor extends EventEmitter {
  override on(event: string | symbol, listener: Listener): this {
    needsReady(`powerMonitor.on('${String(event)}')`);
    return super.on(event, listener);
  }
  override once(event: string | symbol, listener: Listener): this {
    needsReady(`powerMonitor.once('${String(event)}')`);
    return super.once(event, listener);
  }
  override addListener(event: string | symbol, listener: Listener): this {
    return this.on(event, listener);
  }
  // https://www.electronjs.org/docs/latest/api/power-monitor#powermonitorgetsystemidletime — "Returns `Integer` -
  // Idle time in seconds". The test sets `idleSeconds` as the user's hands would.
  idleSeconds = 0;
  getSystemIdleTime(): number {
    needsReady('powerMonitor.getSystemIdleTime');
    return this.idleSeconds;
  }
  // https://www.electronjs.org/docs/latest/api/power-monitor#powermonitorisonbatterypower — "Returns `boolean` -
  // Whether the system is on battery power. To monitor for changes in this property, use the `on-battery` and `on-ac`
  // events." (#event-on-ac-macos-windows: "Emitted when the system changes to AC power"; `on-battery`: "Emitted when
  // system changes to battery power"; both "macOS Windows".) `plugIn`/`unplug` are the OS changing the source: the
  // property follows, and the event fires only on those platforms.
  onBattery = false;
  eventPlatform: NodeJS.Platform = 'darwin';
  isOnBatteryPower(): boolean {
    needsReady('powerMonitor.isOnBatteryPower');
    return this.onBattery;
  }
  plugIn(): void {
    if (!this.onBattery) return;
    this.onBattery = false;
    if (this.eventPlatform !== 'linux') this.emit('on-ac');
  }
  unplug(): void {
    if (this.onBattery) return;
    this.onBattery = true;
    if (this.eventPlatform !== 'linux') this.emit('on-battery');
  }
}
export const powerMonitor = new FakePowerMonitor();

// https://www.electronjs.org/docs/latest/api/power-save-blocker#powersaveblockerstarttype — "`prevent-app-suspension`
// - Prevent the application from being suspended. Keeps system active but allows screen to be turned off." "Returns
// `Integer` - The blocker ID that is assigned to this power blocker." #powersaveblockerstopid: "Stops the specified
// power save blocker. Returns `boolean`"; #powersaveblockerisstartedid: "Returns `boolean` - Whether the
// corresponding `powerSaveBlocker` has started." `active` is what keeps the machine awake right now.
export const powerSaveBlocker = {
  active: new Map<number, string>(),
  nextId: 1,
  start(type: string): number {
    const id = powerSaveBlocker.nextId++;
    powerSaveBlocker.active.set(id, type);
    return id;
  },
  stop(id: number): boolean {
    return powerSaveBlocker.active.delete(id);
  },
  isStarted(id: number): boolean {
    return powerSaveBlocker.active.has(id);
  },
};

/**
 * Restores every fake to a fresh state. `ready: false` starts like a real launch: the app is not ready until the test
 * calls `app.emitReady()`, and the APIs that need it throw until then.
 */
export function resetElectronMock(options: { ready?: boolean } = {}): void {
  ready = options.ready ?? true;
  readyPromise = ready ? Promise.resolve() : new Promise<void>((resolve) => (resolveReady = resolve));
  calls.length = 0;
  openedFiles.length = 0;
  BrowserWindow.instances = [];
  Tray.instances = [];
  Notification.instances = [];
  Notification.supported = true;
  Notification.autoCloseMs = 5000;
  Notification.activationHandler = null;
  Notification.platform = 'linux';
  ipcMain.handlers.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invoke.mockClear();
  contextBridge.exposed.clear();
  app.removeAllListeners();
  app.quit.mockClear();
  app.exit.mockClear();
  app.paths.clear();
  app.platform = process.platform;
  app.appPath = process.cwd();
  app.isPackaged = false;
  app.loginItem = { openAtLogin: false };
  app.wasOpenedAtLogin = false;
  app.appUserModelId = null;
  app.lockedUserData = null;
  protocol.registered = [];
  protocol.registerCalls = 0;
  protocol.handlers.clear();
  defaultSession = new FakeSession();
  shell.openExternal.mockClear();
  shell.openPath.mockClear();
  shell.openPath.mockImplementation(async () => '');
  shell.showItemInFolder.mockClear();
  dialog.showSaveDialog.mockClear();
  dialog.errorBoxes = [];
  dialog.messageBoxes = [];
  dialog.nextMessageBoxResponse = 0;
  Menu.buildFromTemplate.mockClear();
  Menu.applicationMenu = undefined;
  powerMonitor.removeAllListeners();
  powerMonitor.idleSeconds = 0;
  powerMonitor.onBattery = false;
  powerMonitor.eventPlatform = 'darwin';
  powerSaveBlocker.active.clear();
}

export default {
  app,
  BrowserWindow,
  Menu,
  Tray,
  Notification,
  ipcMain,
  ipcRenderer,
  contextBridge,
  protocol,
  session,
  shell,
  dialog,
  screen,
  nativeImage,
  powerMonitor,
  powerSaveBlocker,
};
