/**
 * `cronbar validate`'s word on `on:` events and `when:` conditions the daemon cannot see on this platform (idle and
 * login are the desktop app's; the power source is read on Linux only): one line per job and event, so a job that
 * would never run under `cronbar daemon` is noticed before it matters.
 */
import type { JobSpec } from '../../../shared/config/schema';
import type { TriggerEvent } from '../../../shared/config/trigger-schema';

export function eventVisibilityWarnings(
  jobs: readonly JobSpec[],
  blind: Partial<Record<TriggerEvent, string>>,
): string[] {
  const lines: string[] = [];
  for (const job of jobs) {
    if (!job.enabled) continue;
    const events = new Set((job.triggers ?? []).map((trigger) => trigger.event));
    for (const event of events) {
      const why = blind[event];
      if (why) lines.push(`${job.id}: on: ${event} never fires under cronbar daemon here: ${why}`);
    }
    const conditions = job.conditions;
    if (!conditions) continue;
    const used: TriggerEvent[] = [
      ...(conditions.power ? (['power'] as const) : []),
      ...(conditions.idleMs !== null ? (['idle'] as const) : []),
    ];
    for (const kind of used) {
      const why = blind[kind];
      if (why)
        lines.push(`${job.id}: when: ${kind} never holds under cronbar daemon here (every fire is skipped): ${why}`);
    }
  }
  return lines;
}
