import { describe, expect, it } from 'vitest';
import { parseTrayAction } from '../../../electron/policy/tray-actions';
import { type TrayInputs, deriveTrayState, trayIconState } from '../../../electron/policy/tray-state';
import { type TrayMenuItem, buildTrayTemplate, statusLine, trayTooltip } from '../../../electron/policy/tray-template';
import type { CheckView } from '../../../shared/model';
import { makeJob, makeStatus } from '../../helpers/model-builders';

const NOW = Date.UTC(2026, 2, 10, 10, 48);
const state = (overrides: Partial<TrayInputs> = {}) =>
  deriveTrayState({
    jobs: [],
    status: makeStatus({ jobCount: 1 }),
    upcoming: [],
    now: NOW,
    platform: 'linux',
    launchAtLogin: false,
    timeZone: 'UTC',
    ...overrides,
  });
type Item = Extract<TrayMenuItem, { label: string }>;
const section = (template: TrayMenuItem[], start: string) =>
  template.find((item): item is Item => item.type !== 'separator' && item.label.startsWith(start));

function check(overrides: Partial<CheckView>): CheckView {
  return {
    id: 'nas',
    name: 'NAS backup',
    description: null,
    tags: [],
    schedule: { kind: 'every', text: '1d', description: 'Every day' },
    timezone: 'UTC',
    graceMs: 3_600_000,
    state: 'up',
    stateSince: null,
    reason: null,
    lastPing: null,
    nextExpectedAt: null,
    startedAt: null,
    runsElsewhere: true,
    notify: { down: true, up: true },
    ...overrides,
  };
}

describe('tray: overdue jobs, down checks, slow runs', () => {
  it('lists overdue jobs and late/down checks in their own section and turns the icon to failing', () => {
    const current = state({
      jobs: [
        makeJob({
          id: 'backup',
          name: 'Backup',
          overdue: { since: NOW - 60_000, lastSuccessAt: Date.UTC(2026, 2, 9, 2, 0), reason: 'x' },
        }),
        makeJob({ id: 'fine' }),
      ],
      checks: [
        check({ state: 'down', stateSince: Date.UTC(2026, 2, 10, 4, 0) }),
        check({ id: 'ci', name: 'CI', state: 'late', stateSince: NOW - 60_000 }),
        check({ id: 'ok', state: 'up' }),
      ],
    });
    expect(trayIconState(current)).toBe('failing');
    expect(statusLine(current)).toBe('2 overdue or down');
    expect(trayTooltip(current)).toBe('Cronbar — nothing scheduled — 2 overdue or down');
    const overdue = section(buildTrayTemplate(current), 'Overdue');
    expect(overdue?.label).toBe('Overdue (3)');
    expect(overdue?.submenu?.map((item) => (item as Item).label)).toEqual([
      'Backup: overdue, last success 09 Mar 02:00',
      'NAS backup (runs elsewhere): down since 04:00',
      'CI (runs elsewhere): late since 10:47',
    ]);
    expect((overdue?.submenu?.[0] as Item).id).toBe('open-job:backup');
    // A check runs elsewhere: its entry opens the window's checks view.
    expect((overdue?.submenu?.[1] as Item).id).toBe('open-checks');
    expect(parseTrayAction('open-checks')).toEqual({ kind: 'open-checks' });
  });

  it('shows no section and keeps the icon idle when nothing is overdue, down or slow; a late check alone is not failing', () => {
    const current = state({
      jobs: [makeJob({ id: 'fine', overdue: null })],
      checks: [check({ state: 'late', stateSince: NOW })],
    });
    expect(trayIconState(current)).toBe('idle');
    expect(section(buildTrayTemplate(state({ jobs: [makeJob()] })), 'Overdue')).toBeUndefined();
  });

  it('lists runs past their warnAfter under Slow, opening the run', () => {
    const slow = section(
      buildTrayTemplate(state({ jobs: [makeJob({ id: 'backup', name: 'Backup', slowRunIds: [41] })] })),
      'Slow',
    );
    expect(slow?.submenu).toEqual([{ id: 'open-run:41', label: 'Backup: still running past its warnAfter' }]);
  });
});
