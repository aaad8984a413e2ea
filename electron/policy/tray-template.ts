/**
 * The tray menu as data: `buildTrayTemplate(state)` is pure, so every situation (idle, running, failing, paused,
 * no jobs, 60 jobs, very long names) is tested without Electron, and the glue rebuilds the native menu only when this
 * template changes. Every action is in the menu because Linux app indicators ignore tray clicks
 * (https://www.electronjs.org/docs/latest/api/tray#platform-limitations).
 */
import { DEFAULT_PAUSE_MORNING } from './pause-morning';
import { formatRelative } from './format-time';
import { trayIds } from './tray-actions';
import type { TrayJob, TrayState } from './tray-state';
import { needsAttention, trayIconState } from './tray-state';
import { overdueMenu, slowMenu } from './tray-overdue';
import { type TrayMenuItem, label, localTime, shortenName } from './tray-menu-text';

export { MAX_NAME_LENGTH, type TrayMenuItem, shortenName } from './tray-menu-text';

/** Above this many jobs, "Run now" groups jobs by tag. */
export const GROUP_BY_TAG_ABOVE = 20;
export const UNTAGGED_GROUP = 'Untagged';

const SEPARATOR: TrayMenuItem = { type: 'separator' };

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function statusLine(state: TrayState): string {
  const failing = state.jobs.filter((job) => job.failedRun).length;
  if (state.quitting) {
    const left = Math.max(0, Math.ceil((state.quitting.graceEndsAt - state.now) / 1000));
    return `Quitting: waiting for ${plural(state.quitting.running, 'running job')} (${left} s left)`;
  }
  if (!state.scheduling) return `Not scheduling: ${state.lockHolder ?? 'another Cronbar'} runs the jobs`;
  if (state.jobs.length === 0) return 'No jobs yet: edit the jobs file to add one';
  const parts: string[] = [];
  if (state.pausedAll)
    parts.push(state.pausedAllUntil ? `Paused until ${localTime(state, state.pausedAllUntil)}` : 'Paused');
  if (state.running > 0) parts.push(`${state.running} running`);
  if (state.queued > 0) parts.push(`${state.queued} queued`);
  if (failing > 0) parts.push(`${plural(failing, 'job')} failing`);
  const attention = needsAttention(state);
  if (attention > 0) parts.push(`${attention} overdue or down`);
  if (state.configErrorCount > 0) parts.push(`jobs file has ${plural(state.configErrorCount, 'error')}`);
  if (parts.length === 0) parts.push(`Idle, ${plural(state.jobs.length, 'job')}`);
  const line = parts.join(' · ');
  return line.charAt(0).toUpperCase() + line.slice(1);
}

/** `Cronbar — next: backup-home in 3 h 12 min`. */
export function trayTooltip(state: TrayState): string {
  const icon = trayIconState(state);
  const next = state.upcoming[0];
  const pieces = ['Cronbar'];
  if (state.pausedAll) pieces.push('paused');
  else if (next) pieces.push(`next: ${shortenName(next.name, 32)} ${formatRelative(next.at, state.now)}`);
  else pieces.push('nothing scheduled');
  const failing = state.jobs.filter((job) => job.failedRun).length;
  if (icon === 'failing' && failing > 0) pieces.push(`${failing} failing`);
  if (needsAttention(state) > 0) pieces.push(`${needsAttention(state)} overdue or down`);
  // Windows truncates tray tooltips at 127 characters.
  return pieces.join(' — ').slice(0, 127);
}

function nextUpItems(state: TrayState): TrayMenuItem[] {
  if (state.pausedAll) return [{ label: 'Nothing runs while paused', enabled: false }];
  if (state.upcoming.length === 0) return [{ label: 'Nothing scheduled', enabled: false }];
  return state.upcoming.map((fire) => ({
    id: trayIds.openJob(fire.jobId),
    label: label(
      `${shortenName(fire.name)}  ${localTime(state, fire.at)} (${formatRelative(fire.at, state.now)})`,
      state.platform,
    ),
  }));
}

function runNowItem(job: TrayJob, platform: string): TrayMenuItem {
  let suffix = '';
  if (job.running) {
    const what: Record<TrayJob['overlap'], string> = {
      skip: 'running',
      queue: 'running, will queue',
      parallel: 'running, will run alongside',
      replace: 'running, will restart',
    };
    suffix = ` (${what[job.overlap]})`;
  }
  return {
    id: trayIds.runNow(job.id),
    label: label(`${job.running ? '● ' : ''}${shortenName(job.name)}${suffix}`, platform),
    enabled: job.canRunNow,
  };
}

