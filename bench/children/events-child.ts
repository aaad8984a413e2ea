/**
 * Event triggers, two measurements in one child:
 * - `path`: the real service (openCronbar, scheduling, the OS probes, a no-op runner) with one `on: path` job; files
 *   land one at a time in its folder, and we time each from the write to the moment the engine started the run,
 *   beside a bare `fs.watch` on the same folder in the same process (the latency the OS itself gives).
 * - `idle`: the engine on a fake clock with 1 000 far-future jobs, 100 of which listen to events (push probes), left
 *   alone for a simulated 10 minutes; we count the timer callbacks it runs, beside the same 1 000 jobs with no events.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseJobsText } from '../../electron/core/config/load-jobs-file';
import { Engine } from '../../electron/core/engine/engine';
import type { ActionRunner } from '../../electron/core/ports';
import { openCronbar } from '../../electron/core/service/open-cronbar';
import { FakeClock } from '../../test/helpers/fake-clock';
import { MemoryStore } from '../../test/helpers/memory-store';
import { FakeProbes } from '../../test/core/engine/fake-probes';
import { childOptions, reportPhase, runChild } from '../harness/child-protocol';
import { sleep } from '../harness/probes';

export interface EventsOptions {
  files: number;
  jobs: number;
  listening: number;
  simulatedMinutes: number;
}

export interface EventsResult {
  /** ms from the write to the run's start, per file. */
  pathJobMs: number[];
  /** ms from the write to a bare fs.watch callback on the same folder, per file. */
  bareWatchMs: number[];
  /** Timer callbacks over the simulated window: jobs with events, and the same jobs without. */
  idleCallbacks: { withEvents: number; withoutEvents: number; simulatedSeconds: number; listening: number };
}

const now = () => performance.timeOrigin + performance.now();

function noopRunner(onStart: () => void): ActionRunner {
  return {
    start: () => {
      onStart();
      return {
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
      };
    },
  };
}

async function waitFor(what: string, done: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(5);
  }
}

async function pathLatency(files: number): Promise<Pick<EventsResult, 'pathJobMs' | 'bareWatchMs'>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-bench-events-'));
  const inbox = path.join(dataDir, 'inbox');
  fs.mkdirSync(inbox);
  fs.writeFileSync(
    path.join(dataDir, 'jobs.yaml'),
    `jobs:\n  - id: file-inbox\n    on:\n      - path: ${inbox}/*.txt\n    command: "true"\n`,
  );
  const runStarts: number[] = [];
  const watchSeen = new Map<string, number>();
  const bare = fs.watch(inbox, (_type, name) => {
    if (name !== null && !watchSeen.has(name.toString())) watchSeen.set(name.toString(), now());
  });
  const service = await openCronbar({
    dataDir,
    schedule: true,
    runner: noopRunner(() => runStarts.push(now())),
    lockKind: 'bench',
  });
  try {
    const pathJobMs: number[] = [];
    const bareWatchMs: number[] = [];
    for (let index = 0; index < files; index++) {
      const name = `file-${index}.txt`;
      const runsBefore = runStarts.length;
      const wrote = now();
      fs.writeFileSync(path.join(inbox, name), 'x');
      await waitFor(`the run for ${name}`, () => runStarts.length > runsBefore && watchSeen.has(name));
      pathJobMs.push(runStarts[runsBefore]! - wrote);
      bareWatchMs.push(watchSeen.get(name)! - wrote);
      // Past the debounce, so each file is its own event rather than part of the previous burst.
      await sleep(300);
    }
    return { pathJobMs, bareWatchMs };
  } finally {
    bare.close();
    await service.shutdown({ graceMs: 0 });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A fake clock that counts the timer callbacks it runs. */
class CountingClock extends FakeClock {
  callbacks = 0;
  override setTimeout(fn: () => void, ms: number) {
    return super.setTimeout(() => {
      this.callbacks++;
      fn();
    }, ms);
  }
}

const LISTENING_EVENTS = ['start', 'resume', 'network', '{ power: ac }', '{ path: /tmp/cronbar-bench-none/*.txt }'];

async function idleCallbacks(jobs: number, listening: number, minutes: number, withEvents: boolean): Promise<number> {
  const lines = ['jobs:'];
  for (let index = 0; index < jobs; index++) {
    const events =
      withEvents && index < listening ? `, on: [${LISTENING_EVENTS[index % LISTENING_EVENTS.length]}]` : '';
    lines.push(`  - { id: job-${index}, cron: "${index % 60} ${index % 24} 1 1 *", command: "true"${events} }`);
  }
  const parsed = parseJobsText(`${lines.join('\n')}\n`);
  if (!parsed.ok) throw new Error(`the generated jobs file is invalid: ${parsed.issues[0]?.message}`);
  const clock = new CountingClock('2026-03-02T10:00:00Z');
  const probes = new FakeProbes();
  const engine = new Engine({
    store: new MemoryStore(),
    runner: noopRunner(() => {}),
    clock,
    concurrency: jobs,
    log: () => {},
    probes,
  });
  engine.setJobs(parsed.config.jobs);
  engine.start();
  // Let start-up settle (the `on: start` runs), then count over the window alone.
  await clock.advanceAsync(5_000);
  const before = clock.callbacks;
  for (let second = 0; second < minutes * 60; second++) await clock.advanceAsync(1_000);
  const counted = clock.callbacks - before;
  await engine.stop({ graceMs: 0 });
  return counted;
}

runChild(async (): Promise<EventsResult> => {
  const options = childOptions<EventsOptions>();
  reportPhase('path latency');
  const latency = await pathLatency(options.files);
  reportPhase('idle with events');
  const withEvents = await idleCallbacks(options.jobs, options.listening, options.simulatedMinutes, true);
  reportPhase('idle without events');
  const withoutEvents = await idleCallbacks(options.jobs, options.listening, options.simulatedMinutes, false);
  return {
    ...latency,
    idleCallbacks: {
      withEvents,
      withoutEvents,
      simulatedSeconds: options.simulatedMinutes * 60,
      listening: options.listening,
    },
  };
});
