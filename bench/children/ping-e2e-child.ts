/**
 * `cronbar ping` end to end: a scheduling service runs in this process (as the daemon would); each round spawns the
 * built CLI (`bin/cronbar.cjs ping <check> --fail`), then `--exit 0` to bring it back, and times from the spawn to
 * the CLI's exit and to the scheduler's check:changed event (the cross-process nudge). Baseline in the same run:
 * `cronbar --version` (the CLI's own start-up with nothing to do) and a bare `node -e 0`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCronbar } from '../../electron/core/service/open-cronbar';
import { childOptions, reportPhase, runChild } from '../harness/child-protocol';

export interface PingE2eOptions {
  rounds: number;
  jobs: number;
}

export interface PingE2eResult {
  rounds: number;
  jobs: number;
  /** Medians and p90s in ms. */
  pingExitMs: { p50: number; p90: number };
  schedulerSawMs: { p50: number; p90: number };
  versionExitMs: { p50: number; p90: number };
  nodeExitMs: { p50: number; p90: number };
}

const BIN = path.resolve('bin/cronbar.cjs');

function run(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(code) : reject(new Error(`${args.join(' ')} exited ${code}`))));
  });
}

const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: sorted[Math.floor(sorted.length / 2)]!,
    p90: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.9))]!,
  };
};

runChild(async (): Promise<PingE2eResult> => {
  const options = childOptions<PingE2eOptions>();
  if (!fs.existsSync(path.resolve('out/cli/cronbar.cjs')))
    throw new Error('the CLI is not built: run npm run build:cli first');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-bench-ping-'));
  const jobs = Array.from(
    { length: options.jobs },
    (_, index) => `  - { id: job-${index}, cron: "0 0 1 1 *", command: "true" }`,
  );
  fs.writeFileSync(path.join(dataDir, 'jobs.yaml'), `jobs:\n${jobs.join('\n')}\nchecks:\n  - { id: nas, every: 1h }\n`);
  const service = await openCronbar({ dataDir, schedule: true, lockKind: 'bench' });
  const env = { ...process.env, CRONBAR_HOME: dataDir };
  const pingExit: number[] = [];
  const schedulerSaw: number[] = [];
  const versionExit: number[] = [];
  const nodeExit: number[] = [];
  try {
    reportPhase('pinging');
    for (let round = 0; round < options.rounds; round++) {
      for (const [flag, state] of [
        ['--fail', 'down'],
        ['--exit=0', 'up'],
      ] as const) {
        const seen = new Promise<number>((resolve) => {
          const off = service.on('check:changed', ({ check }) => {
            if (check.state !== state) return;
            off();
            resolve(performance.now());
          });
        });
        const start = performance.now();
        await run([BIN, 'ping', 'nas', flag], env);
        pingExit.push(performance.now() - start);
        schedulerSaw.push((await seen) - start);
      }
      let start = performance.now();
      await run([BIN, '--version'], env);
      versionExit.push(performance.now() - start);
      start = performance.now();
      await run(['-e', '0'], env);
      nodeExit.push(performance.now() - start);
    }
  } finally {
    await service.shutdown({ graceMs: 0 });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return {
    rounds: options.rounds,
    jobs: options.jobs,
    pingExitMs: stats(pingExit),
    schedulerSawMs: stats(schedulerSaw),
    versionExitMs: stats(versionExit),
    nodeExitMs: stats(nodeExit),
  };
});
