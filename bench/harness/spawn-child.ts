/**
 * Runs one measurement in its own Node process (memory and timers are never shared between subjects) and returns
 * what it reported, or why it did not: killed at its time limit (with the last phase it reached), out of memory,
 * or crashed.
 */
import { spawn } from 'node:child_process';
import { PHASE_PREFIX, RESULT_PREFIX } from './child-protocol';

export type ChildOutcome<T> =
  { ok: true; result: T; wallMs: number } | { ok: false; why: string; phase: string | null; wallMs: number };

export interface ChildRun {
  /** The bundled child script. */
  script: string;
  options: unknown;
  timeoutMs: number;
  /** V8 heap limit; a subject that needs more fails with "out of memory" instead of swapping the machine. */
  maxHeapMb?: number;
  /** A shorter limit for one phase (node-schedule's registration is quadratic: cap it, report it, move on). */
  phaseLimit?: { phase: string; ms: number };
}

export function runChildProcess<T>(run: ChildRun): Promise<ChildOutcome<T>> {
  const args = [
    '--expose-gc',
    `--max-old-space-size=${run.maxHeapMb ?? 4096}`,
    run.script,
    JSON.stringify(run.options),
  ];
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let phase: string | null = null;
    let result: T | { error: string } | undefined;
    let stdoutRest = '';
    let stderrTail = '';
    let timedOut: string | null = null;
    const kill = (why: string) => {
      timedOut = why;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => kill(`did not finish within ${Math.round(run.timeoutMs / 1000)} s`), run.timeoutMs);
    let phaseTimer: ReturnType<typeof setTimeout> | null = null;
    const enterPhase = (name: string) => {
      phase = name;
      if (phaseTimer) clearTimeout(phaseTimer);
      phaseTimer = null;
      const limit = run.phaseLimit;
      if (limit && limit.phase === name)
        phaseTimer = setTimeout(() => kill(`${name} did not finish within ${Math.round(limit.ms / 1000)} s`), limit.ms);
    };

    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (stdoutRest + chunk).split('\n');
      stdoutRest = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith(PHASE_PREFIX)) enterPhase(line.slice(PHASE_PREFIX.length));
        else if (line.startsWith(RESULT_PREFIX))
          result = JSON.parse(line.slice(RESULT_PREFIX.length)) as T | { error: string };
      }
    });
    // Libraries log warnings (node-cron: "missed execution"); keep only the end, for a crash message.
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderrTail = (stderrTail + chunk).slice(-4000);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (phaseTimer) clearTimeout(phaseTimer);
      const wallMs = performance.now() - started;
      if (timedOut) return resolve({ ok: false, why: timedOut, phase, wallMs });
      if (result && typeof result === 'object' && 'error' in result)
        return resolve({ ok: false, why: `failed: ${firstLine(result.error)}`, phase, wallMs });
      if (result !== undefined && code === 0) return resolve({ ok: true, result: result as T, wallMs });
      if (/heap out of memory|Allocation failed/i.test(stderrTail)) {
        return resolve({ ok: false, why: `out of memory (V8 heap limit ${run.maxHeapMb ?? 4096} MB)`, phase, wallMs });
      }
      const lastLine = stderrTail.trim().split('\n').filter(Boolean).pop() ?? '';
      resolve({
        ok: false,
        why: `exited with ${signal ?? `code ${code}`}${lastLine ? `: ${lastLine.slice(0, 200)}` : ''}`,
        phase,
        wallMs,
      });
    });
  });
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').slice(0, 240);
}
