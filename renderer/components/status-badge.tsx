import type { RunStatus } from '../../shared/model';
import { STATUS_LABELS, statusClass } from '../lib/status';

export function StatusBadge({ status, detail }: { status: RunStatus; detail?: string | null }) {
  return (
    <span className={`badge ${statusClass(status)}`}>
      {STATUS_LABELS[status]}
      {detail ? <span className="badge-detail">· {detail}</span> : null}
    </span>
  );
}
