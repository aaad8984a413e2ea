/**
 * after: in an export: systemd starts a child from its parent's OnSuccess=/OnFailure= when both are exported together
 * (proven with systemd-analyze verify); elsewhere, and for a parent left out, each job says what it loses.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportJobs } from '../../../../electron/core/convert/export/export-jobs';
import { hasSystemdAnalyze } from '../../../helpers/systemd-calendar';
import { context, job } from './export-fixtures';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-export-chains-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const JOBS = [
  job({ id: 'build', cron: '0 2 * * *', command: '/bin/true' }),
  job({ id: 'deploy', after: { job: 'build' }, command: '/bin/true' }),
  job({ id: 'page-me', after: { job: 'build', on: 'failure' }, command: '/bin/true' }),
  job({ id: 'report', cron: '0 6 * * *', after: [{ job: 'build', on: 'always' }], command: '/bin/true' }),
  job({ id: 'smoke', after: { job: 'deploy', delay: '1m' }, command: '/bin/true' }),
];

const fileText = (result: ReturnType<typeof exportJobs>, name: string) =>
  result.files.find((file) => file.name === name)?.text ?? null;

describe('after: exported to systemd', () => {
  it("puts OnSuccess=/OnFailure= on the parent's service; a child with no schedule gets no timer", () => {
    const result = exportJobs('systemd', JOBS, context({ exec: 'native' }));
    expect(result.refused).toEqual([]);
    const build = fileText(result, 'cronbar-build.service')!;
    expect(build.match(/^On(Success|Failure)=.*$/gm)).toEqual([
      'OnSuccess=cronbar-deploy.service',
      'OnFailure=cronbar-page-me.service',
      'OnSuccess=cronbar-report.service',
      'OnFailure=cronbar-report.service',
    ]);
    expect(fileText(result, 'cronbar-deploy.service')).toMatch(/^OnSuccess=cronbar-smoke.service$/m);
    expect(fileText(result, 'cronbar-deploy.timer')).toBeNull();
    expect(fileText(result, 'cronbar-report.timer')).toMatch(/^OnCalendar=/m);
    expect(result.losses).toContainEqual({
      jobId: 'smoke',
      level: 'warning',
      reason: 'after: deploy delay 1m: systemd starts it as soon as deploy ends',
    });
  });

  it.skipIf(!hasSystemdAnalyze())('writes units that systemd-analyze verify accepts', () => {
    const result = exportJobs('systemd', JOBS, context({ exec: 'native', home: dir }));
    const out = fs.mkdtempSync(path.join(dir, 'units-'));
    for (const file of result.files) fs.writeFileSync(path.join(out, file.name), file.text);
    const verdict = spawnSync('systemd-analyze', ['verify', ...result.files.map((file) => path.join(out, file.name))], {
      encoding: 'utf8',
      cwd: out,
    });
    expect(`${verdict.stdout}${verdict.stderr}`.trim()).toBe('');
    expect(verdict.status).toBe(0);
  });

  it('a parent left out of the export: a scheduled child warns, an unscheduled one is refused, and its children with it', () => {
    const result = exportJobs(
      'systemd',
      JOBS.filter((entry) => entry.id !== 'build'),
      context({ exec: 'native' }),
    );
    expect(result.refused).toEqual(['deploy', 'page-me', 'smoke']);
    expect(result.losses).toEqual(
      expect.arrayContaining([
        {
          jobId: 'deploy',
          level: 'refused',
          reason: 'no schedule: it runs only after build, which is not in this export',
        },
        {
          jobId: 'smoke',
          level: 'refused',
          reason: 'no schedule: it runs only after deploy, which is not in this export',
        },
        {
          jobId: 'report',
          level: 'warning',
          reason:
            'after: build is not in this export, so systemd does not start report when it ends (it runs on its schedule)',
        },
      ]),
    );
    expect(result.files.map((file) => file.name)).toEqual(['cronbar-report.service', 'cronbar-report.timer']);
  });

  it('--strict: a child whose link would lose its delay is refused, and its parent names no unit left out', () => {
    const jobs = [
      job({ id: 'build', cron: '0 2 * * *', catchUp: 'skip', command: '/bin/true' }),
      job({ id: 'deploy', after: { job: 'build' }, command: '/bin/true' }),
      job({ id: 'smoke', after: { job: 'deploy', delay: '1m' }, command: '/bin/true' }),
    ];
    const result = exportJobs('systemd', jobs, context({ exec: 'native' }), { strict: true });
    expect(result.refused).toEqual(['smoke']);
    expect(fileText(result, 'cronbar-build.service')).toMatch(/^OnSuccess=cronbar-deploy.service$/m);
    expect(fileText(result, 'cronbar-deploy.service')).not.toMatch(/smoke/);
  });
});

describe('after: exported where nothing starts a job when another ends', () => {
  for (const target of ['crontab', 'launchd', 'kubernetes'] as const) {
    it(`${target}: a scheduled child warns per job, an unscheduled one is refused`, () => {
      const result = exportJobs(target, JOBS, context({ exec: 'native', image: 'busybox' }));
      expect(result.refused).toEqual(['deploy', 'page-me', 'smoke']);
      expect(result.losses).toContainEqual(
        expect.objectContaining({
          jobId: 'report',
          level: 'warning',
          reason: expect.stringMatching(/^after: build: /),
        }),
      );
      expect(result.losses).toContainEqual(
        expect.objectContaining({ jobId: 'deploy', level: 'refused', reason: expect.stringMatching(/^no schedule: /) }),
      );
    });
  }
});
