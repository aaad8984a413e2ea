/**
 * One run's output with ANSI colours, tailing live while the run goes. The kept tail is fetched once; after that
 * `run:output` chunks are appended, and `run:finished` swaps in the stored output (the authority).
 */
import { AnsiUp } from 'ansi_up';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { RunRecord } from '../../shared/model';
import { ErrorBox, Loading } from '../components/states';
import { RunDeliveries } from '../components/run-deliveries';
import { StatusBadge } from '../components/status-badge';
import { toApiError, unwrap } from '../lib/api-error';
import type { ApiError } from '../../shared/api/contract';
import { useApi, useAppStore } from '../store/store-context';

/** Same cap as the store keeps, so a live tail never grows past what a finished run shows. */
const MAX_CHARS = 256 * 1024;

export function renderAnsi(text: string): string {
  const converter = new AnsiUp();
  // Classes, not inline colours: the theme picks readable shades for light and dark.
  converter.use_classes = true;
  converter.escape_html = true;
  return converter.ansi_to_html(text);
}

// ANSI escape sequences start with ESC; copied text should be plain.
// eslint-disable-next-line no-control-regex
const stripAnsi = (text: string) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

export function RunLog({ run }: { run: RunRecord }) {
  const api = useApi();
  const showError = useAppStore((state) => state.showError);
  const [text, setText] = useState<string | null>(null);
  const [meta, setMeta] = useState<{ totalBytes: number; truncated: boolean } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [follow, setFollow] = useState(true);
  const [copied, setCopied] = useState(false);
  const [savedTo, setSavedTo] = useState<string | null>(null);
  const logRef = useRef<HTMLPreElement>(null);
  const live = run.status === 'running' || run.status === 'queued';

  useEffect(() => {
    let cancelled = false;
    let fetched = false;
    setText(null);
    setError(null);
    const load = () =>
      unwrap(api.runOutput({ runId: run.id })).then(
        (output) => {
          if (cancelled) return;
          fetched = true;
          setText(output.text);
          setMeta({ totalBytes: output.totalBytes, truncated: output.truncated });
        },
        (problem: unknown) => !cancelled && setError(toApiError(problem)),
      );
    const unsubscribe = live
      ? api.on('run:output', (chunk) => {
          // Chunks before the first fetch are already in the fetched tail.
          if (chunk.runId !== run.id || !fetched) return;
          setText((previous) => {
            const next = (previous ?? '') + chunk.chunk;
            return next.length > MAX_CHARS ? next.slice(next.length - MAX_CHARS) : next;
          });
        })
      : () => {};
    void load();
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [api, run.id, live]);

  const html = useMemo(() => (text === null ? '' : renderAnsi(text)), [text]);

  useEffect(() => {
    const element = logRef.current;
    if (element && follow) element.scrollTop = element.scrollHeight;
  }, [html, follow]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(stripAnsi(text ?? ''));
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch (problem) {
      showError(problem, 'Could not copy the log');
    }
  };

  const save = async () => {
    try {
      // Null when the admin closed the save dialog: nothing to report then.
      const { savedTo: path } = await unwrap(api.saveRunLog({ runId: run.id }));
      setSavedTo(path);
    } catch (problem) {
      showError(problem, 'Could not save the log');
    }
  };

  return (
    <section className="run-log" aria-labelledby={`run-log-${run.id}`}>
      <header className="run-log-header">
        <h3 id={`run-log-${run.id}`}>
          Log of run #{run.id}{' '}
          <StatusBadge status={run.status} detail={run.exitCode !== null ? `exit ${run.exitCode}` : null} />
        </h3>
        <span className="muted">
          {meta
            ? `${meta.totalBytes.toLocaleString()} bytes${meta.truncated ? ' (showing the last 256 KiB)' : ''}`
            : null}
          {live ? <span className="live-dot"> live</span> : null}
        </span>
        <span className="spacer" />
        {live ? (
          <label className="inline-label">
            <input type="checkbox" checked={follow} onChange={(event) => setFollow(event.target.checked)} /> Follow
          </label>
        ) : null}
        <button type="button" onClick={() => void copy()} disabled={!text}>
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" onClick={() => void save()} disabled={text === null}>
          Save…
        </button>
        {savedTo ? (
          <span className="muted" role="status">
            Saved to <span className="mono">{savedTo}</span>
          </span>
        ) : null}
      </header>
      <RunDeliveries run={run} />
      {error ? <ErrorBox title="Could not load the output" error={error} /> : null}
      {!error && text === null ? <Loading what="output" /> : null}
      {text !== null && text.length === 0 ? (
        <p className="muted log-empty">{live ? 'No output yet…' : 'This run printed nothing.'}</p>
      ) : null}
      {text ? (
        // ansi_up escapes the text before adding its colour spans, so this HTML carries no markup from the job.
        <pre
          ref={logRef}
          className="log"
          tabIndex={0}
          aria-label={`Output of run ${run.id}`}
          dangerouslySetInnerHTML={{ __html: html }}
        />
      ) : null}
    </section>
  );
}
