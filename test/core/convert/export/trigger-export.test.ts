/**
 * `on:`, `when:` and `keepAwake` in each export: carried where the target has the form (systemd OnStartupSec=, .path
 * units, ConditionACPower=; cron @reboot; launchd RunAtLoad, WatchPaths), a loss line per job where it has not, and
 * a refusal for a job that would never run. Every systemd unit written passes `systemd-analyze verify`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportJobs } from '../../../../electron/core/convert/export/export-jobs';
import { hasSystemdAnalyze } from '../../../helpers/systemd-calendar';
import { context, job } from './export-fixtures';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-export-triggers-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const boot = job({ id: 'boot', cron: undefined, on: { start: null, delay: '5m' }, command: '/bin/true' });
const inbox = job({ id: 'inbox', cron: undefined, on: { path: '~/Inbox/*.pdf' }, command: '/bin/true' });
const nightly = job({
  id: 'nightly',
  cron: '0 2 * * *',
  when: { power: 'ac' },
  on: ['start', 'resume'],
  command: '/bin/true',
});
const wakeOnly = job({ id: 'wake', cron: undefined, on: 'resume', command: '/bin/true' });

const reasons = (result: ReturnType<typeof exportJobs>) => result.losses.map((loss) => `${loss.jobId}: ${loss.reason}`);
const file = (result: ReturnType<typeof exportJobs>, name: string) =>
  result.files.find((f) => f.name === name)?.text ?? '';

describe('systemd', () => {
  const result = exportJobs('systemd', [boot, inbox, nightly, wakeOnly], context());

  it('on: start becomes OnStartupSec= with the delay, on: path a .path unit, power: ac ConditionACPower=', () => {
    expect(file(result, 'cronbar-boot.timer')).toContain('OnStartupSec=300s');
    expect(file(result, 'cronbar-boot.timer')).not.toContain('OnCalendar=');
    expect(result.files.map((f) => f.name)).toContain('cronbar-inbox.path');
    expect(result.files.map((f) => f.name)).not.toContain('cronbar-inbox.timer');
    expect(file(result, 'cronbar-inbox.path')).toMatch(/PathChanged=%h\/Inbox\nUnit=cronbar-inbox.service/);
    expect(file(result, 'cronbar-nightly.service')).toContain('ConditionACPower=true');
    expect(file(result, 'cronbar-nightly.timer')).toMatch(/OnCalendar=.*\n(.*\n)*OnStartupSec=1s/);
  });

  it('says what it could not carry, per job, and refuses a job that would never run', () => {
    expect(reasons(result)).toEqual(
      expect.arrayContaining([
        'inbox: on: path ~/Inbox/*.pdf: systemd watches ~/Inbox (any change in it), not the pattern',
        'nightly: on: resume: systemd has no such event; the job does not run on it',
        'wake: on: resume: systemd has no such event; the job does not run on it',
        'wake: on: resume: no schedule and no event systemd can carry, so it would never run',
      ]),
    );
    expect(result.refused).toEqual(['wake']);
  });

  it.skipIf(!hasSystemdAnalyze())('every unit written passes systemd-analyze verify', () => {
    const out = path.join(dir, 'systemd');
    fs.mkdirSync(out);
    for (const written of result.files) fs.writeFileSync(path.join(out, written.name), written.text);
    const verdict = spawnSync('systemd-analyze', ['verify', ...result.files.map((f) => path.join(out, f.name))], {
      encoding: 'utf8',
      cwd: out,
    });
    expect(`${verdict.stdout}${verdict.stderr}`.trim()).toBe('');
    expect(verdict.status).toBe(0);
  });
});

describe('crontab, launchd, Kubernetes', () => {
  it('crontab: @reboot for on: start, beside the schedule line; the delay is a loss', () => {
    const result = exportJobs('crontab', [boot, nightly], context());
    const text = file(result, 'crontab');
    expect(text).toMatch(/^@reboot .*\/bin\/true$/m);
    expect(text).toMatch(/^0 2 \* \* \* .*\/bin\/true\n@reboot .*\/bin\/true$/m);
    expect(reasons(result)).toEqual(
      expect.arrayContaining([
        'boot: on: start delay 5m: cron starts the job at once',
        'nightly: when: power: ac: cron checks no such condition; the job runs anyway',
      ]),
    );
  });

  it('launchd: RunAtLoad and WatchPaths (home expanded)', () => {
    const result = exportJobs('launchd', [boot, inbox], context());
    expect(file(result, 'org.cronbar.boot.plist')).toMatch(/<key>RunAtLoad<\/key>\s*<true\/>/);
    expect(file(result, 'org.cronbar.inbox.plist')).toMatch(
      /<key>WatchPaths<\/key>\s*<array>\s*<string>\/home\/ada\/Inbox<\/string>/,
    );
  });

  it('Kubernetes: refuses an event-only job, warns for events beside a schedule', () => {
    const result = exportJobs('kubernetes', [boot, nightly], context());
    expect(result.refused).toEqual(['boot']);
    expect(reasons(result)).toContain('nightly: on: start: Kubernetes has no such event; the job does not run on it');
  });

  it('keepAwake is named as lost everywhere', () => {
    const awake = job({ id: 'render', keepAwake: true });
    for (const target of ['systemd', 'crontab', 'launchd', 'kubernetes'] as const)
      expect(
        reasons(exportJobs(target, [awake], context())).some((line) => line.startsWith('render: keepAwake:')),
      ).toBe(true);
  });
});
