/**
 * Section: the monitor (issue 12). Idle wake-ups and CPU with 10 000 checks beside 10 000 jobs against the same
 * service with the jobs alone (the same-run baseline), and `cronbar ping` end to end against the CLI's own start-up.
 */
import type { MonitorIdleOptions, MonitorIdleResult } from '../children/monitor-idle-child';
import type { PingE2eOptions, PingE2eResult } from '../children/ping-e2e-child';
import { num, ratio, table } from '../harness/markdown';
import { runChildProcess } from '../harness/spawn-child';
import type { TargetCheck } from '../harness/targets';
import type { BenchContext, SectionReport } from './section';

export async function monitorSection(context: BenchContext): Promise<SectionReport> {
  const jobs = 10_000;
  const idleSeconds = context.quick ? 10 : 31;
  // As in the idle section: the heap the load left behind is shrunk once by V8, 15-45 s after loading.
  const settleSeconds = context.quick ? 2 : 50;
  const outcomes: Array<{ label: string; outcome: Awaited<ReturnType<typeof runChildProcess<MonitorIdleResult>>> }> =
    [];
  for (const [label, checks] of [
    ['10 000 jobs (baseline)', 0],
    ['10 000 jobs + 10 000 checks', 10_000],
  ] as const) {
    context.log(`monitor: idle, ${label}, ${idleSeconds} s`);
    const options: MonitorIdleOptions = { jobs, checks, idleSeconds, settleSeconds };
    outcomes.push({
      label,
      outcome: await runChildProcess<MonitorIdleResult>({
        script: context.scripts['monitor-idle-child'],
        options,
        timeoutMs: 240_000,
      }),
    });
  }
  const per30 = (r: MonitorIdleResult) => (r.wakeups === null ? null : (r.wakeups / r.idleSeconds) * 30);
  const idleRows = outcomes.map(({ label, outcome }) =>
    outcome.ok
      ? [
          label,
          num(outcome.result.openMs / 1000),
          num(outcome.result.idleSeconds),
          String(outcome.result.wakeups ?? 'n/a'),
          num(per30(outcome.result)),
          num(outcome.result.cpuMsPerSecond),
          String(outcome.result.deadlines),
        ]
      : [label, outcome.why, '', '', '', '', ''],
  );
  const [base, withChecks] = outcomes.map(({ outcome }) => (outcome.ok ? outcome.result : null));

  context.log('monitor: cronbar ping end to end');
  const rounds = context.quick ? 5 : 20;
  const pingOptions: PingE2eOptions = { rounds, jobs: 100 };
  const ping = await runChildProcess<PingE2eResult>({
    script: context.scripts['ping-e2e-child'],
    options: pingOptions,
    timeoutMs: 240_000,
  });
  const pingRows = ping.ok
    ? [
        ['cronbar ping (spawn → exit)', num(ping.result.pingExitMs.p50), num(ping.result.pingExitMs.p90)],
        [
          '… until the running scheduler announced the change',
          num(ping.result.schedulerSawMs.p50),
          num(ping.result.schedulerSawMs.p90),
        ],
        ['baseline: cronbar --version', num(ping.result.versionExitMs.p50), num(ping.result.versionExitMs.p90)],
        ['floor: node -e 0', num(ping.result.nodeExitMs.p50), num(ping.result.nodeExitMs.p90)],
      ]
    : [['cronbar ping', ping.why, '']];

  const markdown = [
    `The real service (openCronbar, scheduling, a no-op runner) on ${jobs.toLocaleString('en-US').replace(/,/g, ' ')} far-future jobs, alone and with ` +
      "10 000 checks that each pinged once (each holds a deadline in the monitor's one heap). After loading and " +
      `${settleSeconds} s to settle, the process is left alone for ${idleSeconds} s; wake-ups are the kernel's count for the main thread, our end-of-window timer subtracted.`,
    table(['subject', 'open s', 'window s', 'wake-ups', 'per 30 s', 'CPU ms/s', 'monitor deadlines'], idleRows),
    base && withChecks
      ? `With checks / baseline: wake-ups ${ratio(withChecks.wakeups, base.wakeups)}, CPU ${ratio(withChecks.cpuMsPerSecond, base.cpuMsPerSecond)}, open time ${ratio(withChecks.openMs, base.openMs)}.`
      : '',
    `\`cronbar ping\` end to end, ${rounds} rounds of a fail and a success ping (${pingOptions.jobs} jobs and 1 check in the file), a scheduling service in the measuring process: ms, p50 and p90.`,
    table(['what', 'p50 ms', 'p90 ms'], pingRows),
    ping.ok
      ? `ping / --version: ${ratio(ping.result.pingExitMs.p50, ping.result.versionExitMs.p50)} (p50); scheduler notice after the CLI exited: ${num(ping.result.schedulerSawMs.p50 - ping.result.pingExitMs.p50)} ms (p50).`
      : '',
  ].filter(Boolean);

  const targets: TargetCheck[] = [
    {
      metric: 'idle wake-ups, 10 000 checks beside 10 000 jobs',
      target: '≤ 1 per 30 s',
      cronbar:
        withChecks && per30(withChecks) !== null
          ? `${num(per30(withChecks))} per 30 s`
          : outcomes[1]!.outcome.ok
            ? 'n/a'
            : outcomes[1]!.outcome.why,
      baseline: base && per30(base) !== null ? `jobs alone ${num(per30(base))} per 30 s` : '-',
      ratio: ratio(withChecks?.wakeups ?? null, base?.wakeups ?? null),
      met: context.quick || !withChecks || per30(withChecks) === null ? null : per30(withChecks)! <= 1,
    },
  ];
  if (ping.ok) {
    targets.push({
      metric: 'cronbar ping seen by the running scheduler (p50, spawn to event)',
      target: '≤ 1.5 × cronbar --version',
      cronbar: `${num(ping.result.schedulerSawMs.p50)} ms`,
      baseline: `cronbar --version ${num(ping.result.versionExitMs.p50)} ms`,
      ratio: ratio(ping.result.schedulerSawMs.p50, ping.result.versionExitMs.p50),
      met: ping.result.schedulerSawMs.p50 <= 1.5 * ping.result.versionExitMs.p50,
    });
  }
  return { title: 'Monitor: checks at rest, cronbar ping', markdown: markdown.join('\n\n'), targets };
}
