/**
 * The application menu. Electron's default menu has View > Toggle Developer Tools (and its shortcut): a packaged app
 * gets no menu at all, except on macOS, where copy, paste and undo in the window's editor work only through an Edit
 * menu (https://www.electronjs.org/docs/latest/api/menu#main-process). Development keeps the default.
 */
import { Menu } from 'electron';

export function installAppMenu(options: { isPackaged: boolean; platform: string }): void {
  if (!options.isPackaged) return;
  if (options.platform !== 'darwin') {
    Menu.setApplicationMenu(null);
    return;
  }
  Menu.setApplicationMenu(Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }]));
}
