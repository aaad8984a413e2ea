/**
 * Idle cost of the monitor: the real service (openCronbar, scheduling, a no-op runner) on N far-future jobs, with or
 * without N checks that each pinged once (so each holds a deadline in the monitor's heap). The process is then left
 * alone for a window while we count main-thread wake-ups (kernel count) and CPU, as the idle section does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCronbar } from '../../electron/core/service/open-cronbar';
import { openMonitorStore } from '../../electron/core/store/monitor-sqlite';
import { openStore } from '../../electron/core/store/open-store';
import type { ActionRunner } from '../../electron/core/ports';
import { childOptions, reportPhase, runChild } from '../harness/child-protocol';
import { cpuMsSince, mainThreadWakeups, sleep } from '../harness/probes';

export interface MonitorIdleOptions {
  jobs: number;
  checks: number;
  idleSeconds: number;
  /** Quiet time after opening, before the window: V8's memory reducer shrinks the heap the load left, 15-45 s later. */
  settleSeconds: number;
}

export interface MonitorIdleResult {
  jobs: number;
  checks: number;
  openMs: number;
  idleSeconds: number;
  cpuMsPerSecond: number;
  wakeups: number | null;
  /** Deadlines the monitor holds (checks + heartbeat). */
  deadlines: number;
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

function jobsFile(jobs: number, checks: number): string {
  const lines = ['jobs:'];
  for (let index = 0; index < jobs; index++)
    lines.push(`  - { id: job-${index}, cron: "${index % 60} ${index % 24} 1 1 *", command: "true" }`);
  if (checks > 0) lines.push('checks:');
  for (let index = 0; index < checks; index++)
    lines.push(`  - { id: check-${index}, every: ${60 + (index % 60)}m, grace: 1h }`);
  return `${lines.join('\n')}\n`;
}

runChild(async (): Promise<MonitorIdleResult> => {
  const options = childOptions<MonitorIdleOptions>();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-bench-monitor-'));
  try {
    fs.writeFileSync(path.join(dataDir, 'jobs.yaml'), jobsFile(options.jobs, options.checks));
    const dbPath = path.join(dataDir, 'cronbar.db');
    if (options.checks > 0) {
      // Every check pinged just now: each is up with a deadline an hour or so away.
      openStore(dbPath).close();
      const seed = openMonitorStore(dbPath);
      for (let index = 0; index < options.checks; index++)
        seed.insertPing({ checkId: `check-${index}`, kind: 'success', at: Date.now(), source: 'cli' });
      seed.close();
    }
    reportPhase('opening');
    const started = performance.now();
    const service = await openCronbar({ dataDir, schedule: true, runner: noopRunner, lockKind: 'bench' });
    const openMs = performance.now() - started;
    const checks = await service.listChecks({});
    if (checks.filter((check) => check.state === 'up').length !== options.checks)
      throw new Error('not every check is up: the window would not be idle');
    reportPhase('settling');
    await sleep(options.settleSeconds * 1000);
    cpuMsSince(process.cpuUsage());
    mainThreadWakeups();
    const cpu = process.cpuUsage();
    const before = mainThreadWakeups();
    const from = performance.now();
    await sleep(options.idleSeconds * 1000);
    const ms = performance.now() - from;
    const cpuMs = cpuMsSince(cpu);
    const after = mainThreadWakeups();
    reportPhase('measured');
    await service.shutdown({ graceMs: 0 });
    return {
      jobs: options.jobs,
      checks: options.checks,
      openMs,
      idleSeconds: ms / 1000,
      cpuMsPerSecond: cpuMs / (ms / 1000),
      // Our own end-of-window timer woke the process once.
      wakeups: before === null || after === null ? null : after - before - 1,
      deadlines: options.checks + 1,
    };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
