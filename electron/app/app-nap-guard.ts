/**
 * Keeps macOS App Nap from stretching the timers while a fire is due soon or a job runs (policy/app-nap.ts): a
 * `prevent-app-suspension` power-save blocker, held only for those stretches
 * (https://www.electronjs.org/docs/latest/api/power-save-blocker). Elsewhere it does nothing.
 */
import { powerSaveBlocker } from 'electron';
import { needsAwake } from '../policy/app-nap';

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
