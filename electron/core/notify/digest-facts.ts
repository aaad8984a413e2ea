/** Gathers the digest's facts from the service and the store at `now` (read-only; a day's runs, page by page). */
import fs from 'node:fs';
import type { Store } from '../ports';
import type { CronbarService } from '../service/types';
import type { RunRecord } from '../../../shared/model';
import { DIGEST_WINDOW_MS, type DigestFacts } from './digest';

const PAGE = 1000;

export async function gatherDigestFacts(parts: {
  now: number;
  service: Pick<CronbarService, 'listJobs'>;
  store: Pick<Store, 'history'>;
  dbPath: string;
}): Promise<DigestFacts> {
  const { now, service, store, dbPath } = parts;
  const runs: RunRecord[] = [];
  let before: number | undefined;
  for (;;) {
    const page = store.history({
      since: now - DIGEST_WINDOW_MS,
      limit: PAGE,
      ...(before === undefined ? {} : { before }),
    });
    runs.push(...page.runs);
    if (page.nextBefore === null || page.runs.length === 0) break;
    before = page.nextBefore;
  }
  const size = (file: string) => {
    try {
      return fs.statSync(file).size;
    } catch {
      return 0;
    }
  };
  const jobs = await service.listJobs({});
  return {
    now,
    jobs: jobs.map((job) => ({
      id: job.id,
      name: job.name,
      failureStreak: job.failureStreak,
      overdue: job.overdue ? job.overdue.reason : null,
      warnAfterMs: job.warnAfterMs ?? null,
    })),
    runs,
    historyBytes: dbPath === ':memory:' ? 0 : size(dbPath) + size(`${dbPath}-wal`),
  };
}
