/** OnSuccess=/OnFailure= on an imported timer's service become after: on the units they start, imported together. */
import { describe, expect, it } from 'vitest';
import { parseJobsText } from '../../../../electron/core/config/load-jobs-file';
import { convertImport, prepareImport } from '../../../../electron/core/convert/import/import-jobs';
import { stringify } from 'yaml';

async function importUnits(files: Record<string, string>) {
  const result = await convertImport(
    'systemd',
    Object.entries(files).map(([name, text]) => ({ name, text })),
    { currentUser: 'ana', localZone: 'UTC', now: Date.parse('2026-12-01T00:00:00Z') },
  );
  return { result, jobs: prepareImport(result, { takenIds: [] }).map((entry) => entry.job) };
}

const timer = (calendar: string) => `[Timer]\nOnCalendar=${calendar}\nPersistent=true\n`;
const service = (exec: string, unit = '') => `[Unit]\n${unit}\n[Service]\nType=oneshot\nExecStart=${exec}\n`;

describe('systemd chains on import', () => {
  it('a service started by OnSuccess=/OnFailure= becomes a job that runs after the parent, with no schedule', async () => {
    const { result, jobs } = await importUnits({
      '/u/build.timer': timer('*-*-* 02:00'),
      '/u/build.service': service(
        '/usr/bin/make',
        'OnSuccess=deploy.service\nOnFailure=page.service report.service\nOnSuccess=report.service\nOnFailure=gone.service',
      ),
      '/u/deploy.service': service('/usr/local/bin/deploy'),
      '/u/page.service': service('/usr/local/bin/page-me'),
      '/u/report.service': service('/usr/local/bin/report'),
    });
    const byId = new Map(jobs.map((job) => [job.id, job]));
    expect(byId.get('build')).toMatchObject({ cron: '0 0 2 * * *' });
    expect(byId.get('deploy')).toEqual({
      id: 'deploy',
      command: ['/usr/local/bin/deploy'],
      timeout: expect.any(String),
      after: [{ job: 'build', on: 'success' }],
    });
    expect(byId.get('page')!.after).toEqual([{ job: 'build', on: 'failure' }]);
    expect(byId.get('report')!.after).toEqual([{ job: 'build', on: 'always' }]);
    expect(result.losses).toContainEqual({
      file: '/u/build.service',
      line: 5,
      reason:
        'OnFailure=gone.service: gone.service is not among the imported units, so nothing runs after this job (import it with this timer)',
    });
    expect(result.losses.map((loss) => loss.reason).join('\n')).not.toMatch(/OnSuccess=.* is not carried over/);
    // The jobs make a valid file as they are.
    const parsed = parseJobsText(stringify({ jobs }), { timezone: 'UTC' });
    expect(parsed.ok).toBe(true);
  });

  it('a child with a timer of its own keeps its schedule and gains the link', async () => {
    const { jobs } = await importUnits({
      '/u/build.timer': timer('*-*-* 02:00'),
      '/u/build.service': service('/usr/bin/make', 'OnFailure=cleanup.service'),
      '/u/cleanup.timer': timer('Sun *-*-* 04:00'),
      '/u/cleanup.service': service('/usr/local/bin/cleanup'),
    });
    expect(jobs.find((job) => job.id === 'cleanup')).toMatchObject({
      cron: '0 0 4 * * 7',
      after: [{ job: 'build', on: 'failure' }],
    });
  });
});
