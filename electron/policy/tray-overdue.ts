/**
 * The tray's sections for the silent failures (issue 12): "Overdue" lists jobs whose last success is older than
 * their `expect:` and checks (jobs that run elsewhere) that are late or down; "Slow" lists runs past `warnAfter`.
 * Pure, like the rest of the template.
 */
import { trayIds } from './tray-actions';
import { type TrayMenuItem, label, localTime, shortenName } from './tray-menu-text';
import type { TrayState } from './tray-state';

export function overdueMenu(state: TrayState): TrayMenuItem | null {
  const jobs = state.jobs.filter((job) => job.overdue).sort((a, b) => a.name.localeCompare(b.name));
  const checks = [...(state.checks ?? [])].sort((a, b) =>
    a.state === b.state ? a.name.localeCompare(b.name) : a.state === 'down' ? -1 : 1,
  );
  if (jobs.length === 0 && checks.length === 0) return null;
  const when = (at: number | null) => (at === null ? 'never' : localTime(state, at));
  const items: TrayMenuItem[] = [
    ...jobs.map((job) => ({
      id: trayIds.openJob(job.id),
      label: label(
        `${shortenName(job.name)}: overdue, last success ${when(job.overdue!.lastSuccessAt)}`,
        state.platform,
      ),
    })),
    ...checks.map((check) => ({
      id: trayIds.openChecks,
      label: label(
        `${shortenName(check.name)} (runs elsewhere): ${check.state} since ${when(check.since)}`,
        state.platform,
      ),
    })),
  ];
  return { label: `Overdue (${items.length})`, submenu: items };
}

export function slowMenu(state: TrayState): TrayMenuItem | null {
  const slow = state.jobs.flatMap((job) => (job.slowRunIds ?? []).map((runId) => ({ job, runId })));
  if (slow.length === 0) return null;
  return {
    label: `Slow (${slow.length})`,
    submenu: slow.map(({ job, runId }) => ({
      id: trayIds.openRun(runId),
      label: label(`${shortenName(job.name)}: still running past its warnAfter`, state.platform),
    })),
  };
}
