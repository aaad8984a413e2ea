/**
 * The tray icon and menu. The menu is rebuilt from `buildTrayTemplate(state)` only when the template changes (as
 * Stretchly does). Nothing polls: the owner asks for a refresh on service events, and one timer waits for the next
 * moment the text changes by the clock alone (policy/tray-text-changes.ts). Linux keeps showing the old menu unless
 * setContextMenu is called again after every change, and ignores clicks on the icon, so everything is in the menu
 * (https://www.electronjs.org/docs/latest/api/tray#platform-limitations).
 */
import { Menu, type MenuItemConstructorOptions, type NativeImage, Tray } from 'electron';
import { type TrayAction, parseTrayAction } from '../policy/tray-actions';
import type { TrayIconState, TrayState } from '../policy/tray-state';
import { trayIconState } from '../policy/tray-state';
import type { TrayMenuItem } from '../policy/tray-menu-text';
import { buildTrayTemplate, trayTooltip } from '../policy/tray-template';
import { nextTrayTextChange } from '../policy/tray-text-changes';

export interface TrayControllerOptions {
  icon(state: TrayIconState): NativeImage;
  loadState(): Promise<TrayState>;
  onAction(action: TrayAction): void;
  platform: string;
  log?: (line: string) => void;
}

const REQUEST_DEBOUNCE_MS = 150;
/** setTimeout's longest delay; a later text change is waited for in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class TrayController {
  // Module-lifetime reference: a collected Tray disappears from the tray.
  private tray: Tray | null = null;
  private template: TrayMenuItem[] = [];
  private templateJson = '';
  private tooltip = '';
  private iconState: TrayIconState | null = null;
  private textTimer: ReturnType<typeof setTimeout> | null = null;
  private debounce: ReturnType<typeof setTimeout> | null = null;
  private refreshing: Promise<void> | null = null;
  private again = false;
  /** How many times the native menu was rebuilt (the e2e hook and tests read it). */
  rebuilds = 0;

  constructor(private readonly options: TrayControllerOptions) {}

  async start(): Promise<void> {
    this.tray = new Tray(this.options.icon('idle'));
    this.iconState = 'idle';
    // Windows users expect a left click to open the app; macOS shows the menu itself; Linux never sends clicks.
    if (this.options.platform === 'win32') this.tray.on('click', () => this.options.onAction({ kind: 'open-window' }));
    await this.refresh();
  }

  /** Coalesces bursts of service events into one refresh. */
  requestRefresh(): void {
    if (this.debounce) return;
    this.debounce = setTimeout(() => {
      this.debounce = null;
      void this.refresh();
    }, REQUEST_DEBOUNCE_MS);
  }

  /** Reloads the state and applies it; concurrent calls fold into one extra pass. */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      do {
        this.again = false;
        try {
          this.apply(await this.options.loadState());
        } catch (error) {
          this.options.log?.(`tray: refresh failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      } while (this.again);
    })().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  apply(state: TrayState): void {
    const tray = this.tray;
    if (!tray || tray.isDestroyed()) return;
    const template = buildTrayTemplate(state);
    const json = JSON.stringify(template);
    if (json !== this.templateJson) {
      this.template = template;
      this.templateJson = json;
      tray.setContextMenu(Menu.buildFromTemplate(this.toElectron(template)));
      this.rebuilds++;
    }
    const tooltip = trayTooltip(state);
    if (tooltip !== this.tooltip) {
      this.tooltip = tooltip;
      tray.setToolTip(tooltip);
    }
    const icon = trayIconState(state);
    if (icon !== this.iconState) {
      this.iconState = icon;
      tray.setImage(this.options.icon(icon));
    }
    this.armTextTimer(state);
  }

  /** One timer, to the next moment the menu or tooltip reads differently by the clock alone. */
  private armTextTimer(state: TrayState): void {
    if (this.textTimer) clearTimeout(this.textTimer);
    const delay = Math.min(MAX_TIMER_MS, Math.max(1, nextTrayTextChange(state) - state.now));
    this.textTimer = setTimeout(() => {
      this.textTimer = null;
      void this.refresh();
    }, delay);
  }

  currentTemplate(): TrayMenuItem[] {
    return this.template;
  }

  currentTooltip(): string {
    return this.tooltip;
  }

  currentIcon(): TrayIconState | null {
    return this.iconState;
  }

  /** Acts on a menu item by id, as a click would. Returns false for ids that do nothing. */
  click(id: string): boolean {
    const action = parseTrayAction(id);
    if (!action) return false;
    this.options.onAction(action);
    return true;
  }

  private toElectron(items: TrayMenuItem[]): MenuItemConstructorOptions[] {
    return items.map((item): MenuItemConstructorOptions => {
      if (item.type === 'separator') return { type: 'separator' };
      const id = item.id;
      return {
        ...(id ? { id } : {}),
        label: item.label,
        type: item.submenu ? 'submenu' : (item.type ?? 'normal'),
        enabled: item.enabled ?? true,
        ...(item.type === 'checkbox' ? { checked: item.checked ?? false } : {}),
        ...(item.submenu ? { submenu: this.toElectron(item.submenu) } : {}),
        ...(id && !item.submenu ? { click: () => this.click(id) } : {}),
      };
    });
  }

  dispose(): void {
    if (this.textTimer) clearTimeout(this.textTimer);
    if (this.debounce) clearTimeout(this.debounce);
    this.textTimer = null;
    this.debounce = null;
    this.tray?.destroy();
    this.tray = null;
  }
}
