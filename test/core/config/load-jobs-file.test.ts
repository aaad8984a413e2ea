import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJobsText, readJobsFile } from '../../../electron/core/config/load-jobs-file';
import { CronbarError } from '../../../shared/api/contract';
import { formatConfigIssue } from '../../../shared/model';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../../fixtures/config', name), 'utf8');

/** The problems as the admin reads them: `jobs.yaml:12:15 jobs[3].cron: …`. */
function problems(text: string, options?: Parameters<typeof parseJobsText>[1]): string[] {
  const result = parseJobsText(text, options);
  if (result.ok) throw new Error('expected the text to be rejected');
  return result.issues.map(formatConfigIssue);
}

describe('parseJobsText: the example file', () => {
  const result = parseJobsText(fixture('jobs-example.yaml'));

  it('accepts it with its six jobs in file order', () => {
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.jobs.map((job) => job.id)).toEqual([
      'backup-home',
      'notes-sync',
      'site-up',
      'tmp-cleanup',
      'db-backup',
      'prune-history',
    ]);
    expect(result.sources.map((source) => source.id)).toEqual(result.config.jobs.map((job) => job.id));
  });

  it('applies defaults where a job is silent and keeps the job’s own values', () => {
    if (!result.ok) throw new Error('example rejected');
    const [backup, notes, site, cleanup, dbBackup, prune] = result.config.jobs;
    expect(backup).toMatchObject({
      name: 'Back up home to the NAS',
      schedule: { kind: 'cron', expr: '0 2 * * *' },
      timezone: 'Europe/Paris',
      timeoutMs: 2 * 3_600_000,
      retry: { attempts: 3, delayMs: 300_000, backoff: 2 },
      overlap: 'skip',
      catchUp: { policy: 'once', windowMs: 86_400_000 },
      action: {
        kind: 'command',
        command: 'restic backup ~/ --tag nightly',
        env: { RESTIC_REPOSITORY: '/mnt/nas/restic' },
      },
    });
    expect(notes).toMatchObject({
      schedule: { kind: 'every', everyMs: 900_000 },
      timeoutMs: 3_600_000,
      action: { command: ['git', '-C', '~/notes', 'pull', '--ff-only'] },
    });
    expect(site).toMatchObject({
      action: {
        kind: 'http',
        url: 'https://example.org/health',
        method: 'GET',
        expectStatus: [200],
        timeoutMs: 10_000,
      },
      notify: { failure: true, missed: false },
    });
    expect(cleanup?.schedule).toEqual({ kind: 'cron', expr: '30 9 * * mon-fri' });
    expect(dbBackup?.action).toEqual({ kind: 'builtin', name: 'backup-database', keep: 7 });
    expect(prune?.action).toEqual({ kind: 'builtin', name: 'prune-history', keepDays: 30, keepRuns: 1000 });
  });
});

describe('parseJobsText: valid edge cases', () => {
  it.each([
    ['an empty file', ''],
    ['a file of comments', '# nothing yet\n'],
    ['an empty jobs list', 'jobs: []\n'],
    ['`jobs:` with every job commented out', 'jobs:\n  # - id: x\n  #   every: 1m\n'],
    ['`defaults:` with every line commented out', 'defaults:\n  # timeout: 1h\njobs: []\n'],
  ])('accepts %s as no jobs', (_label, text) => {
    const result = parseJobsText(text);
    expect(result.ok && result.config.jobs).toEqual([]);
  });

  it('reads a file only yaml reads (anchors and aliases) as the same jobs as its expanded form', () => {
    const withAliases =
      'jobs:\n  - id: a\n    every: 1m\n    command: ls\n    env: &common { LANG: C }\n  - id: b\n    every: 2m\n    command: ls\n    env: *common\n';
    const expanded = withAliases.replace('&common ', '').replace('*common', '{ LANG: C }');
    const viaYaml = parseJobsText(withAliases);
    const viaPlain = parseJobsText(expanded);
    expect(viaYaml.ok && viaYaml.config).toEqual(viaPlain.ok && viaPlain.config);
    expect(viaYaml.ok && viaYaml.config.jobs[1]?.action).toMatchObject({ env: { LANG: 'C' } });
  });

  it('uses the given zone for jobs without a timezone', () => {
    const result = parseJobsText('jobs:\n  - id: a\n    every: 1m\n    command: ls\n', { timezone: 'Asia/Tokyo' });
    expect(result.ok && result.config.jobs[0]?.timezone).toBe('Asia/Tokyo');
  });
});

