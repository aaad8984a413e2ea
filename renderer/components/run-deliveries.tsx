/**
 * What became of a finished run's notifications on the jobs file's channels, one line under its log header:
 * "Notified: mailed admin@example.org at 02:01; phone (ntfy) failed: HTTP 401 Unauthorized". Nothing when the run
 * notified no channel.
 */
import { useEffect, useState } from 'react';
import type { Delivery } from '../../shared/deliveries';
import { deliveriesLine } from '../../shared/delivery-words';
import type { RunRecord } from '../../shared/model';
import { unwrap } from '../lib/api-error';
import { formatDateTime } from '../lib/format';
import { useApi } from '../store/store-context';

export function RunDeliveries({ run }: { run: RunRecord }) {
  const api = useApi();
  const [deliveries, setDeliveries] = useState<Delivery[]>([]);
  useEffect(() => {
    let cancelled = false;
    // A missing record is no error worth a box: the run detail still shows its log.
    unwrap(api.runDeliveries({ runId: run.id })).then(
      (found) => !cancelled && setDeliveries(found),
      () => !cancelled && setDeliveries([]),
    );
    return () => {
      cancelled = true;
    };
  }, [api, run.id, run.status]);
  if (deliveries.length === 0) return null;
  const problem = deliveries.some((delivery) => delivery.status !== 'sent');
  return (
    <p className={`run-deliveries muted${problem ? ' run-deliveries-problem' : ''}`} aria-label="Notifications">
      Notified: {deliveriesLine(deliveries, (at) => formatDateTime(at))}
    </p>
  );
}
