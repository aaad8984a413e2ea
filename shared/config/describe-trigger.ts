/**
 * `on:` events and `when:` conditions in words, for the window, `cronbar show` and the engine's reasons. Zod-free
 * (types only from trigger-schema.ts), so a command that only reads a cached config loads no schema.
 */
import type { ConditionsSpec, TriggerEvent, TriggerSpec } from './trigger-schema';

export function formatMs(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000}d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

const EVENT_WORDS: Record<TriggerEvent, string> = {
  start: 'when the scheduler starts',
  login: 'at login (desktop app)',
  resume: 'after the computer wakes from sleep',
  network: 'when the network comes up',
  power: 'when plugged in',
  idle: 'when the user is idle',
  path: 'when files change',
};

/** `when the network comes up (backup.example.com reachable), after 2m`. */
export function describeTrigger(trigger: TriggerSpec): string {
  let text: string;
  if (trigger.event === 'network')
    text = trigger.host === null ? EVENT_WORDS.network : `${EVENT_WORDS.network} (${trigger.host} reachable)`;
  else if (trigger.event === 'idle') text = `when the user has been idle ${formatMs(trigger.idleMs)}`;
  else if (trigger.event === 'path') text = `when files change under ${trigger.path}`;
  else text = EVENT_WORDS[trigger.event];
  return trigger.delayMs > 0 ? `${text}, after ${formatMs(trigger.delayMs)}` : text;
}

/** `only on AC power and online; otherwise waits up to 4h`. */
export function describeConditions(conditions: ConditionsSpec): string {
  const parts = [
    ...(conditions.power === 'ac' ? ['on AC power'] : []),
    ...(conditions.network ? ['online'] : []),
    ...(conditions.idleMs !== null ? [`the user idle ${formatMs(conditions.idleMs)}`] : []),
  ];
  const otherwise =
    conditions.unmet === 'wait' ? `otherwise waits up to ${formatMs(conditions.withinMs)}` : 'otherwise skipped';
  return `only ${parts.join(' and ')}; ${otherwise}`;
}