describe('parseJobsText: each problem placed at file:line:col', () => {
  it.each([
    [
      'a YAML syntax error (yaml’s own message and position)',
      'jobs:\n  - id: a\n    cron: "0 2 * * *\n',
      'jobs.yaml:4:1 Missing closing "quote',
    ],
    [
      'an unquoted cron pattern, with the fix',
      'jobs:\n  - id: a\n    cron: * * * * *\n    command: ls\n',
      'jobs.yaml:3:11 Alias cannot be an empty string (a value starting with * must be quoted: cron: "* * * * *")',
    ],
    [
      'a duplicate key',
      'jobs:\n  - id: a\n    every: 1m\n    every: 2m\n    command: ls\n',
      'jobs.yaml:4:5 Map keys must be unique',
    ],
    [
      'a top level that is a list',
      '- id: a\n  every: 1m\n',
      'jobs.yaml:1:1 the top level must be a map with a `jobs:` list (and optionally `defaults:`, `concurrency:`, `version:`), not a list',
    ],
    [
      'a top level that is a scalar',
      'hello\n',
      'jobs.yaml:1:1 the top level must be a map with a `jobs:` list (and optionally `defaults:`, `concurrency:`, `version:`), not a single value',
    ],
    [
      'an unknown top-level key, with did-you-mean',
      'jobz: []\n',
      'jobs.yaml:1:1 unknown key "jobz" — did you mean "jobs"?',
    ],
    [
      'an unknown job key, pointing at the key',
      'jobs:\n  - id: a\n    every: 1m\n    comand: ls\n',
      'jobs.yaml:4:5 jobs[0]: unknown key "comand" — did you mean "command"?',
    ],
    [
      'an unknown key with no near match',
      'jobs:\n  - id: a\n    every: 1m\n    command: ls\n    colour: red\n',
      'jobs.yaml:5:5 jobs[0]: unknown key "colour"',
    ],
    [
      'another scheduler’s word for a key',
      'jobs:\n  - id: a\n    schedule: "* * * * *"\n    command: ls\n',
      'jobs.yaml:3:5 jobs[0]: unknown key "schedule" — did you mean "cron"?',
    ],
    [
      'an unknown key in a nested map',
      'jobs:\n  - id: a\n    every: 1m\n    command: ls\n    retry: { attempts: 2, dealy: 1m }\n',
      'jobs.yaml:5:27 jobs[0].retry: unknown key "dealy" — did you mean "delay"?',
    ],
    [
      'an hour out of range',
      'jobs:\n  - id: a\n    cron: "0 25 * * *"\n    command: ls\n',
      'jobs.yaml:3:11 jobs[0].cron: "0 25 * * *": hour 25 is out of range (0-23)',
    ],
    [
      'a cron with too few fields',
      'jobs:\n  - id: a\n    cron: "0 2 * *"\n    command: ls\n',
      'jobs.yaml:3:11 jobs[0].cron: "0 2 * *": has 4 fields; a cron pattern has 5 (minute hour day-of-month month day-of-week), 6 (seconds first) or 7 (seconds first, year last)',
    ],
    [
      'a cron that never fires',
      'jobs:\n  - id: a\n    cron: "0 0 30 2 *"\n    command: ls\n',
      'jobs.yaml:3:11 jobs[0].cron: "0 0 30 2 *": never fires: no date matches it',
    ],
    [
      'a bad duration',
      'jobs:\n  - id: a\n    every: 1m\n    command: ls\n    timeout: 5 minutes\n',
      'jobs.yaml:5:14 jobs[0].timeout: "5 minutes" is not a duration (use 500ms, 30s, 15m, 2h, 1d, or sums like 1h30m)',
    ],
    [
      'a duration without a unit',
      'defaults:\n  timeout: 30\n',
      'jobs.yaml:2:12 defaults.timeout: 30 is not a duration: timeout needs a unit, such as 30s, 15m, 2h or 1d',
    ],
    [
      'an interval under a second',
      'jobs:\n  - id: a\n    every: 500ms\n    command: ls\n',
      'jobs.yaml:3:12 jobs[0].every: "500ms": the shortest interval is 1s',
    ],
    [
      'a bad time zone',
      'jobs:\n  - id: a\n    every: 1m\n    command: ls\n    timezone: Europe/Pariss\n',
      'jobs.yaml:5:15 jobs[0].timezone: "Europe/Pariss" is not an IANA time zone (for example Europe/Berlin or America/New_York)',
    ],
    [
      'a missing schedule, at the job’s map',
      'jobs:\n  - id: a\n    command: ls\n',
      'jobs.yaml:2:5 jobs[0]: needs one schedule: cron, every or at (or events: on, or after: another job)',
    ],
    [
      'a missing action, at the job’s map',
      'jobs:\n  - id: a\n    every: 1m\n',
      'jobs.yaml:2:5 jobs[0]: needs one action: command, http or builtin',
    ],
    [
      'a missing id, at the job’s map',
      'jobs:\n  - every: 1m\n    command: ls\n',
      'jobs.yaml:2:5 jobs[0]: missing required key "id"',
    ],
    [
      'two schedules, at the second',
      'jobs:\n  - id: a\n    cron: "* * * * *"\n    every: 1m\n    command: ls\n',
      'jobs.yaml:4:12 jobs[0].every: has both cron and every: keep one schedule',
    ],
    [
      'a duplicate id, at the second',
      'jobs:\n  - id: a\n    every: 1m\n    command: ls\n  - id: a\n    every: 2m\n    command: ls\n',
      'jobs.yaml:5:9 jobs[1].id: duplicate id "a" (also jobs[0])',
    ],
    [
      'an impossible date for `at`',
      'jobs:\n  - id: a\n    at: 2027-02-30T09:00\n    command: ls\n',
      'jobs.yaml:3:9 jobs[0].at: "2027-02-30T09:00" is not a date and time such as 2027-01-01T09:00',
    ],
    [
      'a URL that is not http',
      'jobs:\n  - id: a\n    every: 1m\n    http: { url: "ftp://x.org" }\n',
      'jobs.yaml:4:18 jobs[0].http.url: "ftp://x.org" is not an http:// or https:// URL',
    ],
    [
      'a wrong type',
      'jobs:\n  - id: a\n    every: 1m\n    command: ls\n    enabled: yes\n',
      'jobs.yaml:5:14 jobs[0].enabled: must be true or false, not "yes"',
    ],
    [
      'a wrong type inside a list',
      'jobs:\n  - id: a\n    every: 1m\n    command: [ls, 1]\n',
      'jobs.yaml:4:19 jobs[0].command[1]: must be text, not 1',
    ],
    [
      'a value of neither accepted type',
      'jobs:\n  - id: a\n    every: 1m\n    command: 42\n',
      'jobs.yaml:4:14 jobs[0].command: must be text or a list, not 42',
    ],
    [
      'a value not in the list',
      'jobs:\n  - id: a\n    every: 1m\n    command: ls\n    overlap: sometimes\n',
      'jobs.yaml:5:14 jobs[0].overlap: "sometimes" is not one of skip, queue, parallel, replace',
    ],
    ['a number out of range', 'concurrency: 0\n', 'jobs.yaml:1:14 concurrency: must be at least 1, not 0'],
    ['`jobs` that is not a list', 'jobs: 5\n', 'jobs.yaml:1:7 jobs: must be a list, not 5'],
    [
      'a job that is not a map',
      'jobs:\n  - just a string\n',
      'jobs.yaml:2:5 jobs[0]: must be a map (key: value), not "just a string"',
    ],
  ])('%s', (_label, text, expected) => {
    expect(problems(text)).toEqual([expected]);
  });

  it('reports a cron mistake shared by several jobs at each job’s own place (the check is remembered per pattern)', () => {
    const job = (id: string) => `  - id: ${id}\n    cron: "0 25 * * *"\n    command: ls\n`;
    expect(problems(`jobs:\n${job('a')}${job('b')}${job('c')}`)).toEqual([
      'jobs.yaml:3:11 jobs[0].cron: "0 25 * * *": hour 25 is out of range (0-23)',
      'jobs.yaml:6:11 jobs[1].cron: "0 25 * * *": hour 25 is out of range (0-23)',
      'jobs.yaml:9:11 jobs[2].cron: "0 25 * * *": hour 25 is out of range (0-23)',
    ]);
    // Checked again after the verdict is known: the same places, not the first job's.
    expect(problems(`jobs:\n  - id: z\n    every: 1m\n    command: ls\n${job('b')}`)).toEqual([
      'jobs.yaml:6:11 jobs[1].cron: "0 25 * * *": hour 25 is out of range (0-23)',
    ]);
  });

  it('reports a bad time zone shared by several jobs at each job’s own place (the zone check is remembered too)', () => {
    const job = (id: string, zone: string) => `  - id: ${id}\n    every: 1m\n    command: ls\n    timezone: ${zone}\n`;
    expect(
      problems(`jobs:\n${job('a', 'Mars/Olympus')}${job('b', 'Europe/Paris')}${job('c', 'Mars/Olympus')}`),
    ).toEqual([
      'jobs.yaml:5:15 jobs[0].timezone: "Mars/Olympus" is not an IANA time zone (for example Europe/Berlin or America/New_York)',
      'jobs.yaml:13:15 jobs[2].timezone: "Mars/Olympus" is not an IANA time zone (for example Europe/Berlin or America/New_York)',
    ]);
  });

  it('names the file as the admin knows it', () => {
    expect(problems('jobs: 5\n', { fileName: 'work-jobs.yaml' })).toEqual([
      'work-jobs.yaml:1:7 jobs: must be a list, not 5',
    ]);
  });

  it('reports every problem of a file at once, in file order, one per problem', () => {
    expect(problems(fixture('many-errors.yaml'))).toEqual([
      'jobs.yaml:3:12 defaults.timeout: "5 minutes" is not a duration (use 500ms, 30s, 15m, 2h, 1d, or sums like 1h30m)',
      'jobs.yaml:4:13 defaults.timezone: "Mars/Olympus" is not an IANA time zone (for example Europe/Berlin or America/New_York)',
      'jobs.yaml:7:5 jobs[0]: unknown key "comand" — did you mean "command"?',
      'jobs.yaml:8:11 jobs[0].cron: "0 25 * * *": hour 25 is out of range (0-23)',
      'jobs.yaml:10:9 jobs[1].id: duplicate id "first" (also jobs[0])',
      'jobs.yaml:13:5 jobs[2]: missing required key "id"',
      'jobs.yaml:15:12 jobs[2].every: has both cron and every: keep one schedule',
      'jobs.yaml:17:5 jobs[3]: needs one schedule: cron, every or at (or events: on, or after: another job)',
      'jobs.yaml:20:9 jobs[4].at: "2027-02-30T09:00" is not a date and time such as 2027-01-01T09:00',
      'jobs.yaml:24:18 jobs[5].http.url: "ftp://example.org" is not an http:// or https:// URL',
      'jobs.yaml:26:14 jobs[6].enabled: must be true or false, not "yes"',
      'jobs.yaml:27:12 jobs[6].every: 30 is not a duration: every needs a unit, such as 30s, 15m, 2h or 1d',
      'jobs.yaml:28:19 jobs[6].command[1]: must be text, not 1',
    ]);
  });
});

