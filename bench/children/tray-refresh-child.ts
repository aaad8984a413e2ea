/**
 * One tray refresh at N jobs: the real service (openCronbar, scheduling, a no-op runner) on N far-future jobs with
 * R finished runs each, then what the app does on every refresh (electron/app/tray-read.ts, then the template, the
 * tooltip and the comparison with the menu shown), timed against the same service's bare `listJobs`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readTrayState } from '../../electron/app/tray-read';
import { openCronbar } from '../../electron/core/service/open-cronbar';
import { openStore } from '../../electron/core/store/open-store';
import type { ActionRunner, NewRun } from '../../electron/core/ports';
import { buildTrayTemplate, trayTooltip } from '../../electron/policy/tray-template';
import { trayIconState } from '../../electron/policy/tray-state';
import type { Spread } from '../harness/stats';
import { spread } from '../harness/stats';
import { childOptions, reportPhase, runChild } from '../harness/child-protocol';

export interface TrayRefreshOptions {
  jobs: number;
  runsPerJob: number;
  rounds: number;
}

export interface TrayRefreshResult {
  jobs: number;
  runs: number;
  /** ms per tray refresh (read + template + tooltip + icon + comparison). */
  refreshMs: Spread;
  /** ms per bare service.listJobs({}). */
  listJobsMs: Spread;
  menuItems: number;
}

const noopRunner: ActionRunner = {
  start: () => ({
    pid: null,
    done: Promise.resolve({
      status: 'succeeded',
      exitCode: 0,
      signal: null,
      reason: null,
      outputTail: Buffer.alloc(0),
      outputBytes: 0,
    }),
    cancel: () => {},
    onOutput: () => () => {},
  }),
};

runChild(async (): Promise<TrayRefreshResult> => {
  const options = childOptions<TrayRefreshOptions>();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-bench-tray-'));
  try {
    const lines = ['jobs:'];
    for (let index = 0; index < options.jobs; index++)
      lines.push(
        `  - { id: job-${index}, cron: "${index % 60} ${index % 24} 1 1 *", command: "true", tags: [t${index % 7}] }`,
      );
    fs.writeFileSync(path.join(dataDir, 'jobs.yaml'), `${lines.join('\n')}\n`);
    reportPhase('seeding');
    const store = openStore(path.join(dataDir, 'cronbar.db'));
    const start = Date.now() - options.runsPerJob * 3_600_000;
    for (let round = 0; round < options.runsPerJob; round++) {
      const runs: NewRun[] = [];
      for (let index = 0; index < options.jobs; index++) {
        const at = start + round * 3_600_000 + index;
        // Every 7th job's newest run failed: the tray has a Failing section to build.
        const failed = round === options.runsPerJob - 1 && index % 7 === 0;
        runs.push({
          jobId: `job-${index}`,
          trigger: 'schedule',
          status: failed ? 'failed' : 'succeeded',
          scheduledFor: at,
          createdAt: at,
          startedAt: at,
          finishedAt: at + 500,
        });
      }
      store.insertRuns(runs);
    }
    store.close();

    reportPhase('opening');
    const service = await openCronbar({ dataDir, schedule: true, runner: noopRunner, lockKind: 'bench' });
    let shownJson = '';
    let menuItems = 0;
    const refresh = async () => {
      const state = await readTrayState(service, {
        platform: 'linux',
        launchAtLogin: false,
        quitting: null,
        now: Date.now(),
      });
      const template = buildTrayTemplate(state);
      trayTooltip(state);
      trayIconState(state);
      const json = JSON.stringify(template);
      if (json !== shownJson) shownJson = json;
      menuItems = template.length;
    };
    const listJobs = async () => {
      await service.listJobs({});
    };
    reportPhase('measuring');
    for (let warm = 0; warm < 5; warm++) {
      await refresh();
      await listJobs();
    }
    const refreshMs: number[] = [];
    const listJobsMs: number[] = [];
    // Interleaved, so a busy moment on the machine falls on both.
    for (let round = 0; round < options.rounds; round++) {
      let from = performance.now();
      await refresh();
      refreshMs.push(performance.now() - from);
      from = performance.now();
      await listJobs();
      listJobsMs.push(performance.now() - from);
    }
    await service.shutdown({ graceMs: 0 });
    return {
      jobs: options.jobs,
      runs: options.jobs * options.runsPerJob,
      refreshMs: spread(refreshMs),
      listJobsMs: spread(listJobsMs),
      menuItems,
    };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
