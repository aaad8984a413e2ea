/**
 * Which icon file the tray shows: template PNGs on macOS (the menu bar tints them for light and dark mode), `.ico` on
 * Windows (several sizes in one file for scaling), plain PNG on Linux.
 */
import path from 'node:path';
import type { TrayIconState } from './tray-state';

export function trayIconPath(resourcesDir: string, platform: string, state: TrayIconState): string {
  const dir = path.join(resourcesDir, 'tray');
  if (platform === 'darwin') return path.join(dir, `${state}Template.png`);
  if (platform === 'win32') return path.join(dir, `${state}.ico`);
  return path.join(dir, `${state}.png`);
}
