import { describe, expect, it } from 'vitest';
import { parseTrayAction, pauseUntil } from '../../../electron/policy/tray-actions';
import { type TrayInputs, deriveTrayState, trayIconState } from '../../../electron/policy/tray-state';
import {
  type TrayMenuItem,
  MAX_NAME_LENGTH,
  buildTrayTemplate,
  trayTooltip,
} from '../../../electron/policy/tray-template';
import { makeJob, makeRun, makeStatus } from '../../helpers/model-builders';

// 2026-03-10 10:48 UTC, a Tuesday.
const NOW = Date.UTC(2026, 2, 10, 10, 48);
const MIN = 60_000;

function state(overrides: Partial<TrayInputs> = {}) {
  return deriveTrayState({
    jobs: [],
    status: makeStatus(),
    upcoming: [],
    now: NOW,
    platform: 'linux',
    launchAtLogin: false,
    timeZone: 'UTC',
    ...overrides,
  });
}

type Item = Extract<TrayMenuItem, { label: string }>;
const items = (template: TrayMenuItem[]) => template.filter((item): item is Item => item.type !== 'separator');
const byLabel = (template: TrayMenuItem[], start: string) =>
  items(template).find((item) => item.label.startsWith(start));
const byId = (template: TrayMenuItem[], id: string): Item | undefined => {
  for (const item of items(template)) {
    if (item.id === id) return item;
    const inner = item.submenu ? byId(item.submenu, id) : undefined;
    if (inner) return inner;
  }
  return undefined;
};
const allIds = (template: TrayMenuItem[]): string[] =>
  items(template).flatMap((item) => [...(item.id ? [item.id] : []), ...allIds(item.submenu ?? [])]);