function byName(a: TrayJob, b: TrayJob): number {
  return a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}

function runNowMenu(state: TrayState): TrayMenuItem {
  if (state.jobs.length === 0) return { label: 'Run now', enabled: false };
  const jobs = [...state.jobs].sort(byName);
  if (jobs.length <= GROUP_BY_TAG_ABOVE)
    return { label: 'Run now', submenu: jobs.map((job) => runNowItem(job, state.platform)) };
  // Each job goes under its first tag so it appears exactly once.
  const groups = new Map<string, TrayJob[]>();
  for (const job of jobs) {
    const tag = job.tags[0] ?? UNTAGGED_GROUP;
    groups.set(tag, [...(groups.get(tag) ?? []), job]);
  }
  const tags = [...groups.keys()].sort((a, b) =>
    a === UNTAGGED_GROUP ? 1 : b === UNTAGGED_GROUP ? -1 : a.localeCompare(b),
  );
  return {
    label: 'Run now',
    submenu: tags.map((tag) => {
      const members = groups.get(tag) ?? [];
      return {
        label: label(`${shortenName(tag)} (${members.length})`, state.platform),
        submenu: members.map((job) => runNowItem(job, state.platform)),
      };
    }),
  };
}

function failureText(run: NonNullable<TrayJob['failedRun']>): string {
  if (run.status === 'timed-out') return 'timed out';
  if (run.exitCode !== null) return `exit ${run.exitCode}`;
  if (run.signal) return run.signal;
  return 'failed';
}

function failingMenu(state: TrayState): TrayMenuItem | null {
  const failing = state.jobs.filter((job) => job.failedRun).sort(byName);
  if (failing.length === 0) return null;
  return {
    label: `Failing (${failing.length})`,
    submenu: failing.map((job) => {
      const run = job.failedRun!;
      return {
        id: trayIds.openRun(run.runId),
        label: label(`${shortenName(job.name)}: ${failureText(run)}, ${localTime(state, run.at)}`, state.platform),
      };
    }),
  };
}

function pauseItem(state: TrayState): TrayMenuItem {
  if (state.pausedAll) {
    const until = state.pausedAllUntil
      ? `paused until ${localTime(state, state.pausedAllUntil)}`
      : 'paused until resumed';
    return { id: trayIds.resumeAll, label: `Resume all (${until})`, enabled: state.scheduling };
  }
  return {
    label: 'Pause all',
    enabled: state.scheduling && state.jobs.length > 0,
    submenu: [
      { id: trayIds.pauseAll('1h'), label: 'For 1 hour' },
      // A stable label (the pause ends at the next morning, today's when it is still ahead): no timer to re-word it.
      { id: trayIds.pauseAll('tomorrow'), label: `Until the morning (${state.pauseMorning ?? DEFAULT_PAUSE_MORNING})` },
      { id: trayIds.pauseAll('resumed'), label: 'Until resumed' },
    ],
  };
}

export function buildTrayTemplate(state: TrayState): TrayMenuItem[] {
  const failing = failingMenu(state);
  const overdue = overdueMenu(state);
  const slow = slowMenu(state);
  return [
    { id: 'status', label: label(statusLine(state), state.platform), enabled: false },
    SEPARATOR,
    { id: 'next-up', label: 'Next up', enabled: false },
    ...nextUpItems(state),
    SEPARATOR,
    runNowMenu(state),
    ...(failing ? [failing] : []),
    ...(overdue ? [overdue] : []),
    ...(slow ? [slow] : []),
    pauseItem(state),
    SEPARATOR,
    { id: trayIds.openWindow, label: 'Open Cronbar' },
    { id: trayIds.editJobsFile, label: 'Edit jobs file…' },
    { id: trayIds.openDataFolder, label: 'Open data folder' },
    { id: trayIds.launchAtLogin, type: 'checkbox', label: 'Launch at login', checked: state.launchAtLogin },
    SEPARATOR,
    { id: trayIds.quit, label: state.quitting ? 'Quitting…' : 'Quit', enabled: !state.quitting },
  ];
}
