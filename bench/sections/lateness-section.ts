/** Section 1: firing lateness of N every-second jobs, every subject, one child each. */
import type { LatenessOptions, LatenessResult } from '../children/lateness-child';
import { num, ratio, table } from '../harness/markdown';
import { type ChildOutcome, runChildProcess } from '../harness/spawn-child';
import type { TargetCheck } from '../harness/targets';
import { SUBJECTS, SUBJECT_IDS, type SubjectId } from '../subjects/registry';
import type { BenchContext, SectionReport } from './section';

const REGISTER_LIMIT_MS = 60_000;

export async function latenessSection(context: BenchContext): Promise<SectionReport> {
  const plan = context.quick
    ? {
        sizes: [1000],
        subjects: ['cronbar', 'floor', 'naive-polling', 'croner'] as SubjectId[],
        windowSeconds: 3,
        graceMs: 1500,
      }
    : { sizes: [1, 1000, 10_000], subjects: [...SUBJECT_IDS], windowSeconds: 10, graceMs: 500 };
  // One job gives few fires to rank; 3 s for it keeps the whole suite under 10 minutes.
  const windowFor = (jobs: number) => (jobs === 1 && !context.quick ? 3 : plan.windowSeconds);
  const parts: string[] = [
    `N jobs on \`* * * * * *\` for ${plan.windowSeconds} s (${windowFor(1)} s for 1 job); each fire is a no-op that notes when it started. Lateness = start − the scheduled second, ms ` +
      `(sub-millisecond clock). The window starts after one warm-up second; a fire for a window second that comes more than ${plan.graceMs / 1000} s after ` +
      'the window is counted as missed. "Ratio" is the subject\'s p99 over Cronbar\'s (above 1: Cronbar is better).',
  ];
  const targets: TargetCheck[] = [];
  for (const jobs of plan.sizes) {
    const outcomes = new Map<SubjectId, ChildOutcome<LatenessResult>>();
    for (const subject of plan.subjects) {
      context.log(`lateness: ${SUBJECTS[subject].label}, ${jobs} jobs`);
      const options: LatenessOptions = { subject, jobs, windowSeconds: windowFor(jobs), graceMs: plan.graceMs };
      outcomes.set(
        subject,
        await runChildProcess<LatenessResult>({
          script: context.scripts['lateness-child'],
          options,
          timeoutMs: REGISTER_LIMIT_MS + plan.windowSeconds * 1000 + plan.graceMs + 20_000,
          phaseLimit: { phase: 'registering', ms: REGISTER_LIMIT_MS },
        }),
      );
    }
    const cronbar = outcomes.get('cronbar');
    const cronbarP99 = cronbar?.ok ? cronbar.result.lateness.p99 : null;
    const rows = plan.subjects.map((subject) => {
      const outcome = outcomes.get(subject)!;
      if (!outcome.ok) return [SUBJECTS[subject].label, outcome.why, '', '', '', '', '', '', ''];
      const r = outcome.result;
      return [
        SUBJECTS[subject].label,
        num(r.lateness.p50),
        num(r.lateness.p99),
        num(r.lateness.max),
        `${r.missed} / ${r.expectedFires}`,
        String(r.duplicated),
        num(r.cpuMsPerSecond),
        num(r.registerMs),
        ratio(r.lateness.p99, cronbarP99),
      ];
    });
    parts.push(`### ${jobs.toLocaleString('en-US').replace(/,/g, ' ')} job${jobs === 1 ? '' : 's'}`);
    parts.push(
      table(
        [
          'subject',
          'p50 ms',
          'p99 ms',
          'max ms',
          'missed',
          'duplicated',
          'CPU ms/s',
          'register ms',
          'p99 ratio to Cronbar',
        ],
        rows,
      ),
    );

    if (jobs === Math.max(...plan.sizes) && cronbar) {
      const floor = outcomes.get('floor');
      const floorP99 = floor?.ok ? floor.result.lateness.p99 : null;
      targets.push({
        metric: `p99 lateness, ${jobs} jobs every second`,
        target: '≤ 5 ms',
        cronbar: cronbar.ok ? `${num(cronbar.result.lateness.p99)} ms` : cronbar.why,
        baseline: floorP99 === null ? '-' : `floor ${num(floorP99)} ms`,
        ratio: ratio(cronbarP99, floorP99),
        met: cronbar.ok ? cronbar.result.lateness.p99 <= 5 : false,
      });
      targets.push({
        metric: `missed / duplicated fires, ${jobs} jobs`,
        target: '0 / 0',
        cronbar: cronbar.ok ? `${cronbar.result.missed} / ${cronbar.result.duplicated}` : cronbar.why,
        baseline: floor?.ok ? `floor ${floor.result.missed} / ${floor.result.duplicated}` : '-',
        ratio: '-',
        met: cronbar.ok ? cronbar.result.missed === 0 && cronbar.result.duplicated === 0 : false,
      });
    }
  }
  parts.push(
    "Where each subject's scheduled time comes from:\n\n" +
      plan.subjects
        .map((subject) => `- ${SUBJECTS[subject].label}: ${SUBJECTS[subject].scheduledTimeFrom}.`)
        .join('\n'),
  );
  return { title: 'Firing lateness', markdown: parts.join('\n\n'), targets };
}
