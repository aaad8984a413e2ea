import type { JobView } from '../../shared/model';
import { useAppStore } from '../store/store-context';

export function EnabledToggle({ job }: { job: JobView }) {
  const setEnabled = useAppStore((state) => state.setEnabled);
  return (
    <label
      className="switch"
      title={job.enabled ? 'Enabled: click to disable' : 'Disabled: click to enable'}
      onClick={(event) => event.stopPropagation()}
    >
      <input
        type="checkbox"
        role="switch"
        checked={job.enabled}
        aria-label={`${job.name} enabled`}
        onChange={(event) => void setEnabled(job.id, event.target.checked)}
      />
      <span className="switch-track" aria-hidden="true" />
    </label>
  );
}
