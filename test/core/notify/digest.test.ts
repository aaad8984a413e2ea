/**
 * The daily digest: composed from the day's facts (jobs needing attention first), sent by the scheduler at the local
 * time the jobs file names, once a day, on a fake clock, to a real HTTP receiver.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type DigestFacts, composeDigest, nextDigestAt } from '../../../electron/core/notify/digest';
import { type HttpReceiver, startHttp } from '../../helpers/notify-receivers';
import { type NotifierHarness, parsedConfig, startNotifier } from '../../helpers/notifier-harness';
import { makeRun } from '../../helpers/model-builders';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-03-02T08:00:00Z');

let harness: NotifierHarness | null = null;
let web: HttpReceiver | null = null;
afterEach(async () => {
  await harness?.close();
  await web?.close();
  harness = null;
  web = null;
});

function facts(): DigestFacts {
  let id = 1;
  const run = (jobId: string, status: 'succeeded' | 'failed' | 'missed', hoursAgo: number, tookMs = 1000) =>
    makeRun({
      id: id++,
      jobId,
      status,
      createdAt: NOW - hoursAgo * HOUR,
      startedAt: NOW - hoursAgo * HOUR,
      finishedAt: NOW - hoursAgo * HOUR + tookMs,
    });
  return {
    now: NOW,
    jobs: [
      { id: 'tidy', name: 'Tidy downloads', failureStreak: 0, overdue: null, warnAfterMs: null },
      { id: 'report', name: 'Weekly report', failureStreak: 0, overdue: 'no success for 27 h', warnAfterMs: null },
      { id: 'backup', name: 'Nightly backup', failureStreak: 2, overdue: null, warnAfterMs: null },
      { id: 'index', name: 'Search index', failureStreak: 0, overdue: null, warnAfterMs: 60_000 },
      { id: 'sync', name: 'Photo sync', failureStreak: 0, overdue: null, warnAfterMs: null },
    ],
    runs: [
      run('tidy', 'succeeded', 1),
      run('tidy', 'succeeded', 2),
      run('backup', 'failed', 6),
      run('backup', 'failed', 5),
      run('index', 'succeeded', 3, 5 * 60_000),
      run('sync', 'missed', 4),
      run('sync', 'failed', 12),
      run('sync', 'succeeded', 11),
      // Older than a day: not counted.
      run('tidy', 'failed', 30),
    ],
    historyBytes: 3 * 1024 * 1024 + 200 * 1024,
  };
}

describe('daily digest', () => {
  it('counts the last 24 hours and lists the jobs that need attention, failing first', () => {
    const message = composeDigest(facts());
    expect(message).toMatchObject({ event: 'digest', title: 'Cronbar daily digest: 4 jobs need attention' });
    expect(message.text).toBe('Last 24 h: 4 ok, 3 failed, 1 missed, 1 overdue, 1 slow; the history takes 3.2 MiB');
    expect(message.subjects).toEqual([
      'Nightly backup: failing (2 in a row), 2 of 2 runs failed',
      'Weekly report: overdue: no success for 27 h',
      'Photo sync: 1 of 3 runs failed, 1 missed',
      'Search index: 1 slow',
    ]);
  });

  it('all well is said in the title', () => {
    const quiet = { ...facts(), jobs: facts().jobs.slice(0, 1), runs: facts().runs.slice(0, 2) };
    expect(composeDigest(quiet).title).toBe('Cronbar daily digest: all 1 job well');
  });

  it('the next time of day is read in the jobs file’s zone', () => {
    const digest = { hour: 8, minute: 0, timezone: 'Europe/Berlin', channels: [] };
    expect(new Date(nextDigestAt(digest, Date.parse('2026-03-02T06:00:00Z'))).toISOString()).toBe(
      '2026-03-02T07:00:00.000Z',
    );
    expect(new Date(nextDigestAt(digest, Date.parse('2026-03-02T07:00:00Z'))).toISOString()).toBe(
      '2026-03-03T07:00:00.000Z',
    );
  });

  it('the scheduler sends it at that time to the named channels, once a day, and not before', async () => {
    web = await startHttp();
    let asked = 0;
    harness = startNotifier(
      `notifications:
  hook: { webhook: { url: "${web.url}/digest" } }
  other: { webhook: { url: "${web.url}/other" } }
digest: { at: "08:00", channels: [hook] }
jobs: []
`,
      {
        start: '2026-03-02T06:30:00Z',
        timezone: 'UTC',
        digestFacts: async () => {
          asked++;
          return { ...facts(), now: harness!.clock.now() };
        },
      },
    );
    await harness.advance(HOUR);
    expect(web.requests).toHaveLength(0);
    await harness.advance(HOUR);
    expect(asked).toBe(1);
    expect(web.requests.map((request) => request.path)).toEqual(['/digest']);
    const body = JSON.parse(web.requests[0]!.body) as { event: string; at: string; subjects: string[] };
    expect(body).toMatchObject({ event: 'digest', at: '2026-03-02T08:00:00.000Z' });
    expect(body.subjects[0]).toBe('Nightly backup: failing (2 in a row), 2 of 2 runs failed');
    await harness.advance(23 * HOUR);
    expect(web.requests).toHaveLength(1);
    await harness.advance(HOUR);
    expect(web.requests).toHaveLength(2);
    expect((JSON.parse(web.requests[1]!.body) as { at: string }).at).toBe('2026-03-03T08:00:00.000Z');
  });

  it('the jobs file places a digest time that is not one and a channel that does not exist', () => {
    expect(() =>
      parsedConfig('notifications:\n  a: { command: { run: "true" } }\ndigest: { at: "8am", channels: [b] }\n'),
    ).toThrow(/is not a time of day such as \\"08:00\\"[\s\S]*no channel \\"b\\" in notifications:/);
  });
});
