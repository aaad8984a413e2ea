/**
 * The systemd export as a user installs it: every generated unit passes `systemd-analyze verify` (system mode, the
 * units in a temp dir, ExecStart pointing at binaries that exist here), and the timer carries the job's policies.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportJobs } from '../../../../electron/core/convert/export/export-jobs';
import { JobLosses } from '../../../../electron/core/convert/export/losses';
import { timerScheduleLines } from '../../../../electron/core/convert/export/systemd-target';
import { hasSystemdAnalyze } from '../../../helpers/systemd-calendar';
import { context, cronbarFires, iso, job } from './export-fixtures';
import { mergedElapses } from './systemd-oracle';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-export-systemd-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const JOBS = [
  job({ id: 'plain', cron: '*/5 * * * *' }),
  job({
    id: 'quoted',
    cron: '0 9 * * 1-5',
    command: `printf '%s\\n' "$HOME" 100% "a \\"b\\"" ; echo done`,
    env: { GREETING: 'hello "world" 50%', PATHISH: '/a b/$c' },
    timeout: '90s',
    jitter: '2m',
  }),
  job({ id: 'argv', cron: '0 0 L * *', command: ['/bin/echo', 'two words', '$NOT_EXPANDED', '100%', ''], cwd: '/tmp' }),
  job({ id: 'every', every: '90s', command: '/bin/true' }),
  job({ id: 'once-at', at: '2030-06-01T09:00', command: '/bin/true', catchUp: 'skip', timezone: 'Europe/Paris' }),
  job({ id: 'or-days', cron: '0 0 1,15 * 5', catchUp: 'all', timezone: 'America/New_York' }),
  job({ id: 'nth', cron: '0 30 8 * * 1#2,5#L', timezone: 'Europe/Paris' }),
  job({ id: 'dst', cron: '30 2 * * *', timezone: 'Europe/Paris' }),
  job({ id: 'off', cron: '0 3 * * *', enabled: false }),
  job({ id: 'web', cron: '* * * * *', http: { url: 'https://example.org/' }, command: undefined }),
];

function verify(files: string[]): { status: number | null; output: string } {
  const result = spawnSync('systemd-analyze', ['verify', ...files], { encoding: 'utf8', cwd: dir });
  return { status: result.status, output: `${result.stdout}${result.stderr}`.trim() };
}