describe('buildTrayTemplate', () => {
  it('idle: status line, the next five fires with local and relative time, and every fixed action', () => {
    const jobs = ['backup-home', 'notes-sync', 'site-up'].map((id) => makeJob({ id }));
    const upcoming = Array.from({ length: 7 }, (_, index) => ({
      jobId: 'notes-sync',
      name: 'notes-sync',
      at: NOW + (index + 1) * 15 * MIN,
    }));
    upcoming.unshift({ jobId: 'backup-home', name: 'backup-home', at: NOW + 3 * 60 * MIN + 12 * MIN });
    const current = state({ jobs, status: makeStatus({ jobCount: 3 }), upcoming });
    const template = buildTrayTemplate(current);

    expect(items(template)[0]).toMatchObject({ id: 'status', label: 'Idle, 3 jobs', enabled: false });
    const nextUp = items(template).filter((item) => item.id?.startsWith('open-job:'));
    expect(nextUp).toHaveLength(5);
    expect(nextUp[0]!.label).toBe('notes-sync  11:03 (in 15 min)');
    expect(nextUp.map((item) => item.label)).not.toContain(expect.stringContaining('in 3 h 12 min'));
    expect(trayIconState(current)).toBe('idle');
    const ids = allIds(template);
    for (const id of [
      'open-window',
      'edit-jobs-file',
      'open-data-folder',
      'launch-at-login',
      'quit',
      'pause-all:1h',
      'pause-all:tomorrow',
      'pause-all:resumed',
    ]) {
      expect(ids).toContain(id);
    }
    expect(byLabel(template, 'Failing')).toBeUndefined();
    expect(byId(template, 'launch-at-login')).toMatchObject({ type: 'checkbox', checked: false });
  });

  it('tooltip names the next job and how long until it runs', () => {
    const current = state({
      jobs: [makeJob()],
      upcoming: [{ jobId: 'backup-home', name: 'backup-home', at: NOW + 192 * MIN }],
    });
    expect(trayTooltip(current)).toBe('Cronbar — next: backup-home in 3 h 12 min');
  });

  it('running: the job is marked, disabled under overlap skip, still runnable under queue', () => {
    const jobs = [
      makeJob({ id: 'backup-home', runningRunIds: [41], canRunNow: false, overlap: 'skip' }),
      makeJob({ id: 'notes-sync', runningRunIds: [42], canRunNow: true, overlap: 'queue' }),
      makeJob({ id: 'site-up' }),
    ];
    const current = state({ jobs, status: makeStatus({ running: 2 }) });
    const template = buildTrayTemplate(current);
    expect(byId(template, 'run-now:backup-home')).toMatchObject({ label: '● backup-home (running)', enabled: false });
    expect(byId(template, 'run-now:notes-sync')).toMatchObject({
      label: '● notes-sync (running, will queue)',
      enabled: true,
    });
    expect(byId(template, 'run-now:site-up')).toMatchObject({ label: 'site-up', enabled: true });
    expect(items(template)[0]!.label).toBe('2 running');
    expect(trayIconState(current)).toBe('running');
  });

  it('failing: a Failing submenu opens the failed run, and the icon turns to failing', () => {
    const jobs = [
      makeJob({
        id: 'backup-home',
        lastRun: makeRun({ id: 77, status: 'failed', exitCode: 3, finishedAt: NOW - 18 * MIN }),
      }),
      makeJob({
        id: 'site-up',
        lastRun: makeRun({
          id: 78,
          jobId: 'site-up',
          status: 'timed-out',
          exitCode: null,
          signal: 'SIGTERM',
          finishedAt: NOW - MIN,
        }),
      }),
      makeJob({ id: 'notes-sync', lastRun: makeRun({ id: 79, status: 'succeeded' }) }),
    ];
    const current = state({ jobs, status: makeStatus({ running: 1 }) });
    const template = buildTrayTemplate(current);
    const failing = byLabel(template, 'Failing');
    expect(failing?.label).toBe('Failing (2)');
    expect(failing?.submenu).toEqual([
      { id: 'open-run:77', label: 'backup-home: exit 3, 10:30' },
      { id: 'open-run:78', label: 'site-up: timed out, 10:47' },
    ]);
    // Failing wins over running so the failure stays visible.
    expect(trayIconState(current)).toBe('failing');
    expect(items(template)[0]!.label).toBe('1 running · 2 jobs failing');
    expect(trayTooltip(current)).toContain('2 failing');
  });

  it('paused: "Resume all" says until when, and Next up says nothing runs', () => {
    const current = state({
      jobs: [makeJob()],
      status: makeStatus({ pausedAll: true, pausedAllUntil: Date.UTC(2026, 2, 10, 14, 0) }),
      upcoming: [{ jobId: 'backup-home', name: 'backup-home', at: NOW + MIN * 5 }],
    });
    const template = buildTrayTemplate(current);
    expect(byId(template, 'resume-all')?.label).toBe('Resume all (paused until 14:00)');
    expect(byLabel(template, 'Pause all')).toBeUndefined();
    expect(byLabel(template, 'Nothing runs while paused')).toBeDefined();
    expect(items(template)[0]!.label).toBe('Paused until 14:00');
    expect(trayTooltip(current)).toBe('Cronbar — paused');
  });

  it('no jobs: says how to add one, Run now is disabled, and Quit is still there', () => {
    const template = buildTrayTemplate(state());
    expect(items(template)[0]!.label).toBe('No jobs yet: edit the jobs file to add one');
    expect(byLabel(template, 'Run now')).toEqual({ label: 'Run now', enabled: false });
    expect(byLabel(template, 'Nothing scheduled')).toBeDefined();
    expect(byId(template, 'edit-jobs-file')).toBeDefined();
    expect(byId(template, 'quit')).toMatchObject({ label: 'Quit', enabled: true });
  });

  it('60 jobs: Run now groups them by tag, every job reachable exactly once', () => {
    const jobs = Array.from({ length: 60 }, (_, index) =>
      makeJob({
        id: `job-${String(index).padStart(2, '0')}`,
        tags: index % 3 === 0 ? [] : [index % 3 === 1 ? 'backups' : 'sync', 'extra'],
      }),
    );
    const template = buildTrayTemplate(state({ jobs }));
    const runNow = byLabel(template, 'Run now')!;
    expect(runNow.submenu!.map((group) => (group as Item).label)).toEqual([
      'backups (20)',
      'sync (20)',
      'Untagged (20)',
    ]);
    const runIds = allIds(runNow.submenu!).filter((id) => id.startsWith('run-now:'));
    expect(runIds).toHaveLength(60);
    expect(new Set(runIds).size).toBe(60);
  });

  it('20 jobs stay in one flat list', () => {
    const jobs = Array.from({ length: 20 }, (_, index) => makeJob({ id: `job-${index}`, tags: ['t'] }));
    const runNow = byLabel(buildTrayTemplate(state({ jobs })), 'Run now')!;
    expect(runNow.submenu).toHaveLength(20);
    expect((runNow.submenu![0] as Item).id).toMatch(/^run-now:/);
  });

  it('very long names are shortened; ampersands are escaped outside macOS', () => {
    const long = 'Caches & builds: back up the entire home directory to the NAS every night';
    const jobs = [makeJob({ id: 'long', name: long })];
    const linux = byId(buildTrayTemplate(state({ jobs })), 'run-now:long')!;
    expect(linux.label.endsWith('…')).toBe(true);
    expect(Array.from(linux.label.replace('&&', '&')).length).toBe(MAX_NAME_LENGTH);
    expect(linux.label).toContain('&&');
    const mac = byId(buildTrayTemplate(state({ jobs, platform: 'darwin' })), 'run-now:long')!;
    expect(mac.label).toContain(' & ');
    expect(mac.label).not.toContain('&&');
  });

  it('while quitting: the status shows the grace period and Quit is disabled', () => {
    const template = buildTrayTemplate(
      state({ jobs: [makeJob()], quitting: { running: 2, graceEndsAt: NOW + 7_400 } }),
    );
    expect(items(template)[0]!.label).toBe('Quitting: waiting for 2 running jobs (8 s left)');
    expect(byId(template, 'quit')).toMatchObject({ label: 'Quitting…', enabled: false });
  });

  it('says so when another Cronbar holds the data folder', () => {
    const template = buildTrayTemplate(
      state({
        jobs: [makeJob()],
        status: makeStatus({ scheduling: false, lockHolder: 'cronbar daemon (pid 4242 on box)' }),
      }),
    );
    expect(items(template)[0]!.label).toBe('Not scheduling: cronbar daemon (pid 4242 on box) runs the jobs');
    expect(byLabel(template, 'Pause all')?.enabled).toBe(false);
  });
});