/** `count` jobs after the first that all share its `env:` through one alias. */
function jobsSharingEnv(count: number): string {
  let text = 'jobs:\n  - id: j0\n    every: 1h\n    command: echo\n    env: &common { A: "1", B: "2" }\n';
  for (let index = 1; index <= count; index += 1)
    text += `  - id: j${index}\n    every: 1h\n    command: echo\n    env: *common\n`;
  return text;
}

describe('parseJobsText: anchors, aliases and merge keys', () => {
  it.each([100, 2000])('loads %i jobs sharing one anchored env: through aliases', (count) => {
    const result = parseJobsText(jobsSharingEnv(count));
    if (!result.ok) throw new Error(result.issues.map(formatConfigIssue).join('\n'));
    expect(result.config.jobs).toHaveLength(count + 1);
    expect(result.config.jobs[count]?.action).toMatchObject({ env: { A: '1', B: '2' } });
  });

  it('merges an anchored job into another with `<<:`, the job’s own keys winning', () => {
    const result = parseJobsText(
      'jobs:\n  - &base\n    id: a\n    every: 1h\n    command: echo a\n  - <<: *base\n    id: b\n  - <<: [*base, { timeout: 5m }]\n    id: c\n',
    );
    if (!result.ok) throw new Error(result.issues.map(formatConfigIssue).join('\n'));
    expect(result.config.jobs.map((job) => [job.id, job.schedule.kind, job.timeoutMs])).toEqual([
      ['a', 'every', 3_600_000],
      ['b', 'every', 3_600_000],
      ['c', 'every', 300_000],
    ]);
  });

  it.each([
    [
      'an alias with no anchor, under a merge key',
      'jobs:\n  - id: a\n    <<: *x\n    every: 1h\n    command: echo\n',
      'jobs.yaml:3:9 *x names no anchor: an alias needs a value marked &x before it',
    ],
    [
      'an alias with no anchor, as a value',
      'jobs:\n  - id: a\n    every: 1h\n    command: echo\n    env: *nothing\n',
      'jobs.yaml:5:10 *nothing names no anchor: an alias needs a value marked &nothing before it',
    ],
    [
      'an alias used before its anchor',
      'jobs:\n  - id: a\n    every: 1h\n    command: echo\n    env: *e\n  - id: b\n    every: 1h\n    command: echo\n    env: &e { A: "1" }\n',
      'jobs.yaml:5:10 *e names no anchor: an alias needs a value marked &e before it',
    ],
    [
      'an alias inside the value it names',
      'jobs:\n  - &job\n    id: a\n    every: 1h\n    command: echo\n    env: { A: *job }\n',
      'jobs.yaml:6:15 *job is inside the value marked &job: a value cannot contain itself',
    ],
    [
      'a merge key given a text',
      'jobs:\n  - id: a\n    <<: oops\n    every: 1h\n    command: echo\n',
      'jobs.yaml:3:9 `<<:` merges a map (or a list of maps) into this one; this is not a map',
    ],
  ])('places %s', (_label, text, expected) => {
    expect(problems(text)).toEqual([expected]);
  });

  it('refuses an alias bomb quickly, placed at the alias that goes past the limit (the 8th *a4 of a5)', () => {
    // Nine levels of ten: a billion values once written out, in 300 bytes.
    let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let level = 1; level <= 9; level += 1)
      text += `a${level}: &a${level} [${Array.from({ length: 10 }, () => `*a${level - 1}`).join(', ')}]\n`;
    text += 'jobs: []\n';
    const started = performance.now();
    const found = problems(text);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^jobs\.yaml:6:45 aliases here stand for more than 1000000 values once written out \(an alias bomb\?\); write the values out or use fewer aliases$/,
    );
  });
});

