/**
 * `keepAwake: true`: while a run of such a job goes, the system must not sleep. One
 * `powerSaveBlocker.start('prevent-app-suspension')` per run ("Prevent the application from being suspended. Keeps
 * system active but allows screen to be turned off", https://www.electronjs.org/docs/latest/api/power-save-blocker),
 * stopped when the run ends however it ends: its `run:finished` (succeeded, failed, timed out, cancelled,
 * interrupted), the scheduler reporting nothing running, or the app quitting (the dispose). Returns the dispose.
 */
import { powerSaveBlocker } from 'electron';
import type { CronbarService } from '../core/service/types';

export function setupKeepAwake(
  service: Pick<CronbarService, 'on' | 'jobSpec'>,
  log: (line: string) => void,
): { dispose: () => void; held: () => number } {
  const blockers = new Map<number, number>();
  const release = (runId: number) => {
    const blocker = blockers.get(runId);
    if (blocker === undefined) return;
    blockers.delete(runId);
    if (powerSaveBlocker.isStarted(blocker)) powerSaveBlocker.stop(blocker);
  };
  const releaseAll = () => [...blockers.keys()].forEach(release);

  const offStarted = service.on('run:started', (run) => {
    let keepAwake = false;
    try {
      keepAwake = service.jobSpec(run.jobId).keepAwake === true;
    } catch {
      return; // the job left the jobs file meanwhile
    }
    if (!keepAwake || blockers.has(run.id)) return;
    blockers.set(run.id, powerSaveBlocker.start('prevent-app-suspension'));
    log(`keepAwake: holding off sleep while run ${run.id} of ${run.jobId} goes`);
  });
  const offFinished = service.on('run:finished', (run) => release(run.id));
  // A safety net: whatever event was missed, nothing running means nothing to keep awake for.
  const offStatus = service.on('scheduler:changed', (status) => {
    if (status.running === 0) releaseAll();
  });
  return {
    held: () => blockers.size,
    dispose: () => {
      offStarted();
      offFinished();
      offStatus();
      releaseAll();
    },
  };
}
