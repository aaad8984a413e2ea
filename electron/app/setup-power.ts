/**
 * Sleep: powerMonitor's suspend and resume reach the core. The suspend is noted so the resume's resync records the
 * exact sleep span (not only the drift it measures). Clock changes need no timer here: the engine's ClockWatch
 * notices them and resyncs itself. Returns the dispose.
 */
import { powerMonitor } from 'electron';
import type { CronbarService } from '../core/service/types';

export function setupPower(service: CronbarService, log: (line: string) => void): () => void {
  const onSuspend = () => {
    log('power: suspend');
    service.noteSuspend();
  };
  const onResume = () => service.resync('resume');
  powerMonitor.on('suspend', onSuspend);
  powerMonitor.on('resume', onResume);
  return () => {
    powerMonitor.off('suspend', onSuspend);
    powerMonitor.off('resume', onResume);
  };
}
