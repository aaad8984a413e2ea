/**
 * Keeps macOS App Nap from stretching the timers while a fire is due soon or a job runs (policy/app-nap.ts): a
 * `prevent-app-suspension` power-save blocker, held only for those stretches
 * (https://www.electronjs.org/docs/latest/api/power-save-blocker). Elsewhere it does nothing.
 */
import { powerSaveBlocker } from 'electron';
import type { CronbarService } from '../core/service/types';
import { AWAKE_LEAD_MS, needsAwake } from '../policy/app-nap';

/** setTimeout's longest delay; a later moment is waited for in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** After a fire's moment, look again this much later if no run event came (a skipped fire, a paused job). */
const AFTER_FIRE_MS = 1_000;

export class AppNapGuard {
  private blocker: number | null = null;

  constructor(private readonly platform: string) {}

  get holding(): boolean {
    return this.blocker !== null;
  }

  update(state: { now: number; nextFireAt: number | null; running: number }): void {
    if (this.platform !== 'darwin') return;
    const awake = needsAwake(state);
    if (awake && this.blocker === null) this.blocker = powerSaveBlocker.start('prevent-app-suspension');
    else if (!awake && this.blocker !== null) this.release();
  }

  release(): void {
    if (this.blocker !== null) powerSaveBlocker.stop(this.blocker);
    this.blocker = null;
  }
}

/**
 * Holds the blocker on macOS from AWAKE_LEAD_MS before each fire until no run is live, driven by run and scheduler
 * events plus one timer to the next moment the answer changes (the lead before the next fire). No polling, and
 * nothing at all on Linux and Windows. Returns the dispose.
 */
export function setupAppNap(
  service: Pick<CronbarService, 'on' | 'onResync' | 'status' | 'upcoming'>,
  platform: string,
): () => void {
  if (platform !== 'darwin') return () => {};
  const guard = new AppNapGuard(platform);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;

  const update = async () => {
    const [status, upcoming] = await Promise.all([service.status({}), service.upcoming({ count: 1 })]);
    if (disposed) return;
    const now = Date.now();
    const nextFireAt = upcoming[0]?.at ?? null;
    guard.update({ now, nextFireAt, running: status.running });
    if (timer) clearTimeout(timer);
    timer = null;
    if (nextFireAt === null) return;
    // Awake: look again just after the fire (its run's events usually come first). Napping: wake for the lead.
    const at = guard.holding ? nextFireAt + AFTER_FIRE_MS : nextFireAt - AWAKE_LEAD_MS;
    timer = setTimeout(() => void refresh(), Math.min(MAX_TIMER_MS, Math.max(0, at - now)));
  };
  const refresh = () => update().catch(() => {});
  const unsubscribers = [
    service.on('run:started', refresh),
    service.on('run:finished', refresh),
    service.on('jobs:changed', refresh),
    service.on('scheduler:changed', refresh),
    service.onResync(refresh),
  ];
  void refresh();
  return () => {
    disposed = true;
    unsubscribers.forEach((unsubscribe) => unsubscribe());
    if (timer) clearTimeout(timer);
    guard.release();
  };
}
