/** Sections 2 and 3: idle cost and scale, from the same children (N far-future jobs: load, sit, cancel). */
import type { AtRestOptions, AtRestResult } from '../children/at-rest-child';
import { bytes, num, ratio, table } from '../harness/markdown';
import { type ChildOutcome, runChildProcess } from '../harness/spawn-child';
import type { TargetCheck } from '../harness/targets';
import { SUBJECTS, SUBJECT_IDS, type SubjectId } from '../subjects/subject';
import type { BenchContext, SectionReport } from './section';

const DISTINCT_EXPRESSIONS = 100;
const HEAP_LIMIT_MB = 4096;

type Outcomes = Map<number, Map<SubjectId, ChildOutcome<AtRestResult>>>;

export async function atRestSections(context: BenchContext): Promise<SectionReport[]> {
  const plan = context.quick
    ? { sizes: [10_000], subjects: ['cronbar', 'floor', 'naive-polling', 'croner'] as SubjectId[], idleSeconds: 3, registerLimitMs: 20_000, windowText: '3 s' }
    : { sizes: [1000, 10_000, 100_000], subjects: [...SUBJECT_IDS], idleSeconds: 10, registerLimitMs: 30_000, windowText: '10 s at 100 000 jobs and 3 s below' };
  // Ten seconds of idle where the targets are set (100 000 jobs), three below it: the suite must stay under 10 minutes.
  const idleSecondsFor = (jobs: number) => (context.quick || jobs >= 100_000 ? plan.idleSeconds : 3);
  const outcomes: Outcomes = new Map();
  for (const jobs of plan.sizes) {
    const bySubject = new Map<SubjectId, ChildOutcome<AtRestResult>>();
    outcomes.set(jobs, bySubject);
    for (const subject of plan.subjects) {
      context.log(`idle and scale: ${SUBJECTS[subject].label}, ${jobs} jobs`);
      const options: AtRestOptions = { subject, jobs, distinctExpressions: DISTINCT_EXPRESSIONS, idleSeconds: idleSecondsFor(jobs) };
      bySubject.set(
        subject,
        await runChildProcess<AtRestResult>({
          script: context.scripts['at-rest-child'],
          options,
          timeoutMs: plan.registerLimitMs + plan.idleSeconds * 1000 + 60_000,
          maxHeapMb: HEAP_LIMIT_MB,
          phaseLimit: { phase: 'registering', ms: plan.registerLimitMs },
        }),
      );
    }
  }
  const workload =
    `N jobs all due next year (cron expressions drawn from a pool of ${DISTINCT_EXPRESSIONS} distinct ones, as a real file repeats its schedules), ` +
    `each subject in its own process with a ${HEAP_LIMIT_MB} MB V8 heap limit and ${plan.registerLimitMs / 1000} s to register.`;
  return [idleReport(plan, outcomes, workload), scaleReport(plan, outcomes, workload)];
}

function idleReport(plan: { sizes: number[]; subjects: SubjectId[]; windowText: string }, outcomes: Outcomes, workload: string): SectionReport {
  const parts = [
    `${workload} After loading and half a second to settle, the process is left alone for ${plan.windowText}. CPU = user + system time of the whole process ` +
      '(all threads, GC included) per second of idle. Wake-ups = voluntary context switches of the main thread, from ' +
      '/proc/self/task/<pid>/status: the kernel counts each time the thread slept (epoll, futex) and was woken, whatever woke it. Our own ' +
      'end-of-window timer is subtracted. Timer callbacks are counted with async_hooks. croner and toad-scheduler re-arm every job\'s ' +
      'timer 30 s after it was set (Cronbar checks the clock every 30 s), so a window shorter than 30 s that starts right after loading ' +
      'does not see those wake-ups: see README.md. Ratio = subject CPU / Cronbar CPU.',
  ];
  const targets: TargetCheck[] = [];
  for (const jobs of plan.sizes) {
    const bySubject = outcomes.get(jobs)!;
    const cronbar = bySubject.get('cronbar');
    const rows = plan.subjects.map((subject) => {
      const outcome = bySubject.get(subject)!;
      if (!outcome.ok) return [SUBJECTS[subject].label, outcome.why, '', '', '', ''];
      const r = outcome.result;
      return [SUBJECTS[subject].label, num(r.cpuMsPerSecond), r.wakeups === null ? '-' : String(r.wakeups), num(r.wakeups === null ? null : (r.wakeups * 30) / r.idleSeconds), String(r.timerCallbacks), ratio(r.cpuMsPerSecond, cronbar?.ok ? cronbar.result.cpuMsPerSecond : null)];
    });
    parts.push(`### ${label(jobs)} idle jobs`);
    parts.push(table(['subject', 'CPU ms/s', 'wake-ups in the window', 'wake-ups per 30 s', 'timer callbacks', 'CPU ratio to Cronbar'], rows));
    if (jobs === Math.max(...plan.sizes) && cronbar) {
      const floor = bySubject.get('floor');
      targets.push({
        metric: `idle CPU, ${label(jobs)} jobs`,
        target: '≤ 0.1 ms/s',
        cronbar: cronbar.ok ? `${num(cronbar.result.cpuMsPerSecond)} ms/s` : cronbar.why,
        baseline: floor?.ok ? `floor ${num(floor.result.cpuMsPerSecond)} ms/s` : '-',
        ratio: ratio(cronbar.ok ? cronbar.result.cpuMsPerSecond : null, floor?.ok ? floor.result.cpuMsPerSecond : null),
        met: cronbar.ok ? cronbar.result.cpuMsPerSecond <= 0.1 : false,
      });
      const perThirty = cronbar.ok && cronbar.result.wakeups !== null ? (cronbar.result.wakeups * 30) / cronbar.result.idleSeconds : null;
      targets.push({
        metric: `idle wake-ups, ${label(jobs)} jobs`,
        target: '≤ 1 per 30 s',
        cronbar: perThirty === null ? (cronbar.ok ? 'not measurable here' : cronbar.why) : `${num(perThirty)} per 30 s (${cronbar.ok ? cronbar.result.wakeups : '-'} in ${cronbar.ok ? num(cronbar.result.idleSeconds) : '-'} s)`,
        baseline: floor?.ok && floor.result.wakeups !== null ? `floor ${num((floor.result.wakeups * 30) / floor.result.idleSeconds)} per 30 s` : '-',
        ratio: '-',
        met: perThirty === null ? null : perThirty <= 1,
      });
    }
  }
  return { title: 'Idle cost', markdown: parts.join('\n\n'), targets };
}

