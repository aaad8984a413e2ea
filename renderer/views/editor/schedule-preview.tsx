/** The schedule in words and its next fires, computed by the core (the one place next fires come from). */
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../shared/api/contract';
import { toApiError, unwrap } from '../../lib/api-error';
import { formatDateTime } from '../../lib/format';
import { useApi } from '../../store/store-context';
import type { ScheduleKind } from './job-form-model';

type Preview = MethodOutput<'previewSchedule'>;

export function SchedulePreview({ kind, text, timezone }: { kind: ScheduleKind; text: string; timezone: string }) {
  const api = useApi();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    if (!text.trim()) {
      setPreview(null);
      return;
    }
    let cancelled = false;
    // Ask once the admin pauses typing, not on every keystroke.
    const timer = setTimeout(() => {
      unwrap(
        api.previewSchedule({
          [kind]: text.trim(),
          ...(timezone.trim() ? { timezone: timezone.trim() } : {}),
          count: 5,
        }),
      ).then(
        (value) => {
          if (cancelled) return;
          setPreview(value);
          setFailure(null);
        },
        (error: unknown) => !cancelled && setFailure(toApiError(error).message),
      );
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, kind, text, timezone]);

  if (failure) return <p className="preview error-text">Preview unavailable: {failure}</p>;
  if (!preview) return null;
  // The core's own verdict (say, a date that never comes) when the form's checks passed: shown, not dropped.
  if (preview.error) return <p className="preview error-text">Schedule problem: {preview.error}</p>;
  return (
    <div className="preview" aria-live="polite" data-testid="schedule-preview">
      <p className="preview-words">{preview.description}</p>
      {preview.fires.length > 0 ? (
        <ol className="preview-fires">
          {preview.fires.map((at) => (
            <li key={at} className="mono">
              {formatDateTime(at)}
              {preview.timezone !== Intl.DateTimeFormat().resolvedOptions().timeZone ? (
                <span className="muted">
                  {' '}
                  ({formatDateTime(at, preview.timezone)} {preview.timezone})
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">It will not fire again.</p>
      )}
    </div>
  );
}
