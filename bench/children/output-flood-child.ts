/**
 * Output flood: a job prints N bytes (`head -c N /dev/zero`). Three ways to swallow them, each timed from spawn to
 * exit, all in this one child: `cat` to /dev/null in a shell pipeline (no Node at all), the least a Node parent
 * can do (spawn, drop every chunk), and Cronbar's runner (which keeps a 256 KiB tail and counts bytes). Peak RSS is
 * the kernel's high-water mark (VmHWM) for this process, read after each way; the Cronbar way runs first so the
 * others cannot have raised it.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseJobsText } from '../../electron/core/config/load-jobs-file';
import { createActionRunner } from '../../electron/core/runner/action-runner';
import { childOptions, reportPhase, runChild } from '../harness/child-protocol';
import { peakRssBytes } from '../harness/probes';

export interface OutputFloodOptions {
  bytes: number;
}

export interface FloodWay {
  wallMs: number;
  bytesSeen: number | null;
  /** VmHWM after this way ran (null for the shell pipeline, which runs outside this process). */
  peakRssBytes: number | null;
}

export interface OutputFloodResult {
  bytes: number;
  rssBeforeBytes: number;
  cronbar: FloodWay;
  nodeFloor: FloodWay;
  cat: FloodWay;
}

function runShell(script: string): Promise<number> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn('/bin/sh', ['-c', script], { stdio: 'ignore' });
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0 ? done(performance.now() - started) : fail(new Error(`${script} exited with ${code}`)),
    );
  });
}

function nodeFloor(bytes: number): Promise<FloodWay> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn('head', ['-c', String(bytes), '/dev/zero'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let seen = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.length;
    });
    child.on('error', fail);
    child.on('close', () =>
      done({ wallMs: performance.now() - started, bytesSeen: seen, peakRssBytes: peakRssBytes() }),
    );
  });
}

runChild(async (): Promise<OutputFloodResult> => {
  const { bytes } = childOptions<OutputFloodOptions>();
  const dir = resolve('bench/tmp', `flood-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  try {
    const rssBeforeBytes = process.memoryUsage().rss;
    const parsed = parseJobsText(
      `jobs:\n  - { id: flood, cron: "0 0 1 1 *", command: ["head", "-c", "${bytes}", "/dev/zero"], timeout: 1h }\n`,
    );
    if (!parsed.ok)
      throw new Error(`the flood job does not parse: ${parsed.issues.map((issue) => issue.message).join('; ')}`);
    const job = parsed.config.jobs[0]!;
    const runner = createActionRunner({ dataDir: dir });

    reportPhase('cronbar');
    const started = performance.now();
    const result = await runner.start(job, { runId: 1, jobId: job.id, scheduledFor: null, attempt: 1 }).done;
    const cronbar: FloodWay = {
      wallMs: performance.now() - started,
      bytesSeen: result.outputBytes,
      peakRssBytes: peakRssBytes(),
    };
    if (result.status !== 'succeeded') throw new Error(`the flood job ended ${result.status}: ${result.reason ?? ''}`);

    reportPhase('node-floor');
    const floor = await nodeFloor(bytes);
    reportPhase('cat');
    const catMs = await runShell(`head -c ${bytes} /dev/zero | cat > /dev/null`);
    return {
      bytes,
      rssBeforeBytes,
      cronbar,
      nodeFloor: floor,
      cat: { wallMs: catMs, bytesSeen: null, peakRssBytes: null },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
