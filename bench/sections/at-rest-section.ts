/** Sections 2 and 3: idle cost and scale, from the same children (N far-future jobs: load, sit, cancel). */
import type { AtRestOptions, AtRestResult, IdleSlot } from '../children/at-rest-child';
import { bytes, num, ratio, table } from '../harness/markdown';
import { type ChildOutcome, runChildProcess } from '../harness/spawn-child';
import type { TargetCheck } from '../harness/targets';
import { SUBJECTS, SUBJECT_IDS, type SubjectId } from '../subjects/registry';
import type { BenchContext, SectionReport } from './section';

const DISTINCT_EXPRESSIONS = 100;
/**
 * Cronbar at 100 000 jobs, where the wake-up target is judged: first the settling after the load (V8's memory reducer
 * shrinks the ~250 MB load-time heap once, 15-45 s after loading, in hundreds of incremental steps), then a steady
 * window longer than Cronbar's 30 s wall-clock check, so it holds one whole cycle of it.
 */
const SETTLING_SECONDS = 50;
const FULL_CYCLE_SECONDS = 31;
const HEAP_LIMIT_MB = 4096;

type Outcomes = Map<number, Map<SubjectId, ChildOutcome<AtRestResult>>>;

export async function atRestSections(context: BenchContext): Promise<SectionReport[]> {
  const plan = context.quick
    ? {
        sizes: [10_000],
        subjects: ['cronbar', 'floor', 'naive-polling', 'croner'] as SubjectId[],
        idleSeconds: 3,
        registerLimitMs: 20_000,
        windowText: '3 s',
      }
    : {
        sizes: [1000, 10_000, 100_000],
        subjects: [...SUBJECT_IDS],
        idleSeconds: 10,
        registerLimitMs: 30_000,
        windowText:
          `3 s below 100 000 jobs; at 100 000, ${SETTLING_SECONDS} s of settling then a ${FULL_CYCLE_SECONDS} s window for Cronbar, ` +
          'and 10 s for the other subjects (the suite must stay under 10 minutes)',
      };
  const slotsFor = (jobs: number, subject: SubjectId): number[] => {
    if (context.quick) return [plan.idleSeconds];
    if (jobs < 100_000) return [3];
    return subject === 'cronbar' ? [SETTLING_SECONDS, FULL_CYCLE_SECONDS] : [plan.idleSeconds];
  };
  const outcomes: Outcomes = new Map();
  for (const jobs of plan.sizes) {
    const bySubject = new Map<SubjectId, ChildOutcome<AtRestResult>>();
    outcomes.set(jobs, bySubject);
    for (const subject of plan.subjects) {
      context.log(`idle and scale: ${SUBJECTS[subject].label}, ${jobs} jobs`);
      const slotSeconds = slotsFor(jobs, subject);
      const options: AtRestOptions = {
        subject,
        jobs,
        distinctExpressions: DISTINCT_EXPRESSIONS,
        idleSeconds: slotSeconds[slotSeconds.length - 1]!,
        slotSeconds,
      };
      bySubject.set(
        subject,
        await runChildProcess<AtRestResult>({
          script: context.scripts['at-rest-child'],
          options,
          timeoutMs: plan.registerLimitMs + slotSeconds.reduce((sum, seconds) => sum + seconds, 0) * 1000 + 60_000,
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

function idleReport(
  plan: { sizes: number[]; subjects: SubjectId[]; windowText: string },
  outcomes: Outcomes,
  workload: string,
): SectionReport {
  const parts = [
    `${workload} After loading and half a second to settle, the process is left alone for ${plan.windowText}. CPU = user + system time of the whole process ` +
      '(all threads, GC included) per second of idle. Wake-ups = voluntary context switches of the main thread, from ' +
      '/proc/self/task/<pid>/status: the kernel counts each time the thread slept (epoll, futex) and was woken, whatever woke it. Our own ' +
      'end-of-window timer is subtracted. Timer callbacks are counted with async_hooks. Cronbar checks the wall clock every 30 s, and ' +
      "croner and toad-scheduler re-arm every job's timer 30 s after it was set: a window shorter than 30 s does not see those, so " +
      '"per 30 s" is a count only for windows of 30 s or more and is marked "scaled" otherwise (see README.md). Full GCs = mark-compact ' +
      "collections V8 reported in the window (v8.GCProfiler): the runtime's own heap work, not a scheduler's. Where a subject sat through " +
      'several windows, the table shows the last and the line under it every one. Ratio = subject CPU / Cronbar CPU.',
  ];
  const targets: TargetCheck[] = [];
  for (const jobs of plan.sizes) {
    const bySubject = outcomes.get(jobs)!;
    const cronbar = bySubject.get('cronbar');
    const rows = plan.subjects.map((subject) => {
      const outcome = bySubject.get(subject)!;
      if (!outcome.ok) return [SUBJECTS[subject].label, outcome.why, '', '', '', '', '', ''];
      const r = outcome.result;
      return [
        SUBJECTS[subject].label,
        windowText(r),
        num(r.cpuMsPerSecond),
        r.wakeups === null ? '-' : String(r.wakeups),
        perThirtyText(r),
        String(r.timerCallbacks),
        String(r.majorGcs),
        ratio(r.cpuMsPerSecond, cronbar?.ok ? cronbar.result.cpuMsPerSecond : null),
      ];
    });
    parts.push(`### ${label(jobs)} idle jobs`);
    parts.push(
      table(
        [
          'subject',
          'window s',
          'CPU ms/s',
          'wake-ups in the window',
          'wake-ups per 30 s',
          'timer callbacks',
          'full GCs',
          'CPU ratio to Cronbar',
        ],
        rows,
      ),
    );
    for (const subject of plan.subjects) {
      const outcome = bySubject.get(subject)!;
      if (outcome.ok && outcome.result.slots.length > 1)
        parts.push(`${SUBJECTS[subject].label}, window by window: ${outcome.result.slots.map(slotText).join('; ')}.`);
    }
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
      const measured = cronbar.ok ? cronbar.result : null;
      const perThirty =
        measured && measured.wakeups !== null ? perThirtySeconds(measured.wakeups, measured.idleSeconds) : null;
      targets.push({
        metric: `idle wake-ups, ${label(jobs)} jobs`,
        target: '≤ 1 per 30 s',
        cronbar: measured
          ? perThirty === null
            ? 'not measurable here'
            : perThirtyText(measured)
          : cronbar.ok
            ? '-'
            : cronbar.why,
        baseline: floor?.ok && floor.result.wakeups !== null ? `floor ${perThirtyText(floor.result)}` : '-',
        ratio: '-',
        // A window shorter than the 30 s cycle can neither show the target met nor missed.
        met: perThirty === null || !measured || measured.idleSeconds < 30 ? null : perThirty <= 1,
      });
    }
  }
  return { title: 'Idle cost', markdown: parts.join('\n\n'), targets };
}

function scaleReport(
  plan: { sizes: number[]; subjects: SubjectId[] },
  outcomes: Outcomes,
  workload: string,
): SectionReport {
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
      return [
        SUBJECTS[subject].label,
        num(r.registerMs),
        bytes(r.heapBytes),
        bytes(r.heapBytesPerJob),
        num(r.cancelMs),
        subject === 'floor' ? '-' : ratio(r.registerMs, cronbar?.ok ? cronbar.result.registerMs : null),
      ];
    });
    parts.push(`### ${label(jobs)} jobs`);
    parts.push(table(['subject', 'load ms', 'heap', 'heap per job', 'cancel all ms', 'load ratio to Cronbar'], rows));
    if (jobs === Math.max(...plan.sizes) && cronbar) {
      const finished = peers
        .map((subject) => ({ subject, outcome: bySubject.get(subject)! }))
        .filter((entry) => entry.outcome.ok) as Array<{
        subject: SubjectId;
        outcome: Extract<ChildOutcome<AtRestResult>, { ok: true }>;
      }>;
      const fastest = finished.sort((a, b) => a.outcome.result.registerMs - b.outcome.result.registerMs)[0];
      const leanest = [...finished].sort(
        (a, b) => a.outcome.result.heapBytesPerJob - b.outcome.result.heapBytesPerJob,
      )[0];
      targets.push({
        metric: `load and schedule ${label(jobs)} jobs`,
        target: '≤ 1 s',
        cronbar: cronbar.ok ? `${num(cronbar.result.registerMs / 1000)} s` : cronbar.why,
        baseline: fastest
          ? `best peer (${SUBJECTS[fastest.subject].label}) ${num(fastest.outcome.result.registerMs / 1000)} s`
          : 'no peer finished',
        ratio: ratio(cronbar.ok ? cronbar.result.registerMs : null, fastest?.outcome.result.registerMs),
        met: cronbar.ok ? cronbar.result.registerMs <= 1000 : false,
      });
      targets.push({
        metric: `heap per job, ${label(jobs)} jobs`,
        target: '≤ 1 KiB',
        cronbar: cronbar.ok ? bytes(cronbar.result.heapBytesPerJob) : cronbar.why,
        baseline: leanest
          ? `best peer (${SUBJECTS[leanest.subject].label}) ${bytes(leanest.outcome.result.heapBytesPerJob)}`
          : 'no peer finished',
        ratio: ratio(cronbar.ok ? cronbar.result.heapBytesPerJob : null, leanest?.outcome.result.heapBytesPerJob),
        met: cronbar.ok ? cronbar.result.heapBytesPerJob <= 1024 : false,
      });
    }
  }
  return { title: 'Scale', markdown: parts.join('\n\n'), targets };
}

const perThirtySeconds = (wakeups: number, idleSeconds: number) => (wakeups * 30) / idleSeconds;

/** "1 in 31.0 s" for a window of a whole cycle or more; "3 (scaled from 1 in 10.0 s)" below, where it is a guess. */
function perThirtyText(result: AtRestResult): string {
  if (result.wakeups === null) return '-';
  const perThirty = num(perThirtySeconds(result.wakeups, result.idleSeconds));
  return result.idleSeconds >= 30
    ? `${perThirty} (${result.wakeups} in ${num(result.idleSeconds)} s)`
    : `${perThirty} (scaled from ${result.wakeups} in ${num(result.idleSeconds)} s)`;
}

/** "31" for a window right after loading, "31 (from 50.5 s after loading)" for one after settling. */
function windowText(result: AtRestResult): string {
  const last = result.slots[result.slots.length - 1]!;
  return result.slots.length > 1
    ? `${num(last.seconds)} (from ${num(last.startSeconds)} s after loading)`
    : num(last.seconds);
}

function slotText(slot: IdleSlot): string {
  const end = slot.startSeconds + slot.seconds;
  return `${num(slot.startSeconds)}-${num(end)} s after loading: ${slot.wakeups ?? '-'} wake-ups, ${num(slot.cpuMsPerSecond)} ms/s CPU, ${slot.timerCallbacks} timer callbacks, ${slot.majorGcs} full GCs`;
}

const label = (jobs: number) => jobs.toLocaleString('en-US').replace(/,/g, ' ');
