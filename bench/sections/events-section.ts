/**
 * Section: event triggers. How soon an `on: path` job starts after its file lands (p50/p99, beside a bare `fs.watch`
 * on the same folder in the same process), and the timer callbacks of an engine whose jobs listen to events while
 * nothing happens (beside the same jobs without events).
 */
import type { EventsOptions, EventsResult } from '../children/events-child';
import { num, ratio, table } from '../harness/markdown';
import { runChildProcess } from '../harness/spawn-child';
import { spread } from '../harness/stats';
import type { TargetCheck } from '../harness/targets';
import type { BenchContext, SectionReport } from './section';

export async function eventsSection(context: BenchContext): Promise<SectionReport> {
  const options: EventsOptions = {
    files: context.quick ? 10 : 30,
    jobs: 1_000,
    listening: 100,
    simulatedMinutes: 10,
  };
  context.log(
    `events: ${options.files} files into an on: path job's folder, then a simulated ${options.simulatedMinutes} min idle`,
  );
  const outcome = await runChildProcess<EventsResult>({
    script: context.scripts['events-child'],
    options,
    timeoutMs: 240_000,
  });
  if (!outcome.ok)
    return {
      title: 'Event triggers',
      markdown: `The events child did not finish: ${outcome.why}`,
      targets: [],
    };
  const result = outcome.result;
  const job = spread(result.pathJobMs);
  const bare = spread(result.bareWatchMs);
  const idle = result.idleCallbacks;
  const per30 = (count: number) => (count / idle.simulatedSeconds) * 30;
  const targets: TargetCheck[] = [
    {
      metric: 'on: path job starts after the file lands, p99',
      target: '≤ 1 000 ms',
      cronbar: `${num(job.p99)} ms (p50 ${num(job.p50)})`,
      baseline: `bare fs.watch ${num(bare.p99)} ms (p50 ${num(bare.p50)})`,
      ratio: ratio(job.p99, bare.p99),
      met: job.p99 <= 1_000,
    },
    {
      metric: `idle timer callbacks, ${idle.listening} of 1 000 jobs listening to events`,
      target: '≤ 1 per 30 s',
      cronbar: `${num(per30(idle.withEvents))} per 30 s`,
      baseline: `no events: ${num(per30(idle.withoutEvents))} per 30 s`,
      ratio: ratio(idle.withEvents, idle.withoutEvents),
      met: per30(idle.withEvents) <= 1,
    },
  ];
  const markdown = [
    `The real service (openCronbar, scheduling, the OS probes, a no-op runner) with one \`on: path\` job on a folder; ${result.pathJobMs.length} files land there one at a time ` +
      '(each after the previous run started and 300 ms more, past the 200 ms debounce), each timed from the write to the moment the engine started the run. ' +
      'Beside it, in the same process, a bare `fs.watch` on the same folder: the latency the OS gives, which the debounce then adds to.',
    table(
      ['what', 'p50 ms', 'p99 ms', 'max ms'],
      [
        ['on: path job started', num(job.p50), num(job.p99), num(job.max)],
        ['baseline: bare fs.watch callback', num(bare.p50), num(bare.p99), num(bare.max)],
      ],
    ),
    `The engine on a fake clock with 1 000 far-future jobs, ${idle.listening} of them listening to events (start, resume, network, power: ac, path; push probes), ` +
      `left alone for a simulated ${idle.simulatedSeconds / 60} minutes after start-up: timer callbacks it ran, beside the same 1 000 jobs with no events.`,
    table(
      ['subject', 'timer callbacks', 'per 30 s'],
      [
        [`1 000 jobs, ${idle.listening} listening`, String(idle.withEvents), num(per30(idle.withEvents))],
        ['baseline: 1 000 jobs, no events', String(idle.withoutEvents), num(per30(idle.withoutEvents))],
      ],
    ),
  ].join('\n\n');
  return { title: 'Event triggers', markdown, targets };
}
