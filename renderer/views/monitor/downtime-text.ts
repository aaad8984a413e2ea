/** Words for recorded downtime: "the machine was asleep at 02:00 (suspend 23:40 → 07:12)" beside a missed run. */
import type { DowntimeSpan } from '../../../shared/model';
import { formatDateTime } from '../../lib/format';

const WHAT: Record<DowntimeSpan['kind'], string> = {
  suspend: 'the machine was asleep',
  stopped: 'Cronbar was not running',
  crashed: 'Cronbar had stopped unexpectedly',
  'clock-jump': 'the clock jumped',
};
const KIND: Record<DowntimeSpan['kind'], string> = {
  suspend: 'suspend',
  stopped: 'stopped',
  crashed: 'crashed',
  'clock-jump': 'clock jump',
};

const time = (at: number, timeZone?: string) => formatDateTime(at, timeZone).slice(11, 16);

export function describeDowntime(span: DowntimeSpan, at: number, timeZone?: string): string {
  return `${WHAT[span.kind]} at ${time(at, timeZone)} (${KIND[span.kind]} ${time(span.from, timeZone)} → ${time(span.to, timeZone)})`;
}

/** The words for the span that covers `at`, or null. */
export function downtimeAt(spans: readonly DowntimeSpan[], at: number | null): string | null {
  if (at === null) return null;
  const span = spans.find((candidate) => candidate.from <= at && at <= candidate.to);
  return span ? describeDowntime(span, at) : null;
}
