/** The loading, empty and error states every view shares, so they look and read the same everywhere. */
import type { ReactNode } from 'react';
import type { ApiError } from '../../shared/api/contract';
import { formatConfigIssue } from '../../shared/format-config-issue';

export function Loading({ what }: { what: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {children}
    </div>
  );
}

export function ErrorBox({ title, error, onRetry }: { title: string; error: ApiError; onRetry?: () => void }) {
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{title}</p>
      <p className="error-message">{error.message}</p>
      {error.issues && error.issues.length > 0 ? (
        <ul className="issue-list">
          {error.issues.map((issue, index) => (
            <li key={index}>{formatConfigIssue(issue)}</li>
          ))}
        </ul>
      ) : null}
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
