/**
 * When "until the morning" ends (Settings, HH:MM; 08:00 until the desktop says otherwise): read once when the window
 * opens and again when Settings changes it, shared by the Pause all dialog and every job's pause menu.
 */
import { create } from 'zustand';
import { DEFAULT_PAUSE_MORNING, type WindowApi } from '../../shared/api/contract';

export const usePauseMorning = create<{ morning: string }>(() => ({ morning: DEFAULT_PAUSE_MORNING }));

export async function loadPauseMorning(api: Pick<WindowApi, 'getAppSettings'>): Promise<void> {
  const result = await api.getAppSettings({});
  // A window without the desktop (a browser test without the setting) keeps the default.
  if (result.ok && result.value.pauseMorning) usePauseMorning.setState({ morning: result.value.pauseMorning });
}
