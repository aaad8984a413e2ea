/** Turns a check's spec and its newest pings into the CheckView the CLI, tray and window show. */
import type { CheckSpec } from '../../../shared/config/check-schema';
import { describeSchedule } from '../../../shared/config/describe-schedule';
import type { CheckView } from '../../../shared/model';
import { type CheckVerdict, evaluateCheck } from '../monitor/check-state';
import type { LastPings } from '../monitor/monitor-store';

export function buildCheckView(
  check: CheckSpec,
  pings: LastPings,
  now: number,
  verdict: CheckVerdict = evaluateCheck(check, pings, now),
): CheckView {
  const { end, start } = pings;
  const lastPing = end && start ? (end.id > start.id ? end : start) : (end ?? start);
  return {
    id: check.id,
    name: check.name,
    description: check.description,
    tags: check.tags,
    schedule: {
      kind: check.schedule.kind,
      text: check.schedule.kind === 'cron' ? check.schedule.expr : check.schedule.text,
      description: describeSchedule(check.schedule),
    },
    timezone: check.timezone,
    graceMs: check.graceMs,
    state: verdict.state,
    stateSince: verdict.since,
    reason: verdict.reason,
    lastPing,
    nextExpectedAt: verdict.nextExpectedAt,
    startedAt: verdict.startedAt,
    runsElsewhere: true,
    notify: { down: check.notify.down, up: check.notify.up },
  };
}
