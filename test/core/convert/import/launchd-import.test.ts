/** launchd agents: calendar intervals (dict or array), intervals, the program and its environment. */
import { describe, expect, it } from 'vitest';
import { build, buildBinary } from 'plist';
import { convertImport, prepareImport } from '../../../../electron/core/convert/import/import-jobs';

async function importPlist(value: Record<string, unknown>, binary = false) {
  const text = build(value as never);
  const bytes = binary ? new Uint8Array(buildBinary(value as never)) : undefined;
  const result = await convertImport('launchd', [{ name: '/L/agent.plist', text: binary ? '' : text, bytes }], {
    currentUser: 'ana',
    localZone: 'UTC',
  });
  return { text, result, jobs: prepareImport(result, { takenIds: [] }).map((entry) => entry.job) };
}

describe('launchd plists', () => {
  it('turns a calendar dict into cron (missing keys are wildcards) and keeps the program, directory and environment', async () => {
    const { jobs, result } = await importPlist({
      Label: 'com.example.backup',
      ProgramArguments: ['/usr/local/bin/backup', '--quiet'],
      WorkingDirectory: '/Users/ana',
      EnvironmentVariables: { RESTIC_REPOSITORY: '/Volumes/nas' },
      StartCalendarInterval: { Hour: 3, Weekday: 0 },
    });
    expect(jobs).toEqual([
      {
        id: 'com.example.backup',
        name: 'com.example.backup',
        command: ['/usr/local/bin/backup', '--quiet'],
        cwd: '/Users/ana',
        env: { RESTIC_REPOSITORY: '/Volumes/nas' },
        timeout: '0s',
        cron: '* 3 * * 0',
      },
    ]);
    expect(result.losses).toEqual([]);
  });

  it('merges an array of intervals that differ in one key into one pattern; others become jobs of their own', async () => {
    const hours = [0, 4, 8, 12, 16, 20].map((Hour) => ({ Hour, Minute: 0 }));
    expect(
      (await importPlist({ Label: 'every4h', ProgramArguments: ['/bin/true'], StartCalendarInterval: hours })).jobs.map(
        (job) => job.cron,
      ),
    ).toEqual(['0 0,4,8,12,16,20 * * *']);
    const { jobs, result } = await importPlist({
      Label: 'two',
      ProgramArguments: ['/bin/true'],
      StartCalendarInterval: [
        { Hour: 9, Minute: 0, Weekday: 1 },
        { Hour: 17, Minute: 30, Weekday: 5 },
      ],
    });
    expect(jobs.map((job) => [job.id, job.cron])).toEqual([
      ['two', '0 9 * * 1'],
      ['two-2', '30 17 * * 5'],
    ]);
    expect(result.losses[0]!.reason).toMatch(/2 entries that no one cron pattern covers: imported as 2 jobs/);
  });

  it('turns StartInterval into every: and reports what has no Cronbar meaning, with its line', async () => {
    const { jobs, result, text } = await importPlist({
      Label: 'poll',
      Program: '/usr/local/bin/poll',
      StartInterval: 300,
      RunAtLoad: true,
      StandardOutPath: '/tmp/poll.log',
    });
    expect(jobs).toEqual([
      {
        id: 'poll',
        name: 'poll',
        command: ['/usr/local/bin/poll'],
        timeout: '0s',
        every: '5m',
        catchUp: 'skip',
        on: ['start'],
      },
    ]);
    const line = (key: string) => text.split('\n').findIndex((row) => row.includes(`<key>${key}</key>`)) + 1;
    expect(result.losses).toEqual([
      {
        file: '/L/agent.plist',
        line: line('StandardOutPath'),
        reason:
          'StandardOutPath=/tmp/poll.log: Cronbar keeps the output in the run history instead of writing that file',
      },
      {
        file: '/L/agent.plist',
        line: line('RunAtLoad'),
        reason:
          'RunAtLoad imported as on: start: Cronbar runs it when its scheduler starts, launchd when the agent loads (at login)',
      },
    ]);
  });

  it('reads binary plists and refuses files that are none', async () => {
    expect(
      (await importPlist({ Label: 'bin', ProgramArguments: ['/bin/true'], StartCalendarInterval: { Minute: 5 } }, true))
        .jobs[0]!.cron,
    ).toBe('5 * * * *');
    const result = await convertImport('launchd', [{ name: 'x.plist', text: 'not xml' }], {
      currentUser: 'ana',
      localZone: 'UTC',
    });
    expect(result.jobs).toEqual([]);
    expect(result.losses[0]).toMatchObject({
      file: 'x.plist',
      line: 0,
      reason: expect.stringMatching(/^not a property list/),
    });
  });
});
