/**
 * Every field of a resolved job has a fate in every export (field-fates.ts), and the targets keep to it: a field
 * classified `warned` gets a loss line naming it, `refused` refuses the job, `carried` and `n/a` say nothing about it.
 */
import { describe, expect, it } from 'vitest';
import type { RawJob } from '../../../../shared/config/schema';
import { exportJobs } from '../../../../electron/core/convert/export/export-jobs';
import type { ExportTargetName } from '../../../../electron/core/convert/export/export-context';
import {
  EXPORT_MODES,
  type ExportMode,
  JOB_FIELD_FATES,
  type JobField,
  jobFields,
} from '../../../../electron/core/convert/export/field-fates';
import { context, job } from './export-fixtures';

/** Values other than the default for each field; several where targets lose different values. */
const NON_DEFAULT: Record<JobField, Partial<RawJob>[]> = {
  id: [{ id: 'other-id' }],
  name: [{ name: 'Another name' }],
  description: [{ description: 'Why it runs' }],
  enabled: [{ enabled: false }],
  tags: [{ tags: ['ops'] }],
  'schedule.cron': [{ cron: '15 3 * * 1' }],
  'schedule.every': [{ every: '10m' }],
  'schedule.at': [{ at: '2030-01-01T00:00' }],
  'schedule.none': [{ after: { job: 'build' } }],
  after: [{ cron: '0 3 * * *', after: { job: 'build' } }],
  timezone: [{ timezone: 'Europe/Paris' }],
  jitterMs: [{ jitter: '5m' }],
  'action.command': [{ command: ['/bin/echo', 'hi'] }],
  'action.command.cwd': [{ cwd: '/srv/app' }, { cwd: '~/work' }],
  'action.command.env': [{ env: { REGION: 'eu' } }],
  'action.command.shell': [{ shell: '/bin/bash' }],
  'action.command.path': [{ path: ['/opt/homebrew/bin'] }],
  'action.command.envFile': [{ envFile: '~/.backup.env' }],
  'action.http': [{ http: { url: 'https://example.org/health' } }],
  'action.builtin': [{ builtin: 'backup-database' }],
  timeoutMs: [{ timeout: '5m' }],
  retry: [{ retry: { attempts: 2 } }],
  overlap: [{ overlap: 'queue' }, { overlap: 'replace' }],
  catchUp: [{ catchUp: 'all' }, { catchUp: 'skip' }],
  notify: [{ notify: { success: true } }],
  expectSucceededWithinMs: [{ expect: { succeededWithin: '1d' } }],
  warnAfterMs: [{ warnAfter: '5m' }],
};

/** Jobs that between them have every schedule and action kind. */
const EVERY_KIND: Partial<RawJob>[] = [
  { cron: '0 * * * *', command: 'true' },
  { every: '1h', http: { url: 'https://example.org/' } },
  { at: '2030-01-01T00:00', builtin: 'backup-database' },
  { cron: '0 3 * * *', builtin: 'prune-history' },
  { after: { job: 'build' }, command: 'true' },
];

function exportOne(mode: ExportMode, raw: Partial<RawJob>) {
  const [target, exec] = mode.split('/') as [ExportTargetName, 'cronbar' | 'native'];
  return exportJobs(target, [job({ id: 'job', ...raw })], context({ exec }));
}

describe('the fate of every job field in every export', () => {
  it('has a row for every field a resolved job has, and none for a field that does not exist', () => {
    const fields = new Set(EVERY_KIND.flatMap((raw) => jobFields(job(raw))));
    expect([...fields].sort()).toEqual(Object.keys(JOB_FIELD_FATES).sort());
  });

  it('the targets keep to the table for a value other than the default', () => {
    const broken: string[] = [];
    for (const [field, row] of Object.entries(JOB_FIELD_FATES) as [JobField, (typeof JOB_FIELD_FATES)[JobField]][]) {
      const namesField = new RegExp(`^${row.key}\\b`);
      for (const mode of EXPORT_MODES) {
        const fate = row.fates[mode];
        const results = NON_DEFAULT[field].map((raw) => ({ raw, result: exportOne(mode, raw) }));
        const about = (level: 'warning' | 'refused') =>
          results.flatMap(({ result }) =>
            result.losses.filter((loss) => loss.level === level && namesField.test(loss.reason)),
          );
        const refused = results.filter(({ result }) => result.refused.length > 0);
        const where = `${field} in ${mode} (${fate})`;
        if (fate === 'refused') {
          const reasons = results.flatMap(({ result }) => result.losses.filter((loss) => loss.level === 'refused'));
          if (refused.length === 0 || !reasons.some((loss) => new RegExp(`\\b${row.key}\\b`).test(loss.reason)))
            broken.push(`${where}: not refused with a reason naming ${row.key}`);
          continue;
        }
        if (refused.length > 0)
          broken.push(`${where}: refused: ${refused[0]!.result.losses.map((l) => l.reason).join('; ')}`);
        if (fate === 'warned' && about('warning').length === 0)
          broken.push(`${where}: no warning starting with ${row.key}`);
        if ((fate === 'carried' || fate === 'n/a') && about('warning').length > 0)
          broken.push(`${where}: warned: ${about('warning')[0]!.reason}`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('what only a Cronbar process does for a run, exported natively', () => {
  const watched = job({
    id: 'nightly',
    notify: { failure: true, missed: true },
    expect: { succeededWithin: '26h' },
    warnAfter: '20m',
  });

  it('is named field by field, with what is lost and how to keep it', () => {
    const reasons = exportJobs('systemd', [watched], context({ exec: 'native' })).losses.map((loss) => loss.reason);
    expect(reasons).toEqual(
      expect.arrayContaining([
        'notify: no desktop notification on failure or a missed fire when run by systemd; use --exec cronbar to keep it',
        'expect.succeededWithin 1d2h: Cronbar sees no runs when run by systemd, so it never says the job is overdue; use --exec cronbar to keep it',
        'warnAfter 20m: no slow-run warning when run by systemd; use --exec cronbar to keep it',
      ]),
    );
    for (const target of ['crontab', 'launchd'] as const) {
      const lines = exportJobs(target, [watched], context({ exec: 'native' })).losses.map((loss) => loss.reason);
      expect(lines.filter((line) => /^(notify|expect|warnAfter)\b/.test(line))).toHaveLength(3);
    }
    const kube = exportJobs('kubernetes', [watched], context()).losses.map((loss) => loss.reason);
    expect(kube).toContain('warnAfter 20m: no slow-run warning when run by Kubernetes');
  });

  it('is kept by cronbar run, and a job that asks for none of it loses nothing', () => {
    const viaCronbar = exportJobs('systemd', [watched], context({ exec: 'cronbar' })).losses;
    expect(viaCronbar.filter((loss) => /^(notify|expect|warnAfter)\b/.test(loss.reason))).toEqual([]);
    const quiet = job({ id: 'quiet', notify: { failure: false } });
    const native = exportJobs('systemd', [quiet], context({ exec: 'native' })).losses;
    expect(native.filter((loss) => /^(notify|expect|warnAfter)\b/.test(loss.reason))).toEqual([]);
  });

  it('makes --strict refuse the job', () => {
    const strict = exportJobs('launchd', [watched], context({ exec: 'native' }), { strict: true });
    expect(strict.refused).toEqual(['nightly']);
    expect(strict.losses.map((loss) => loss.reason)).toContain(
      'warnAfter 20m: no slow-run warning when run by launchd; use --exec cronbar to keep it (--strict)',
    );
  });
});
