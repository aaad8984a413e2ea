/** `on:`, `when:` and `keepAwake` in the jobs file: what they resolve to, and every mistake placed at file:line:col. */
import { describe, expect, it } from 'vitest';
import { parseJobsText } from '../../../electron/core/config/load-jobs-file';
import { formatConfigIssue } from '../../../shared/model';

function problems(text: string): string[] {
  const result = parseJobsText(text);
  if (result.ok) throw new Error('expected the text to be rejected');
  return result.issues.map(formatConfigIssue);
}

function jobsOf(text: string) {
  const result = parseJobsText(text);
  if (!result.ok) throw new Error(result.issues.map(formatConfigIssue).join('\n'));
  return result.config.jobs;
}

describe('on: events', () => {
  it('takes bare names, name: value entries and a delay, instead of a schedule', () => {
    const [job] = jobsOf(`jobs:
  - id: a
    command: ls
    on:
      - start
      - { resume, delay: 2m }
      - network: backup.example.com
      - power: ac
      - idle: 10m
      - path: ~/Inbox/*.pdf
        delay: 5s
`);
    expect(job!.schedule).toEqual({ kind: 'none' });
    expect(job!.triggers).toEqual([
      { event: 'start', delayMs: 0 },
      { event: 'resume', delayMs: 120_000 },
      { event: 'network', host: 'backup.example.com', delayMs: 0 },
      { event: 'power', delayMs: 0 },
      { event: 'idle', idleMs: 600_000, delayMs: 0 },
      { event: 'path', path: '~/Inbox/*.pdf', delayMs: 5_000 },
    ]);
  });

  it('a single event needs no list; a job with neither schedule nor events is refused', () => {
    expect(jobsOf('jobs:\n  - id: a\n    command: ls\n    on: login\n')[0]!.triggers).toEqual([
      { event: 'login', delayMs: 0 },
    ]);
    expect(problems('jobs:\n  - id: a\n    command: ls\n')).toEqual([
      'jobs.yaml:2:5 jobs[0]: needs one schedule: cron, every or at (or events: on, or after: another job)',
    ]);
  });

  it.each([
    [
      'an unknown event',
      'on: reboot',
      'jobs.yaml:4:9 jobs[0].on: "reboot" is not an event (start, login, resume, network, power, idle, path)',
    ],
    ['a name that needs a value', 'on: idle', 'jobs.yaml:4:9 jobs[0].on: idle needs a value, such as idle: 10m'],
    [
      'two events in one entry',
      'on:\n      - { start, resume }',
      'jobs.yaml:5:18 jobs[0].on[0].resume: names start and resume: one event per entry (make it two entries)',
    ],
    [
      'a power event other than ac',
      'on:\n      - power: battery',
      'jobs.yaml:5:16 jobs[0].on[0].power: must be "ac", not "battery"',
    ],
    [
      'a bad delay',
      'on:\n      - { start, delay: soon }',
      'jobs.yaml:5:25 jobs[0].on[0].delay: "soon" is not a duration (use 30s, 15m, 2h, or sums like 1h30m)',
    ],
  ])('places %s', (_what, yaml, expected) => {
    expect(problems(`jobs:\n  - id: a\n    command: ls\n    ${yaml}\n`)).toContain(expected);
  });
});

describe('when: conditions and keepAwake', () => {
  it('resolves conditions with skip by default and wait within 1h unless told', () => {
    const [skip, wait, bounded] = jobsOf(`jobs:
  - { id: a, command: ls, every: 1h, when: { power: ac } }
  - { id: b, command: ls, every: 1h, when: { network: online, unmet: wait } }
  - { id: c, command: ls, every: 1h, when: { idle: 5m, unmet: wait, within: 4h }, keepAwake: true }
`);
    expect(skip!.conditions).toEqual({ power: 'ac', network: false, idleMs: null, unmet: 'skip', withinMs: 3_600_000 });
    expect(wait!.conditions).toMatchObject({ network: true, unmet: 'wait', withinMs: 3_600_000 });
    expect(bounded!.conditions).toMatchObject({ idleMs: 300_000, withinMs: 14_400_000 });
    expect(bounded!.keepAwake).toBe(true);
    expect(skip!.keepAwake).toBeUndefined();
  });

  it.each([
    [
      'no condition',
      'when: { unmet: wait }',
      'jobs.yaml:5:11 jobs[0].when: names no condition (power: ac, network: online or idle: 5m)',
    ],
    [
      'within without wait',
      'when: { power: ac, within: 4h }',
      'jobs.yaml:5:32 jobs[0].when.within: `within` bounds `unmet: wait`; add it or drop within',
    ],
    [
      'an unknown network state',
      'when: { network: wifi }',
      'jobs.yaml:5:22 jobs[0].when.network: must be "online", not "wifi"',
    ],
    [
      'keepAwake not a boolean',
      'keepAwake: yes please',
      'jobs.yaml:5:16 jobs[0].keepAwake: must be true or false, not "yes please"',
    ],
  ])('places %s', (_what, yaml, expected) => {
    expect(problems(`jobs:\n  - id: a\n    command: ls\n    every: 1h\n    ${yaml}\n`)).toContain(expected);
  });
});
