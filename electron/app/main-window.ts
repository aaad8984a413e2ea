/**
 * The one window, created on first use (the app lives in the tray) and hidden, not destroyed, on close so reopening
 * is instant. Its size and position are remembered in `<userData>/window-state.json`.
 */
import fs from 'node:fs';
import { BrowserWindow, type WebContents, screen } from 'electron';
import { type SavedWindowState, MIN_SIZE, parseWindowState, restoreBounds } from '../policy/window-bounds';

export interface MainWindowOptions {
  preloadPath: string;
  entryUrl: string;
  stateFile: string;
  /** The window and taskbar icon on Linux (macOS and Windows take the app bundle's). */
  icon?: string;
  /** While quitting, close really closes. */
  isQuitting(): boolean;
  /** Called once the page has loaded (queued pushes, such as a navigation from a notification, go out then). */
  onLoaded?(contents: WebContents): void;
}

const SAVE_DEBOUNCE_MS = 500;

export class MainWindow {
  private window: BrowserWindow | null = null;
  private loaded = false;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: MainWindowOptions) {}

  get current(): BrowserWindow | null {
    return this.window && !this.window.isDestroyed() ? this.window : null;
  }

  get isLoaded(): boolean {
    return this.current !== null && this.loaded;
  }

  isOurWebContents(contents: WebContents): boolean {
    const window = this.current;
    return window !== null && contents === window.webContents;
  }

  /** Shows the window, creating it first if needed. */
  show(): BrowserWindow {
    const window = this.current ?? this.create();
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
    return window;
  }

  send(channel: string, payload: unknown): void {
    const window = this.current;
    if (window && this.loaded) window.webContents.send(channel, payload);
  }

  private create(): BrowserWindow {
    const saved = this.readState();
    const bounds = restoreBounds(
      saved,
      screen.getAllDisplays().map((display) => display.workArea),
    );
    const window = new BrowserWindow({
      ...bounds,
      minWidth: MIN_SIZE.width,
      minHeight: MIN_SIZE.height,
      show: false,
      title: 'Cronbar',
      ...(this.options.icon ? { icon: this.options.icon } : {}),
      autoHideMenuBar: true,
      backgroundColor: '#1e1e1e',
      webPreferences: {
        preload: this.options.preloadPath,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        // Middle-click opens links in new windows on its own path; nothing here needs it.
        disableBlinkFeatures: 'Auxclick',
        spellcheck: false,
      },
    });
    this.window = window;
    this.loaded = false;
    if (saved?.maximized) window.maximize();
    window.on('close', (event) => {
      this.saveState();
      if (this.options.isQuitting()) return;
      // The app keeps running in the tray; Quit (tray menu) is how it ends.
      event.preventDefault();
      window.hide();
    });
    window.on('closed', () => {
      if (this.window === window) this.window = null;
    });
    window.on('resize', () => this.scheduleSave());
    window.on('move', () => this.scheduleSave());
    window.webContents.on('did-finish-load', () => {
      this.loaded = true;
      this.options.onLoaded?.(window.webContents);
    });
    window.webContents.on('did-start-loading', () => {
      this.loaded = false;
    });
    void window.loadURL(this.options.entryUrl);
    return window;
  }

  private readState(): SavedWindowState | null {
    try {
      return parseWindowState(fs.readFileSync(this.options.stateFile, 'utf8'));
    } catch {
      return null;
    }
  }

  private scheduleSave(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.saveState(), SAVE_DEBOUNCE_MS);
  }

  saveState(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    const window = this.current;
    if (!window) return;
    const state: SavedWindowState = { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
    try {
      fs.writeFileSync(this.options.stateFile, JSON.stringify(state));
    } catch {
      // Losing the window position is not worth interrupting anyone for.
    }
  }

  destroy(): void {
    this.saveState();
    this.current?.destroy();
    this.window = null;
  }
}
