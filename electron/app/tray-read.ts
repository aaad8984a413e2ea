/**
 * What one tray refresh reads from the service, and the TrayState it derives. A constant number of queries whatever
 * the number of jobs (jobSummaries: every job's newest run and the live runs, one query each), because the tray
 * refreshes on every run event. No Electron here, so the benchmark (bench/children/tray-refresh-child.ts) times
 * exactly what the app does on each refresh.
 */
import type { CronbarService } from '../core/service/types';
import { type TrayState, deriveTrayState, UPCOMING_IN_TRAY } from '../policy/tray-state';

export interface TrayReadOptions {
  platform: string;
  launchAtLogin: boolean;
  pauseMorning?: string;
  quitting: TrayState['quitting'];
  now: number;
}

export type TrayReadService = Pick<CronbarService, 'jobSummaries' | 'listChecks' | 'status' | 'upcoming'>;

export async function readTrayState(service: TrayReadService, options: TrayReadOptions): Promise<TrayState> {
  const [checks, status, upcoming] = await Promise.all([
    service.listChecks({}),
    service.status({}),
    service.upcoming({ count: UPCOMING_IN_TRAY }),
  ]);
  return deriveTrayState({ jobs: service.jobSummaries(), checks, status, upcoming, ...options });
}
