/** `cronbar validate` names the events and conditions the daemon cannot see on this platform. */
import { describe, expect, it } from 'vitest';
import { eventVisibilityWarnings } from '../../../electron/core/cli/event-visibility';
import { createOsProbes } from '../../../electron/core/probes/os-probes';
import { job } from '../engine/fake-runner';

describe('events the daemon cannot see', () => {
  const jobs = [
    job({ id: 'scan', on: [{ idle: '10m' }, 'start'] }),
    job({ id: 'hello', on: 'login' }),
    job({ id: 'nightly', cron: '0 2 * * *', when: { power: 'ac', idle: '5m' } }),
    job({ id: 'off', on: 'login', enabled: false }),
  ];

  it('on Linux: idle and login, per job, and a condition that would skip every fire', () => {
    expect(eventVisibilityWarnings(jobs, createOsProbes({ platform: 'linux' }).blindSpots())).toEqual([
      'scan: on: idle never fires under cronbar daemon here: only the desktop app can read the user’s idle time',
      'hello: on: login never fires under cronbar daemon here: only the desktop app knows it was started at login',
      'nightly: when: idle never holds under cronbar daemon here (every fire is skipped): only the desktop app can read the user’s idle time',
    ]);
  });

  it('on macOS the power source too', () => {
    const lines = eventVisibilityWarnings(jobs, createOsProbes({ platform: 'darwin' }).blindSpots());
    expect(lines).toContain(
      'nightly: when: power never holds under cronbar daemon here (every fire is skipped): the daemon reads the power source on Linux only (this is darwin)',
    );
  });
});
