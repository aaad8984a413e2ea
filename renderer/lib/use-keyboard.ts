/** The window's keys: `/` search, `j`/`k` move focus, `Enter` open, `r` run now, `Esc` back, `?` the list of keys. */
import { useEffect } from 'react';
import type { AppStore } from '../store/app-store';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit'].includes(type);
}

/** Focus follows the selection, so a screen reader reads the row and Tab continues from it. */
function focusSelectedRow(store: AppStore) {
  const focus = (attempt: number) => {
    const id = store.getState().selectedJobId;
    const row = id ? document.querySelector<HTMLElement>(`.job-row[data-job-id="${CSS.escape(id)}"] .job-name`) : null;
    if (row) row.focus();
    // The virtualiser renders a row scrolled into view on its next frame.
    else if (attempt < 5) requestAnimationFrame(() => focus(attempt + 1));
  };
  focus(0);
}

export function handleKey(store: AppStore, event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey) return false;
  const state = store.getState();
  if (event.key === 'Escape') {
    if (isTyping(event.target)) {
      (event.target as HTMLElement).blur();
      return true;
    }
    state.back();
    return true;
  }
  if (isTyping(event.target)) return false;
  const onJobs = state.view.name === 'jobs';
  switch (event.key) {
    case '/': {
      if (!onJobs) state.navigate({ name: 'jobs' });
      // The search box is in the jobs view; focus it after a possible view switch has rendered.
      setTimeout(() => document.getElementById('job-search')?.focus(), 0);
      return true;
    }
    case 'j':
    case 'k':
      if (!onJobs) return false;
      state.moveSelection(event.key === 'j' ? 1 : -1);
      focusSelectedRow(store);
      return true;
    case '?':
      state.setShortcutsOpen(true);
      return true;
    case 'Enter':
      // Enter on a focused button already activates that button.
      if (
        !onJobs ||
        !state.selectedJobId ||
        (event.target instanceof HTMLElement && ['BUTTON', 'A'].includes(event.target.tagName))
      )
        return false;
      state.navigate({ name: 'job', jobId: state.selectedJobId });
      return true;
    case 'r': {
      const jobId = state.view.name === 'job' ? state.view.jobId : onJobs ? state.selectedJobId : null;
      const job = jobId ? state.jobs.find((entry) => entry.id === jobId) : undefined;
      if (!job || !job.canRunNow) return false;
      void state.runNow(job.id);
      return true;
    }
    default:
      return false;
  }
}

export function useKeyboard(store: AppStore) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (handleKey(store, event)) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}
