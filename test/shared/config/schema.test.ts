import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { JobsFileSchema, type JobSpec, normalizeJobsFile } from '../../../shared/config/schema';

/** The resolved jobs of a YAML text, as the engine receives them. */
function resolve(yaml: string, zone = 'UTC'): JobSpec[] {
  const parsed = JobsFileSchema.safeParse(parse(yaml) ?? {});
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return normalizeJobsFile(parsed.data, zone).jobs;
}

describe('defaults merging', () => {
  it('merges env key by key: the job wins on a shared key, both sets reach the command', () => {
    const [job] = resolve(`
defaults:
  env: { PATH: /usr/bin, LANG: C, RETRIES: 3 }
jobs:
  - id: a
    every: 1m
    command: ls
    env: { LANG: fr_FR.UTF-8, EXTRA: true }
`);
    expect(job?.action).toMatchObject({
      kind: 'command',
      env: { PATH: '/usr/bin', LANG: 'fr_FR.UTF-8', RETRIES: '3', EXTRA: 'true' },
    });
  });

  it('merges notify field by field over the built-in defaults (failure on, success and missed off)', () => {
    const [inherits, overrides, plain] = resolve(`
defaults:
  notify: { failure: false, missed: true }
jobs:
  - { id: a, every: 1m, command: ls }
  - { id: b, every: 1m, command: ls, notify: { success: true } }
`).concat(resolve('jobs:\n  - { id: c, every: 1m, command: ls }\n'));
    expect(inherits?.notify).toEqual({ failure: false, success: false, missed: true });
    expect(overrides?.notify).toEqual({ failure: false, success: true, missed: true });
    expect(plain?.notify).toEqual({ failure: true, success: false, missed: false });
  });

  it('merges retry field by field, so a job changing attempts keeps the default delay', () => {
    const [job] = resolve(`
defaults:
  retry: { attempts: 3, delay: 5m, backoff: 2 }
jobs:
  - { id: a, every: 1m, command: ls, retry: { attempts: 5 } }
`);
    expect(job?.retry).toEqual({ attempts: 5, delayMs: 300_000, backoff: 2, maxDelayMs: 3_600_000 });
  });

  it('merges catchUp field by field; a bare policy keeps the default window', () => {
    const [job] = resolve(`
defaults:
  catchUp: { policy: all, window: 6h }
jobs:
  - { id: a, every: 1m, command: ls, catchUp: skip }
`);
    expect(job?.catchUp).toEqual({ policy: 'skip', windowMs: 21_600_000, max: 100 });
  });

  it('takes scalar settings from the job, else from defaults, else the built-in value', () => {
    const [own, inherited, bare] = resolve(`
defaults:
  timezone: Europe/Paris
  timeout: 2h
  overlap: queue
  cwd: /srv
  shell: /bin/bash
  tags: [home]
jobs:
  - { id: a, every: 1m, command: ls, timezone: Asia/Tokyo, timeout: 10m, overlap: parallel, cwd: /tmp, tags: [quick, home] }
  - { id: b, every: 1m, command: ls }
`).concat(resolve('jobs:\n  - { id: c, every: 1m, command: ls }\n', 'America/New_York'));
    expect(own).toMatchObject({
      timezone: 'Asia/Tokyo',
      timeoutMs: 600_000,
      overlap: 'parallel',
      tags: ['home', 'quick'],
      action: { cwd: '/tmp', shell: '/bin/bash' },
    });
    expect(inherited).toMatchObject({
      timezone: 'Europe/Paris',
      timeoutMs: 7_200_000,
      overlap: 'queue',
      tags: ['home'],
      action: { cwd: '/srv' },
    });
    expect(bare).toMatchObject({
      name: 'c',
      enabled: true,
      timezone: 'America/New_York',
      timeoutMs: 3_600_000,
      overlap: 'skip',
      jitterMs: 0,
      action: { cwd: null, shell: null },
    });
  });
});

describe('JobsFileSchema', () => {
  it('treats `jobs:` and `defaults:` left empty (every entry commented out) as none', () => {
    expect(resolve('defaults:\njobs:\n')).toEqual([]);
  });

  it('resolves builtins with their documented defaults', () => {
    const [backup, prune] = resolve(
      'jobs:\n  - { id: b, cron: "0 2 * * *", builtin: backup-database }\n  - { id: p, cron: "@daily", builtin: prune-history }\n',
    );
    expect(backup?.action).toEqual({ kind: 'builtin', name: 'backup-database', keep: 7 });
    expect(prune?.action).toEqual({ kind: 'builtin', name: 'prune-history', keepDays: 30, keepRuns: 1000 });
  });

  it('reports a duplicate id even when another job is invalid', () => {
    const parsed = JobsFileSchema.safeParse(
      parse(
        'jobs:\n  - { id: a, every: 1m, command: ls }\n  - { id: a, every: 1m, command: ls }\n  - { id: b, every: nope, command: ls }\n',
      ),
    );
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['jobs.2.every', 'jobs.1.id']);
  });
});

describe('resolved jobs share what they inherit', () => {
  const [plain, other, own] = resolve(`
defaults:
  retry: { attempts: 2 }
  env: { LANG: C }
  tags: [home]
jobs:
  - { id: a, cron: "0 2 * * *", command: ls }
  - { id: b, cron: "0 2 * * *", command: ls }
  - { id: c, cron: "0 3 * * *", command: ls, retry: { attempts: 5 }, env: { X: "1" }, tags: [work], notify: { success: true } }
`);

  it('gives two jobs that say nothing the same, equal settings from defaults:', () => {
    for (const key of ['retry', 'catchUp', 'notify', 'tags', 'schedule'] as const)
      expect(plain![key]).toBe(other![key]);
    expect(
      plain!.action.kind === 'command' && other!.action.kind === 'command' && plain!.action.env === other!.action.env,
    ).toBe(true);
    expect(plain!.retry).toEqual({ attempts: 2, delayMs: 60_000, backoff: 1, maxDelayMs: 3_600_000 });
    expect(plain!.tags).toEqual(['home']);
  });

  it('keeps a job’s own settings its own, merged over the defaults', () => {
    expect(own!.retry).toEqual({ attempts: 5, delayMs: 60_000, backoff: 1, maxDelayMs: 3_600_000 });
    expect(own!.action).toMatchObject({ env: { LANG: 'C', X: '1' } });
    expect(own!.tags).toEqual(['home', 'work']);
    expect(own!.notify).toEqual({ failure: true, success: true, missed: false });
    expect(plain!.notify).toEqual({ failure: true, success: false, missed: false });
  });

  it('refuses a change in place, which would change every job that shares the object', () => {
    expect(() => {
      (plain!.retry as { attempts: number }).attempts = 9;
    }).toThrow(TypeError);
    expect(() => plain!.tags.push('x')).toThrow(TypeError);
    expect(() => {
      if (plain!.action.kind === 'command') (plain!.action.env as Record<string, string>).EXTRA = 'y';
    }).toThrow(TypeError);
    expect(other!.retry.attempts).toBe(2);
    expect(other!.tags).toEqual(['home']);
  });
});
