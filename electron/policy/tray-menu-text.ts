import { localTimeFormatter } from './format-time';
import type { TrayState } from './tray-state';

/**
 * What every tray menu section shares: the item shape and how a name or a label is written into it. The template
 * (tray-template.ts) and its sections (tray-overdue.ts) import these; neither imports the other back.
 */
export type TrayMenuItem =
  | { type: 'separator' }
  | {
      type?: 'normal' | 'checkbox';
      id?: string;
      label: string;
      enabled?: boolean;
      checked?: boolean;
      submenu?: TrayMenuItem[];
    };

/** Longest label shown for a job name; longer names are cut in the middle of the menu, not by the OS. */
export const MAX_NAME_LENGTH = 40;

export function shortenName(name: string, max = MAX_NAME_LENGTH): string {
  const chars = Array.from(name.replace(/\s+/g, ' ').trim());
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** Windows and Linux read `&` as a mnemonic marker; `&&` shows one ampersand. macOS shows labels literally. */
export function label(text: string, platform: string): string {
  return platform === 'darwin' ? text : text.replace(/&/g, '&&');
}

const localTimes = new WeakMap<TrayState, (at: number) => string>();

/** A local time as the tray writes it (format-time.ts), with one formatter per state: the menu writes many. */
export function localTime(state: TrayState, at: number): string {
  let format = localTimes.get(state);
  if (!format) localTimes.set(state, (format = localTimeFormatter(state.now, state.timeZone)));
  return format(at);
}