function scaleReport(plan: { sizes: number[]; subjects: SubjectId[] }, outcomes: Outcomes, workload: string): SectionReport {
  const parts = [
    `${workload} "Load" is timed from nothing to every job's next fire computed and its timer armed; for Cronbar that is reading ` +
      'and validating the jobs file (YAML, schema, every cron expression), opening the SQLite store (a fresh temporary file, WAL), ' +
      'starting the engine (every next fire computed, every job state row written in one transaction). The peers register in memory ' +
      'from an array of expressions. Heap per job = heap after a full GC, after minus before, over N. The floor is not a scheduler ' +
      '(it keeps one pattern per distinct expression and no per-job state) and is left out of the ratios. Ratio = subject load time / Cronbar load time.',
  ];
  const peers = plan.subjects.filter((subject) => subject !== 'cronbar' && subject !== 'floor');
  const targets: TargetCheck[] = [];
  for (const jobs of plan.sizes) {
    const bySubject = outcomes.get(jobs)!;
    const cronbar = bySubject.get('cronbar');
    const rows = plan.subjects.map((subject) => {
      const outcome = bySubject.get(subject)!;
      if (!outcome.ok) return [SUBJECTS[subject].label, outcome.why, '', '', '', ''];
      const r = outcome.result;
      return [SUBJECTS[subject].label, num(r.registerMs), bytes(r.heapBytes), bytes(r.heapBytesPerJob), num(r.cancelMs), subject === 'floor' ? '-' : ratio(r.registerMs, cronbar?.ok ? cronbar.result.registerMs : null)];
    });
    parts.push(`### ${label(jobs)} jobs`);
    parts.push(table(['subject', 'load ms', 'heap', 'heap per job', 'cancel all ms', 'load ratio to Cronbar'], rows));
    if (jobs === Math.max(...plan.sizes) && cronbar) {
      const finished = peers.map((subject) => ({ subject, outcome: bySubject.get(subject)! })).filter((entry) => entry.outcome.ok) as Array<{ subject: SubjectId; outcome: Extract<ChildOutcome<AtRestResult>, { ok: true }> }>;
      const fastest = finished.sort((a, b) => a.outcome.result.registerMs - b.outcome.result.registerMs)[0];
      const leanest = [...finished].sort((a, b) => a.outcome.result.heapBytesPerJob - b.outcome.result.heapBytesPerJob)[0];
      targets.push({
        metric: `load and schedule ${label(jobs)} jobs`,
        target: '≤ 1 s',
        cronbar: cronbar.ok ? `${num(cronbar.result.registerMs / 1000)} s` : cronbar.why,
        baseline: fastest ? `best peer (${SUBJECTS[fastest.subject].label}) ${num(fastest.outcome.result.registerMs / 1000)} s` : 'no peer finished',
        ratio: ratio(cronbar.ok ? cronbar.result.registerMs : null, fastest?.outcome.result.registerMs),
        met: cronbar.ok ? cronbar.result.registerMs <= 1000 : false,
      });
      targets.push({
        metric: `heap per job, ${label(jobs)} jobs`,
        target: '≤ 1 KiB',
        cronbar: cronbar.ok ? bytes(cronbar.result.heapBytesPerJob) : cronbar.why,
        baseline: leanest ? `best peer (${SUBJECTS[leanest.subject].label}) ${bytes(leanest.outcome.result.heapBytesPerJob)}` : 'no peer finished',
        ratio: ratio(cronbar.ok ? cronbar.result.heapBytesPerJob : null, leanest?.outcome.result.heapBytesPerJob),
        met: cronbar.ok ? cronbar.result.heapBytesPerJob <= 1024 : false,
      });
    }
  }
  return { title: 'Scale', markdown: parts.join('\n\n'), targets };
}

const label = (jobs: number) => jobs.toLocaleString('en-US').replace(/,/g, ' ');
