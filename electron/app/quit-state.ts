/**
 * Where the app is on its way out, read by the window (close really closes while quitting) and the tray (its
 * "Quitting: waiting for …" line), written only by the quit drain (quit-drain.ts).
 */
export interface QuitState {
  phase: 'running' | 'draining' | 'done';
  /** While draining: how many runs are still running and when their grace ends. */
  progress: { running: number; graceEndsAt: number } | null;
}

export function createQuitState(): QuitState {
  return { phase: 'running', progress: null };
}