describe.skipIf(!hasSystemdAnalyze())('systemd export', () => {
  for (const exec of ['cronbar', 'native'] as const) {
    it(`writes units that systemd-analyze verify accepts (--exec ${exec})`, () => {
      const cli = path.join(dir, 'cronbar.cjs');
      fs.writeFileSync(cli, '');
      const result = exportJobs('systemd', JOBS, context({ exec, cronbarArgv: [process.execPath, cli], home: dir }));
      const expectedRefused = exec === 'native' ? ['web'] : [];
      expect(result.refused).toEqual(expectedRefused);
      const out = path.join(dir, exec);
      fs.mkdirSync(out);
      for (const file of result.files) fs.writeFileSync(path.join(out, file.name), file.text);
      const names = result.files.map((file) => path.join(out, file.name));
      expect(names.length).toBe((JOBS.length - expectedRefused.length) * 2);
      const verdict = verify(names);
      expect(verdict.output).toBe('');
      expect(verdict.status).toBe(0);
    });
  }

  it('verify does complain about a broken unit (the check can fail)', () => {
    const bad = path.join(dir, 'bad.service');
    fs.writeFileSync(bad, '[Service]\nType=oneshot\nExecStart=/nonexistent/program\nTimeoutStartSec=soon\n');
    const verdict = verify([bad]);
    expect(verdict.status).not.toBe(0);
    expect(verdict.output).toMatch(/nonexistent|TimeoutStartSec/);
  });

  it('carries accuracy, catch-up, jitter, timeout and the schedule kinds into the timer', () => {
    const result = exportJobs('systemd', JOBS, context({ exec: 'native' }));
    const text = (name: string) => result.files.find((file) => file.name === name)!.text;
    expect(text('cronbar-plain.timer')).toMatch(/^AccuracySec=1s$/m);
    expect(text('cronbar-plain.timer')).toMatch(/^Persistent=true$/m);
    expect(text('cronbar-once-at.timer')).not.toMatch(/Persistent/);
    expect(text('cronbar-once-at.timer')).toMatch(/^OnCalendar=2030-06-01 07:00:00 UTC$/m);
    expect(text('cronbar-quoted.timer')).toMatch(/^RandomizedDelaySec=120s$/m);
    expect(text('cronbar-quoted.service')).toMatch(/^TimeoutStartSec=90s$/m);
    expect(text('cronbar-every.timer')).toMatch(/^OnActiveSec=90s\nOnUnitActiveSec=90s$/m);
    expect(text('cronbar-or-days.timer').match(/^OnCalendar=/gm)).toHaveLength(2);
    expect(text('cronbar-argv.service')).toMatch(/^WorkingDirectory=\/tmp$/m);
    expect(text('cronbar-argv.service')).toContain('ExecStart=/bin/echo "two words" "$$NOT_EXPANDED" "100%%" ""');
  });

  it('names each loss with the job id, and --strict refuses a job that only had warnings', () => {
    const jobs = [
      job({ id: 'queued', cron: '0 * * * *', overlap: 'queue', catchUp: 'skip' }),
      job({ id: 'nearest', cron: '0 0 15W * *' }),
    ];
    const loose = exportJobs('systemd', jobs, context());
    expect(loose.exported).toEqual(['queued']);
    expect(loose.losses).toEqual([
      { jobId: 'queued', level: 'warning', reason: expect.stringMatching(/overlap queue.*skipped, not queued/) },
      { jobId: 'nearest', level: 'refused', reason: expect.stringMatching(/15W.*nearest weekday/) },
    ]);
    const strict = exportJobs('systemd', jobs, context(), { strict: true });
    expect(strict.exported).toEqual([]);
    expect(strict.files).toEqual([]);
    expect(strict.losses[0]).toMatchObject({ jobId: 'queued', level: 'refused' });
  });

  it('adds dated lines at DST changes, without which systemd would not fire when Cronbar does', () => {
    const base = new Date('2026-03-27T12:00:00Z');
    const losses = new JobLosses('dst');
    const lines = timerScheduleLines(
      job({ cron: '30 2 * * *', timezone: 'Europe/Paris' }),
      context({ now: base.getTime() }),
      losses,
    );
    expect(lines).toContain('OnCalendar=2026-03-29 01:00:00 UTC');
    expect(losses.list).toEqual([
      {
        jobId: 'dst',
        level: 'warning',
        reason: expect.stringMatching(/DST in Europe\/Paris.*10 dated OnCalendar= lines carry those fires until 2036/),
      },
    ]);
    const calendarOnly = lines!
      .filter((line) => line.startsWith('OnCalendar=*'))
      .map((line) => line.slice('OnCalendar='.length));
    expect(iso(mergedElapses(calendarOnly, 5, base))).not.toEqual(
      iso(cronbarFires('30 2 * * *', 'Europe/Paris', 5, base)),
    );
  });

  it('warns instead of writing hundreds of dated lines for an every-minute job in a DST zone', () => {
    const losses = new JobLosses('busy');
    const lines = timerScheduleLines(job({ cron: '* * * * *', timezone: 'America/New_York' }), context(), losses);
    expect(lines).toEqual(['OnCalendar=*-*-* *:*:00 America/New_York']);
    expect(losses.list[0]!.reason).toMatch(/differs in 600 fires over the next 10 years/);
  });

  it('systemd reads the exported calendar lines back in its normalized form', () => {
    const lines = timerScheduleLines(
      job({ cron: '0 30 8 * * 1#2,5#L', timezone: 'Europe/Paris' }),
      context(),
      new JobLosses('x'),
    )!;
    const normalized = lines.map(
      (line) =>
        execFileSync('systemd-analyze', ['calendar', line.slice('OnCalendar='.length)], { encoding: 'utf8' }).match(
          /Normalized form: (.+)/,
        )![1],
    );
    expect(normalized).toEqual(['Mon *-*-08..14 08:30:00 Europe/Paris', 'Fri *-*~07/1 08:30:00 Europe/Paris']);
  });
});
