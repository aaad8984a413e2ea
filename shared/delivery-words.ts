/**
 * A run's notifications in words ("mailed admin@… at 02:01; phone (ntfy) failed: 401"), apart from deliveries.ts so
 * `cronbar logs` prints them without loading zod at start-up.
 */
import type { Delivery } from './deliveries';

/** One delivery in words; `time` formats an epoch as the caller shows times (02:01). */
export function deliveryWords(delivery: Delivery, time: (ms: number) => string): string {
  const where =
    delivery.kind === 'email' && delivery.to
      ? null
      : `${delivery.channel}${delivery.kind ? ` (${delivery.kind})` : ''}`;
  const at = time(delivery.lastTryAt ?? delivery.createdAt);
  switch (delivery.status) {
    case 'sent':
      return where === null ? `mailed ${delivery.to} at ${at}` : `${where} sent at ${at}`;
    case 'pending':
      return delivery.attempts === 0
        ? `${where ?? delivery.channel} waiting to send`
        : `${where ?? delivery.channel} not sent yet (${delivery.attempts} ${delivery.attempts === 1 ? 'try' : 'tries'}: ${delivery.reason ?? 'failed'}), retrying${delivery.nextTryAt === null ? '' : ` at ${time(delivery.nextTryAt)}`}`;
    case 'failed':
      return `${where ?? delivery.channel} failed: ${delivery.reason ?? 'given up'}`;
    case 'dropped':
      return `${where ?? delivery.channel} dropped: ${delivery.reason ?? 'the queue was full'}`;
  }
}

/** Every delivery of a run in one line, in the order they were queued. */
export function deliveriesLine(deliveries: readonly Delivery[], time: (ms: number) => string): string {
  return deliveries.map((delivery) => deliveryWords(delivery, time)).join('; ');
}
