import { describe, expect, it } from 'vitest';
import { formatRelative } from '../../../electron/policy/format-time';
import { nextRelativeChange, nextTrayTextChange } from '../../../electron/policy/tray-text-changes';
import { deriveTrayState } from '../../../electron/policy/tray-state';
import { buildTrayTemplate, trayTooltip } from '../../../electron/policy/tray-template';
import { makeStatus } from '../../helpers/model-builders';

const NOW = Date.UTC(2026, 2, 10, 10, 0, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('nextRelativeChange', () => {
  it('is the first moment formatRelative reads differently, and nothing reads differently before it', () => {
    for (const delta of [30_000, MINUTE, 5 * MINUTE + 1, 3 * HOUR + 30_000, 2 * 24 * HOUR + 7 * MINUTE, -90_000]) {
      const at = NOW + delta;
      const change = nextRelativeChange(at, NOW);
      expect(change).toBeGreaterThan(NOW);
      expect(formatRelative(at, change)).not.toBe(formatRelative(at, NOW));
      expect(formatRelative(at, change - 1)).toBe(formatRelative(at, NOW));
    }
  });

  it('ticks by the minute below a day and by the hour beyond', () => {
    expect(nextRelativeChange(NOW + 3 * HOUR + 30_000, NOW)).toBe(NOW + 30_001);
    expect(nextRelativeChange(NOW + 2 * 24 * HOUR + 7 * MINUTE, NOW)).toBe(NOW + 7 * MINUTE + 1);
  });
});

describe('nextTrayTextChange', () => {
  const state = (upcoming: Array<{ at: number }>, pausedAll = false) =>
    deriveTrayState({
      jobs: [],
      status: makeStatus({ pausedAll }),
      upcoming: upcoming.map((fire, index) => ({ jobId: `job-${index}`, name: `job-${index}`, at: fire.at })),
      now: NOW,
      platform: 'linux',
      launchAtLogin: false,
      timeZone: 'UTC',
    });

  it('with nothing relative shown, the next change is the next local midnight (dates lose their weekday)', () => {
    expect(nextTrayTextChange(state([]))).toBe(Date.UTC(2026, 2, 11));
    expect(nextTrayTextChange(state([{ at: NOW + 5 * MINUTE }], true))).toBe(Date.UTC(2026, 2, 11));
  });

  it('is the earliest change of any fire shown, and the menu and tooltip read the same until then', () => {
    const shown = state([{ at: NOW + 3 * 24 * HOUR + 20 * MINUTE }, { at: NOW + 2 * HOUR + 42_000 }]);
    const change = nextTrayTextChange(shown);
    expect(change).toBe(NOW + 42_001);
    const at = (now: number) => ({ ...shown, now });
    expect(JSON.stringify(buildTrayTemplate(at(change - 1)))).toBe(JSON.stringify(buildTrayTemplate(shown)));
    expect(trayTooltip(at(change - 1))).toBe(trayTooltip(shown));
    expect(trayTooltip(at(change))).not.toBe(trayTooltip(shown));
  });

  it('a fire more than six days away also changes when it comes within six days (it gains a weekday)', () => {
    const far = NOW + 6 * 24 * HOUR + 30 * MINUTE;
    expect(nextTrayTextChange(state([{ at: far }]))).toBe(far - 6 * 24 * HOUR + 1);
  });
});
