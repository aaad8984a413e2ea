/**
 * The notify section: failures at 1 000 a minute, with and without channels, and the fire path's lateness. The two
 * conditions alternate in windows of 30 s (a stall of the shared machine lands in one window, not in a condition);
 * each condition's figure is its best window (least disturbed by the machine), the same rule for both.
 */
import { table } from '../harness/markdown';
import type { TargetCheck } from '../harness/targets';
import type { BenchContext, SectionReport } from './section';
import type { LatenessDuring } from './import-lateness';
import { STORM_FAILURES_PER_MINUTE, notifyStorm } from './notify-storm';

const num = (value: number, digits = 2) => value.toFixed(digits);
const best = (windows: LatenessDuring[]) =>
  windows.reduce((min, window) => (window.lateness.p99 < min.lateness.p99 ? window : min));

export async function notifySection(context: BenchContext): Promise<SectionReport> {
  const windowMs = context.quick ? 10_000 : 30_000;
  const rounds = 2;
  context.log(
    `notify: ${STORM_FAILURES_PER_MINUTE} failures a minute, ${rounds} × ${windowMs / 1000} s without channels and with mail, webhook, ntfy (alternating)`,
  );
  const result = await notifyStorm(windowMs, rounds);
  const without = best(result.withoutChannels);
  const withChannels = best(result.withChannels);
  // Sub-millisecond p99s are timer noise: the ratio is taken against at least 1 ms.
  const ratioValue = withChannels.lateness.p99 / Math.max(without.lateness.p99, 1);
  const missed = result.withChannels.reduce((sum, window) => sum + window.missed, 0);
  const rows = result.withoutChannels.flatMap((quiet, round) =>
    [
      [`round ${round + 1}: failures, no channels`, quiet],
      [`round ${round + 1}: failures, mail + webhook + ntfy`, result.withChannels[round]!],
    ].map(([what, measured]) => {
      const window = measured as LatenessDuring;
      return [
        what as string,
        num(window.lateness.p50),
        num(window.lateness.p99),
        num(window.lateness.max),
        `${window.missed} / ${window.expected}`,
      ];
    }),
  );
  context.log(
    `notify: best p99 lateness ${num(without.lateness.p99)} ms without channels, ${num(withChannels.lateness.p99)} ms with (${result.failures} failures to channels, ${result.queued} messages queued, ${result.mails} mails, ${result.httpRequests} HTTP requests)`,
  );
  const target: TargetCheck = {
    metric: `scheduler p99 lateness while failures at ${STORM_FAILURES_PER_MINUTE}/min go to 3 channels, against the same run without channels`,
    target: '≤ 1.2× (against at least 1 ms), none missed',
    cronbar: `${num(withChannels.lateness.p99)} ms (${missed} missed)`,
    baseline: `${num(without.lateness.p99)} ms without channels`,
    ratio: `${num(ratioValue)}×`,
    met: missed === 0 && ratioValue <= 1.2,
  };
  return {
    title: 'Notifications',
    markdown: [
      `Failed runs of 100 jobs arrive as \`run:finished\` events at ${STORM_FAILURES_PER_MINUTE} a minute (${result.failures} ` +
        `with channels in all) while the engine fires 100 \`* * * * * *\` jobs (real engine and store, no-op runner) in the ` +
        'same process. "With channels": the daemon\'s notifier with a mail channel (a real SMTP server on loopback), a ' +
        `webhook and ntfy (a loopback HTTP server); it queued ${result.queued} messages (the rate limit and summary per ` +
        `channel), the receivers got ${result.mails} mails and ${result.httpRequests} HTTP requests. "No channels": the same ` +
        `events and notifier, a jobs file that names no channel. ${rounds} rounds of ${windowMs / 1000} s each, alternating; ` +
        "the target compares each condition's best window. Lateness in ms.",
      table(['window', 'p50', 'p99', 'max', 'missed'], rows),
    ].join('\n\n'),
    targets: [target],
  };
}
