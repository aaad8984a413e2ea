import { describe, expect, it } from 'vitest';
import { parseJobsText } from '../../../electron/core/config/load-jobs-file';
import { formatConfigIssue } from '../../../shared/model';

function problems(text: string): string[] {
  const result = parseJobsText(text, { fileName: 'jobs.yaml', timezone: 'UTC' });
  if (result.ok) throw new Error('expected the text to be rejected');
  return result.issues.map(formatConfigIssue);
}

function jobs(text: string) {
  const result = parseJobsText(text, { fileName: 'jobs.yaml', timezone: 'UTC' });
  if (!result.ok) throw new Error(result.issues.map(formatConfigIssue).join('\n'));
  return result.config.jobs;
}

describe('after: in the jobs file', () => {
  it('resolves one entry or a list, with on: success and no delay by default; a child needs no schedule', () => {
    const [, deploy, report] = jobs(`
jobs:
  - id: build
    cron: "0 2 * * *"
    command: make
  - id: deploy
    after: { job: build }
    command: ./deploy
  - id: report
    after:
      - { job: build, on: always, delay: 5m }
      - { job: deploy, on: failure }
    command: ./report
`);
    expect(deploy).toMatchObject({ schedule: { kind: 'none' }, after: [{ job: 'build', on: 'success', delayMs: 0 }] });
    expect(report!.after).toEqual([
      { job: 'build', on: 'always', delayMs: 300_000 },
      { job: 'deploy', on: 'failure', delayMs: 0 },
    ]);
  });

  it('a job with neither a schedule nor after: is still refused', () => {
    expect(problems('jobs:\n  - id: lone\n    command: x\n')).toEqual([
      'jobs.yaml:2:5 jobs[0]: needs one schedule: cron, every or at',
    ]);
  });

  it('an unknown parent is placed at its after: entry', () => {
    expect(
      problems(`jobs:
  - id: build
    every: 1h
    command: make
  - id: deploy
    after:
      - job: build
      - job: bild
    command: ./deploy
`),
    ).toEqual(['jobs.yaml:8:9 jobs[1].after[1]: no job "bild" in this file to run after']);
  });

  it('a job after itself is a cycle, placed at the entry', () => {
    expect(problems('jobs:\n  - id: loop\n    after: { job: loop }\n    command: x\n')).toEqual([
      'jobs.yaml:3:12 jobs[0].after: cycle in after: loop → loop (a job cannot run after itself)',
    ]);
  });

  it('a longer cycle is reported once, with its path', () => {
    expect(
      problems(`jobs:
  - id: a
    after: { job: b }
    command: x
  - id: b
    after: { job: c }
    command: x
  - id: c
    after: { job: a, on: failure }
    command: x
`),
    ).toEqual([
      'jobs.yaml:3:12 jobs[0].after: cycle in after: a → b → c → a (each runs after the next, so none would ever start)',
    ]);
  });

  it('a parent listed twice, an unknown outcome and a bad delay are each placed', () => {
    expect(
      problems(`jobs:
  - id: build
    every: 1h
    command: make
  - id: deploy
    after:
      - { job: build }
      - { job: build, on: sometimes, delay: soon }
    command: ./deploy
`),
    ).toEqual([
      'jobs.yaml:8:9 jobs[1].after[1]: "build" is listed twice in after: (use on: always for both endings)',
      'jobs.yaml:8:27 jobs[1].after[1].on: "sometimes" is not one of success, failure, always',
      'jobs.yaml:8:45 jobs[1].after[1].delay: "soon" is not a duration (use 0s, 30s, 15m, 2h, or sums like 1h30m)',
    ]);
  });
});
