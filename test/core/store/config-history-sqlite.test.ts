import { describe, expect, it } from 'vitest';
import { openConfigHistoryStore, type NewRevision } from '../../../electron/core/store/config-history-sqlite';
import type { WhatMoves } from '../../../shared/config-history';

const DAY = 86_400_000;
const moves: WhatMoves = {
  from: 0,
  until: 0,
  invalid: null,
  summary: { added: [], removed: [], changed: [], sections: [] },
  jobs: [],
};
const revision = (at: number, n: number, summary = moves.summary): NewRevision => ({
  at,
  origin: 'cli',
  beforeVersion: `v${n - 1}`,
  afterVersion: `v${n}`,
  beforeText: `text ${n - 1}`,
  afterText: `text ${n}`,
  valid: true,
  moves: { ...moves, summary },
});

describe('the jobs file history store', () => {
  it('prunes beyond the newest keepRevisions and older than keepDays, never the newest', () => {
    const store = openConfigHistoryStore(':memory:');
    const now = 1000 * DAY;
    for (let n = 1; n <= 6; n++) store.record(revision(now - (7 - n) * DAY, n));
    expect(store.prune({ keepRevisions: 4, keepDays: 100, now })).toBe(2);
    expect(store.log({ limit: 10 }).map((entry) => entry.rev)).toEqual([6, 5, 4, 3]);
    expect(store.prune({ keepRevisions: 10, keepDays: 2, now })).toBe(2);
    expect(store.log({ limit: 10 }).map((entry) => entry.rev)).toEqual([6, 5]);
    // Older than any bound, the newest stays: it is the text the next outside edit is compared with.
    expect(store.prune({ keepRevisions: 1, keepDays: 1, now: now + 50 * DAY })).toBe(1);
    expect(store.log({ limit: 10 }).map((entry) => entry.rev)).toEqual([6]);
    expect(store.lastSeenText()).toBe('text 6');
    store.close();
  });

  it('records a text once and filters the log by job', () => {
    const store = openConfigHistoryStore(':memory:');
    expect(store.record(revision(1, 1, { added: ['a'], removed: [], changed: [], sections: [] }))).toBe(1);
    expect(store.record(revision(2, 1))).toBeNull();
    store.record(revision(3, 2, { added: [], removed: [], changed: [{ id: 'b', fields: ['cron'] }], sections: [] }));
    store.record(revision(4, 3, { added: [], removed: ['a'], changed: [], sections: [] }));
    expect(store.log({ jobId: 'a', limit: 10 }).map((entry) => entry.rev)).toEqual([3, 1]);
    expect(store.log({ jobId: 'b', limit: 10 }).map((entry) => entry.rev)).toEqual([2]);
    store.close();
  });
});
