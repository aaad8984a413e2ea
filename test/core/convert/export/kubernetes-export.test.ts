/**
 * Every exported CronJob validates against the Kubernetes OpenAPI schema (kubernetes-models 5.1, generated from
 * Kubernetes v1.36.0), and carries the job's schedule, zone and run policies into the fields the docs name
 * (https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/).
 */
import { CronJob } from 'kubernetes-models/batch/v1/CronJob';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { exportJobs } from '../../../../electron/core/convert/export/export-jobs';
import { kubernetesName } from '../../../../electron/core/convert/export/kubernetes-target';
import { CORPUS, context, job } from './export-fixtures';

const kube = (overrides = {}) => context({ exec: 'native', ...overrides });

type Manifest = NonNullable<ConstructorParameters<typeof CronJob>[0]>;

function manifests(files: { text: string }[]): Manifest[] {
  return files.map((file) => parse(file.text));
}

describe('Kubernetes export', () => {
  it('every manifest of the corpus and of varied policies validates against the CronJob schema', () => {
    const jobs = [
      ...CORPUS.map((entry, index) => job({ id: `corpus-${index}`, cron: entry.cron, timezone: entry.zone })),
      job({
        id: 'Backup_Home.nightly',
        cron: '30 2 * * *',
        command: ['restic', 'backup', '/data'],
        env: { RESTIC_REPOSITORY: '/mnt/r' },
        cwd: '/data',
        timeout: '2h',
        retry: { attempts: 3 },
      }),
      job({ id: 'replace', cron: '*/5 * * * *', overlap: 'replace', catchUp: 'skip', enabled: false }),
      job({
        id: 'parallel',
        every: '15m',
        overlap: 'parallel',
        catchUp: { policy: 'all', window: '6h' },
        timeout: '0',
      }),
    ];
    const result = exportJobs('kubernetes', jobs, kube({ keepRuns: 20 }));
    expect(result.exported.length).toBeGreaterThan(40);
    for (const manifest of manifests(result.files)) {
      expect(() => new CronJob(manifest).validate(), manifest.metadata?.name).not.toThrow();
    }
  });

  it('the schema check rejects a broken CronJob (the validation can fail)', () => {
    const [manifest] = manifests(exportJobs('kubernetes', [job({ id: 'a' })], kube()).files);
    (manifest!.spec as unknown as Record<string, unknown>).schedule = 5;
    expect(() => new CronJob(manifest).validate()).toThrow(/schedule/);
    delete (manifest!.spec as unknown as Record<string, unknown>).jobTemplate;
    expect(() => new CronJob(manifest).validate()).toThrow(/jobTemplate/);
  });

  it('maps schedule, zone, overlap, catch-up, suspend, timeout, retries and history limits', () => {
    const jobs = [
      job({
        id: 'nightly',
        cron: '30 2 * * 1-5',
        timezone: 'Europe/Paris',
        command: 'pg_dump db > /backup/db.sql',
        timeout: '2h',
        retry: { attempts: 3 },
        catchUp: { policy: 'once', window: '6h' },
      }),
      job({ id: 'replace', cron: '0 0 */2 * 1', overlap: 'replace', catchUp: 'skip', timeout: '10m' }),
      job({ id: 'parallel', cron: '0 * * * *', overlap: 'parallel' }),
      job({ id: 'paused', cron: '0 * * * *' }),
      job({ id: 'off', cron: '0 * * * *', enabled: false }),
    ];
    const result = exportJobs('kubernetes', jobs, kube({ pausedIds: new Set(['paused']), keepRuns: 7 }));
    expect(
      manifests(exportJobs('kubernetes', jobs.slice(0, 1), kube({ keepRuns: 1000 })).files)[0]!.spec
        .successfulJobsHistoryLimit,
    ).toBe(100);
    const [nightly, replace, parallel, paused, off] = manifests(result.files);
    expect(nightly!.spec).toMatchObject({
      schedule: '30 2 * * 1-5',
      timeZone: 'Europe/Paris',
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 6 * 3600,
      suspend: false,
      successfulJobsHistoryLimit: 7,
      failedJobsHistoryLimit: 7,
      jobTemplate: {
        spec: {
          backoffLimit: 3,
          template: {
            spec: {
              activeDeadlineSeconds: 7200,
              restartPolicy: 'Never',
              containers: [{ image: 'busybox:1.36', command: ['/bin/sh', '-c', 'pg_dump db > /backup/db.sql'] }],
            },
          },
        },
      },
    });
    expect(replace!.spec).toMatchObject({
      schedule: '0 0 1-31/2 * 1',
      concurrencyPolicy: 'Replace',
      startingDeadlineSeconds: 60,
      jobTemplate: { spec: { backoffLimit: 0, activeDeadlineSeconds: 600 } },
    });
    expect(parallel!.spec.concurrencyPolicy).toBe('Allow');
    expect(paused!.spec.suspend).toBe(true);
    expect(off!.spec.suspend).toBe(true);
    expect(result.files[0]!.text).toMatch(/^# .*a workstation command does not run by itself in a cluster/m);
    expect(result.losses.filter((loss) => loss.jobId === 'nightly').map((loss) => loss.reason)).toEqual([
      expect.stringMatching(/backoffLimit 3.*not Cronbar's/),
    ]);
  });

  it('refuses what a CronJob cannot express and says queue has no equivalent', () => {
    const jobs = [
      job({ id: 'seconds', cron: '*/10 * * * * *' }),
      job({ id: 'last', cron: '0 0 L * *' }),
      job({ id: 'nth', cron: '0 0 * * 5#2' }),
      job({ id: 'web', cron: '0 * * * *', http: { url: 'https://example.org/' } }),
      job({ id: 'once', at: '2030-01-01T00:00' }),
      job({ id: 'queue', cron: '0 * * * *', overlap: 'queue' }),
    ];
    const result = exportJobs('kubernetes', jobs, kube());
    expect(result.refused).toEqual(['seconds', 'last', 'nth', 'web', 'once']);
    // The first loss of each job: what refused it, or its first warning.
    const reasons = Object.fromEntries(result.losses.toReversed().map((loss) => [loss.jobId, loss.reason]));
    expect(reasons.seconds).toMatch(/no seconds/);
    expect(reasons.last).toMatch(/`L`/);
    expect(reasons.nth).toMatch(/`#`/);
    expect(reasons.web).toMatch(/http check runs only inside Cronbar/);
    expect(reasons.queue).toMatch(/Kubernetes has no queue/);
  });

  it('makes DNS names of at most 52 characters that keep distinct ids distinct', () => {
    expect(kubernetesName('backup-home')).toBe('backup-home');
    const a = kubernetesName('Backup_Home');
    const b = kubernetesName('backup.home');
    expect(a).not.toBe(b);
    const long = kubernetesName(`x${'y'.repeat(63)}`);
    for (const name of [a, b, long]) expect(name).toMatch(/^[a-z0-9]([a-z0-9-]{0,50}[a-z0-9])?$/);
  });
});
