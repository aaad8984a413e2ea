/**
 * The raw jobs file in CodeMirror 6 (loaded only when this view opens). Problems come from the core's own validator
 * (`validateConfig`) and are marked on their line; saving is refused while the text is invalid or when the file changed
 * on disk since it was opened (the write carries the version it was based on).
 */
import { yaml } from '@codemirror/lang-yaml';
import { Annotation, Transaction } from '@codemirror/state';
import { type Diagnostic, linter, lintGutter } from '@codemirror/lint';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, foldGutter, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { tags } from '@lezer/highlight';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../shared/api/contract';
import { formatConfigIssue } from '../../../shared/format-config-issue';
import type { ConfigIssue } from '../../../shared/model';
import { ErrorBox, Loading } from '../../components/states';
import { toApiError, unwrap } from '../../lib/api-error';
import { useApi, useAppStore } from '../../store/store-context';

const theme = EditorView.theme({
  '&': { backgroundColor: 'var(--surface)', color: 'var(--fg)', height: '100%' },
  '.cm-content': { caretColor: 'var(--fg)', fontFamily: 'var(--mono)' },
  '.cm-gutters': { backgroundColor: 'var(--surface-2)', color: 'var(--muted)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine': { backgroundColor: 'var(--row-hover)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--row-hover)' },
  '&.cm-focused .cm-cursor': { borderLeftColor: 'var(--fg)' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground': { backgroundColor: 'var(--selection) !important' },
});

/**
 * Syntax colours from the theme's variables: CodeMirror's default style is made for white backgrounds and fails
 * contrast in dark mode (axe flagged it).
 */
const highlight = HighlightStyle.define([
  { tag: [tags.propertyName, tags.definition(tags.propertyName)], color: 'var(--run)' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--ok)' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: 'var(--warn)' },
  { tag: [tags.comment, tags.lineComment], color: 'var(--muted)', fontStyle: 'italic' },
  { tag: [tags.keyword, tags.meta, tags.punctuation, tags.separator], color: 'var(--fg)' },
]);

/** Places an issue on its line (lines and columns from the validator are 1-based). */
export function issueToDiagnostic(view: EditorView, issue: ConfigIssue): Diagnostic {
  const lineNumber = Math.min(Math.max(1, issue.line), view.state.doc.lines);
  const line = view.state.doc.line(lineNumber);
  const from = Math.min(line.from + Math.max(0, issue.col - 1), line.to);
  return {
    from,
    to: Math.max(from, line.to),
    severity: 'error',
    message: `${issue.path ? `${issue.path}: ` : ''}${issue.message}`,
  };
}

/** Marks the transaction that loads the file from disk. */
const fromDisk = Annotation.define<boolean>();

interface Loaded {
  path: string;
  version: string;
}

export default function YamlEditor() {
  const api = useApi();
  const refreshJobs = useAppStore((state) => state.refreshJobs);
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [issues, setIssues] = useState<ConfigIssue[]>([]);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error' | 'conflict'; text: string } | null>(null);

  const open = useCallback(async () => {
    setLoadError(null);
    setMessage(null);
    try {
      const file = await unwrap(api.readConfig({}));
      setLoaded({ path: file.path, version: file.version });
      setDirty(false);
      const view = viewRef.current;
      // The disk text replacing the buffer is not an edit (and not something to undo back out of).
      if (view)
        view.dispatch({
          changes: { from: 0, to: view.state.doc.length, insert: file.text },
          annotations: [fromDisk.of(true), Transaction.addToHistory.of(false)],
        });
      else if (hostRef.current) {
        viewRef.current = new EditorView({
          parent: hostRef.current,
          doc: file.text,
          extensions: [
            lineNumbers(),
            highlightActiveLineGutter(),
            foldGutter(),
            history(),
            drawSelection(),
            indentOnInput(),
            bracketMatching(),
            highlightActiveLine(),
            syntaxHighlighting(highlight),
            keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
            yaml(),
            theme,
            lintGutter(),
            // An explicit tab stop: axe (and some screen readers) do not count a bare contenteditable as focusable,
            // which left the scrolling file a region the keyboard could not reach.
            EditorView.contentAttributes.of({ 'aria-label': 'Jobs file (YAML)', tabindex: '0' }),
            EditorView.updateListener.of((update) => {
              if (update.docChanged && !update.transactions.some((transaction) => transaction.annotation(fromDisk)))
                setDirty(true);
            }),
            linter(
              async (view) => {
                try {
                  const result = await unwrap(api.validateConfig({ text: view.state.doc.toString() }));
                  setIssues(result.issues);
                  return result.issues.map((issue) => issueToDiagnostic(view, issue));
                } catch (error) {
                  setMessage({ kind: 'error', text: `Could not check the file: ${toApiError(error).message}` });
                  return [];
                }
              },
              { delay: 300 },
            ),
          ],
        });
      }
    } catch (error) {
      setLoadError(toApiError(error));
    }
  }, [api]);

  useEffect(() => {
    void open();
    return () => {
      viewRef.current?.destroy();
      viewRef.current = null;
    };
  }, [open]);

  // Unsaved typing is not dropped on one click: the admin confirms through the message's own reload button.
  const reloadFromDisk = () => {
    if (dirty)
      setMessage({ kind: 'conflict', text: 'You have edits that are not saved; reloading from disk drops them.' });
    else void open();
  };

  const save = async () => {
    const view = viewRef.current;
    if (!view || !loaded) return;
    setSaving(true);
    setMessage(null);
    const text = view.state.doc.toString();
    try {
      // Check first: the save must never apply a file with errors, and the admin sees each one on its line.
      const check = await unwrap(api.validateConfig({ text }));
      setIssues(check.issues);
      if (!check.ok) {
        setMessage({
          kind: 'error',
          text: `Not saved: ${check.issues.length} problem${check.issues.length === 1 ? '' : 's'} in the file.`,
        });
        return;
      }
      const written = await unwrap(api.writeConfig({ text, baseVersion: loaded.version }));
      setLoaded({ ...loaded, version: written.version });
      setDirty(false);
      setMessage({ kind: 'ok', text: `Saved ${check.jobCount} job${check.jobCount === 1 ? '' : 's'}.` });
      void refreshJobs();
    } catch (error) {
      const problem = toApiError(error);
      if (problem.code === 'conflict')
        setMessage({ kind: 'conflict', text: 'The jobs file changed on disk since you opened it. Nothing was saved.' });
      else {
        if (problem.issues) setIssues(problem.issues);
        setMessage({ kind: 'error', text: `Not saved: ${problem.message}` });
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="yaml-editor">
      <div className="toolbar">
        <span className="mono muted" title={loaded?.path}>
          {loaded?.path ?? 'jobs file'}
          {dirty ? ' • edited' : ''}
        </span>
        <span className="spacer" />
        <button type="button" onClick={reloadFromDisk} disabled={saving}>
          Reload from disk
        </button>
        <button type="button" className="primary" onClick={() => void save()} disabled={saving || !loaded || !dirty}>
          {saving ? 'Saving…' : 'Save'}
        </button>
      </div>
      {loadError ? (
        <ErrorBox title="Could not read the jobs file" error={loadError} onRetry={() => void open()} />
      ) : null}
      {!loaded && !loadError ? <Loading what="the jobs file" /> : null}
      {message ? (
        <div
          className={`banner ${message.kind === 'ok' ? 'banner-ok' : 'banner-error'}`}
          role={message.kind === 'ok' ? 'status' : 'alert'}
        >
          {message.text}
          {message.kind === 'conflict' ? (
            <button type="button" onClick={() => void open()}>
              Reload (drops your edits)
            </button>
          ) : null}
        </div>
      ) : null}
      <div ref={hostRef} className="cm-host" />
      {issues.length > 0 ? (
        <ul className="issue-list" aria-label="Problems in the jobs file">
          {issues.map((issue, index) => (
            <li key={index} className="mono">
              {formatConfigIssue(issue)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