describe('readJobsFile', () => {
  it('returns the text, its sha256 as the version, and the parse', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-read-'));
    const file = path.join(dir, 'my-jobs.yaml');
    const text = 'jobs: 5\n';
    fs.writeFileSync(file, text);
    const read = readJobsFile(file);
    expect(read.text).toBe(text);
    expect(read.version).toBe(createHash('sha256').update(text).digest('hex'));
    expect(read.ok === false && read.issues[0]?.file).toBe('my-jobs.yaml');
    fs.rmSync(dir, { recursive: true });
  });

  it('says not-found for a missing file', () => {
    const missing = path.join(os.tmpdir(), 'cronbar-no-such-dir', 'jobs.yaml');
    expect(() => readJobsFile(missing)).toThrow(CronbarError);
    try {
      readJobsFile(missing);
    } catch (error) {
      expect((error as CronbarError).code).toBe('not-found');
    }
  });
});

describe('parseJobsText: checks, expect and warnAfter placed like job problems', () => {
  it('places check problems at file:line:col, with a did-you-mean for a misspelt key', () => {
    const text = [
      'jobs:',
      '  - id: a',
      '    every: 1h',
      '    command: ls',
      '    warnAfter: soon',
      'checks:',
      '  - id: nas',
      '    evry: 1h',
      '  - id: b',
      '    every: 1h',
      '    grace: 5',
    ].join('\n');
    expect(problems(text)).toEqual([
      'jobs.yaml:5:16 jobs[0].warnAfter: "soon" is not a duration (use 500ms, 30s, 15m, 2h, 1d, or sums like 1h30m)',
      'jobs.yaml:8:5 checks[0]: unknown key "evry" — did you mean "every"?',
      'jobs.yaml:11:12 checks[1].grace: 5 is not a duration: grace needs a unit, such as 30s, 15m, 2h or 1d',
    ]);
  });

  it('accepts a file with checks and hands them over resolved', () => {
    const result = parseJobsText('checks:\n  - { id: nas, every: 1d, grace: 2h }\n');
    expect(result.ok && result.config.checks?.map((check) => [check.id, check.graceMs])).toEqual([['nas', 7_200_000]]);
  });
});
