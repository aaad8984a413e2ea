import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { JobsFileSchema, normalizeJobsFile } from '../../../shared/config/schema';

function resolve(yaml: string, zone = 'UTC') {
  const parsed = JobsFileSchema.safeParse(parse(yaml) ?? {});
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return normalizeJobsFile(parsed.data, zone);
}

const messages = (yaml: string) => {
  const parsed = JobsFileSchema.safeParse(parse(yaml) ?? {});
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('expect and warnAfter', () => {
  it('resolves a job’s own expectation, else the default’s, else none', () => {
    const { jobs } = resolve(`
defaults: { expect: { succeededWithin: 26h }, warnAfter: 30m }
jobs:
  - { id: a, every: 1h, command: ls }
  - { id: b, every: 1h, command: ls, expect: { succeededWithin: 2d }, warnAfter: 1h30m }
`);
    expect(jobs.map((job) => [job.expectSucceededWithinMs, job.warnAfterMs])).toEqual([
      [26 * 3_600_000, 1_800_000],
      [2 * 86_400_000, 5_400_000],
    ]);
    expect(resolve('jobs:\n  - { id: c, every: 1h, command: ls }\n').jobs[0]).toMatchObject({
      expectSucceededWithinMs: null,
      warnAfterMs: null,
    });
  });

  it('refuses a bare number and an unknown key inside expect', () => {
    expect(messages('jobs:\n  - { id: a, every: 1h, command: ls, warnAfter: 30 }\n')).toEqual([
      expect.stringMatching(/^jobs\.0\.warnAfter: 30 is not a duration/),
    ]);
    expect(messages('jobs:\n  - { id: a, every: 1h, command: ls, expect: { within: 1h } }\n').join('\n')).toMatch(
      /jobs\.0\.expect/,
    );
  });
});

describe('checks', () => {
  it('resolves every and cron checks with a 1 h default grace and notify on', () => {
    const { checks } = resolve(`
checks:
  - { id: nas-backup, name: NAS backup, cron: "30 3 * * *", timezone: Europe/Berlin, grace: 2h, tags: [nas] }
  - { id: heartbeat, every: 5m, notify: { up: false } }
`);
    expect(checks).toEqual([
      {
        id: 'nas-backup',
        name: 'NAS backup',
        description: null,
        tags: ['nas'],
        schedule: { kind: 'cron', expr: '30 3 * * *' },
        timezone: 'Europe/Berlin',
        graceMs: 7_200_000,
        notify: { down: true, up: true },
      },
      {
        id: 'heartbeat',
        name: 'heartbeat',
        description: null,
        tags: [],
        schedule: { kind: 'every', everyMs: 300_000, text: '5m' },
        timezone: 'UTC',
        graceMs: 3_600_000,
        notify: { down: true, up: false },
      },
    ]);
  });

  it('needs exactly one of every and cron, a valid cron and zone, and ids apart from the jobs', () => {
    expect(messages('checks:\n  - { id: a }\n')).toEqual(['checks.0: needs when a ping is expected: every or cron']);
    expect(messages('checks:\n  - { id: a, every: 1h, cron: "* * * * *" }\n')).toEqual([
      'checks.0.cron: has both every and cron: keep one',
    ]);
    expect(messages('checks:\n  - { id: a, cron: "61 * * * *" }\n').join()).toMatch(
      /checks\.0\.cron: "61 \* \* \* \*"/,
    );
    expect(messages('checks:\n  - { id: a, every: 1h, timezone: Mars/Base }\n').join()).toMatch(
      /Mars\/Base" is not an IANA time zone/,
    );
    expect(
      messages(
        'jobs:\n  - { id: x, every: 1h, command: ls }\nchecks:\n  - { id: x, every: 1h }\n  - { id: y, every: 1h }\n  - { id: y, every: 2h }\n',
      ),
    ).toEqual([
      'checks.0.id: id "x" is also jobs[0]: jobs and checks need different ids',
      'checks.2.id: duplicate id "y" (also checks[1])',
    ]);
  });

  it('treats an empty checks: as none', () => {
    expect(resolve('checks:\n').checks).toEqual([]);
  });
});