describe('tray actions', () => {
  it('parses the ids the template uses and refuses the rest', () => {
    expect(parseTrayAction('run-now:backup-home')).toEqual({ kind: 'run-now', jobId: 'backup-home' });
    expect(parseTrayAction('open-run:77')).toEqual({ kind: 'open-run', runId: 77 });
    expect(parseTrayAction('pause-all:tomorrow')).toEqual({ kind: 'pause-all', choice: 'tomorrow' });
    expect(parseTrayAction('quit')).toEqual({ kind: 'quit' });
    expect(parseTrayAction('status')).toBeNull();
    expect(parseTrayAction('open-run:abc')).toBeNull();
    expect(parseTrayAction('pause-all:forever')).toBeNull();
    expect(parseTrayAction('run-now:')).toBeNull();
  });

  it('resolves pause choices: one hour, the next morning (Settings, default 08:00), or until resumed', () => {
    expect(pauseUntil('1h', NOW)).toBe(NOW + 3_600_000);
    // 10:48: the morning is tomorrow's, not midnight (which would end just before the nightly jobs).
    expect(pauseUntil('tomorrow', NOW, 'UTC')).toBe(Date.UTC(2026, 2, 11, 8, 0));
    expect(pauseUntil('tomorrow', NOW, 'UTC', '06:30')).toBe(Date.UTC(2026, 2, 11, 6, 30));
    // At 01:00 the morning after the night is today's.
    expect(pauseUntil('tomorrow', Date.UTC(2026, 2, 10, 1, 0), 'UTC')).toBe(Date.UTC(2026, 2, 10, 8, 0));
    // New York the evening before clocks spring forward (2026-03-08): 08:00 EDT is 12:00 UTC, not 13:00.
    expect(pauseUntil('tomorrow', Date.UTC(2026, 2, 8, 3, 0), 'America/New_York')).toBe(Date.UTC(2026, 2, 8, 12, 0));
    expect(pauseUntil('resumed', NOW)).toBeNull();
  });

  it('labels the choice with the morning it ends at', () => {
    const pauseMenu = (morning?: string) =>
      byLabel(buildTrayTemplate(state(morning ? { pauseMorning: morning } : {})), 'Pause all');
    expect(items(pauseMenu()?.submenu ?? []).map((item) => item.label)).toEqual([
      'For 1 hour',
      'Until the morning (08:00)',
      'Until resumed',
    ]);
    expect(byId(pauseMenu('07:15')?.submenu ?? [], 'pause-all:tomorrow')?.label).toBe('Until the morning (07:15)');
  });
});
