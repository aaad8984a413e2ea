/**
 * What can be done to a job, the same in its row's "⋯" menu and on its page: run or stop, retry, pause with an end,
 * enable or disable, edit, duplicate, delete (after asking). "Disabled" is written to the jobs file; "paused" is a
 * runtime hold with an end time, never written: the menu says so where both appear.
 */
import { type KeyboardEvent, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { JobView } from '../../shared/model';
import { isFailing } from '../store/visible-jobs';
import { pauseChoices, pauseEndText, toLocalInputValue } from '../lib/pause-choices';
import { usePauseMorning } from '../lib/pause-morning';
import { useAppStore } from '../store/store-context';
import { ConfirmDialog } from './confirm-dialog';

export const DISABLED_VS_PAUSED =
  'Disable writes enabled: false to the jobs file and lasts until you enable it again. Pause is not written to the file: it holds the schedule until the time you pick.';

/** Run now, or Stop while a run is going; starting from the list opens the live output drawer. */
export function RunOrStopButton({ job, compact = false }: { job: JobView; compact?: boolean }) {
  const runNow = useAppStore((state) => state.runNow);
  const cancelRun = useAppStore((state) => state.cancelRun);
  const openDrawer = useAppStore((state) => state.openDrawer);
  const onJobPage = useAppStore((state) => state.view.name === 'job');
  const starting = useAppStore((state) => Boolean(state.starting[job.id]));
  const runningId = job.runningRunIds[job.runningRunIds.length - 1];
  if (runningId !== undefined) {
    return (
      <button
        type="button"
        className={`stop-run${compact ? ' compact' : ''}`}
        aria-label={`Stop ${job.name} (run ${runningId})`}
        title="Stop the running run"
        onClick={(event) => {
          event.stopPropagation();
          void cancelRun(runningId);
        }}
      >
        <span aria-hidden="true">■</span>
        {compact ? null : <span>Stop</span>}
      </button>
    );
  }
  const blocked = !job.canRunNow;
  return (
    <button
      type="button"
      className={`run-now${compact ? ' compact' : ''}`}
      onClick={(event) => {
        event.stopPropagation();
        void runNow(job.id).then((runId) => {
          // On the job page the log sits at its top; elsewhere the drawer shows it where the admin clicked.
          if (runId !== null && !onJobPage) openDrawer(runId);
        });
      }}
      disabled={blocked || starting}
      aria-label={`Run ${job.name} now`}
      title={blocked ? `Already running and the overlap policy is ${job.overlap}` : 'Run this job now'}
      aria-busy={starting}
    >
      {starting ? <span className="spinner" aria-hidden="true" /> : <span aria-hidden="true">▶</span>}
      {compact ? null : <span>Run now</span>}
    </button>
  );
}

/** Asks before deleting; the history of the job stays in the database. */
export function useDeleteJob(job: JobView) {
  const deleteJob = useAppStore((state) => state.deleteJob);
  const [asking, setAsking] = useState(false);
  const dialog = asking ? (
    <ConfirmDialog
      title={`Delete ${job.name}?`}
      message={`This removes “${job.id}” from the jobs file (your comments elsewhere stay). Its run history is kept. To stop it only for a while, Pause or Disable it instead.`}
      confirmLabel="Delete job"
      cancelLabel="Keep it"
      onCancel={() => setAsking(false)}
      onConfirm={() => {
        setAsking(false);
        void deleteJob(job.id);
      }}
    />
  ) : null;
  return { ask: () => setAsking(true), dialog };
}

type Item = { label: string; run: () => void; danger?: boolean; hint?: string };

/** The "⋯" menu of a row, and the Pause menu of the job page: a button that opens a small menu placed beside it. */
export function MenuButton({
  label,
  title,
  className,
  items,
  footer,
  children,
}: {
  /** The button's accessible name. */
  label: string;
  title?: string;
  className?: string;
  items: Item[];
  footer?: (close: () => void) => React.ReactNode;
  children: React.ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<{ top: number; left: number } | null>(null);
  const menuId = useId();

  // Fixed, measured from the button: the list scrolls in a clipped box that would cut an absolutely placed menu.
  useLayoutEffect(() => {
    if (!open || !buttonRef.current || !menuRef.current) return;
    const button = buttonRef.current.getBoundingClientRect();
    const menu = menuRef.current.getBoundingClientRect();
    const top = button.bottom + 2 + menu.height > window.innerHeight ? button.top - menu.height - 2 : button.bottom + 2;
    setPlace({
      top: Math.max(4, top),
      left: Math.max(4, Math.min(button.right - menu.width, window.innerWidth - menu.width - 4)),
    });
    menuRef.current.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: MouseEvent) => {
      if (!menuRef.current?.contains(event.target as Node) && !buttonRef.current?.contains(event.target as Node))
        setOpen(false);
    };
    document.addEventListener('mousedown', onPointer);
    return () => document.removeEventListener('mousedown', onPointer);
  }, [open]);

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const entries = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const index = entries.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape') {
      // Esc closes the menu only; it must not also reach the window's Esc (back).
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      event.stopPropagation();
      const next = (index + (event.key === 'ArrowDown' ? 1 : -1) + entries.length) % entries.length;
      entries[next]?.focus();
    } else if (event.key === 'j' || event.key === 'k' || event.key === 'r' || event.key === '?') {
      event.stopPropagation();
    }
  };

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className={className}
        aria-label={label}
        title={title ?? label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={(event) => {
          event.stopPropagation();
          setOpen((value) => !value);
        }}
      >
        {children}
      </button>
      {open
        ? // In a portal: a row is transformed (virtualised), which would make a fixed menu scroll and stack with it.
          createPortal(
            <div
              ref={menuRef}
              id={menuId}
              role="menu"
              aria-label={label}
              className="menu"
              style={place ? { top: place.top, left: place.left } : { visibility: 'hidden', top: 0, left: 0 }}
              onKeyDown={onKeyDown}
              onClick={(event) => event.stopPropagation()}
            >
              {items.map((item) => (
                <button
                  key={item.label}
                  type="button"
                  role="menuitem"
                  className={item.danger ? 'danger-text' : undefined}
                  title={item.hint}
                  onClick={() => {
                    close();
                    item.run();
                  }}
                >
                  {item.label}
                </button>
              ))}
              {footer?.(close)}
            </div>,
            document.body,
          )
        : null}
    </>
  );
}

/** "Pause until…" with a custom end: a local date-time field and its button, inside a menu. */
function CustomPause({ onPause }: { onPause: (until: number) => void }) {
  const [value, setValue] = useState(() => toLocalInputValue(Date.now() + 2 * 3_600_000));
  const id = useId();
  const until = new Date(value).getTime();
  const valid = Number.isFinite(until) && until > Date.now();
  return (
    <div className="menu-custom" onKeyDown={(event) => event.stopPropagation()}>
      <label htmlFor={id}>Until a time</label>
      <input id={id} type="datetime-local" value={value} onChange={(event) => setValue(event.target.value)} />
      <button type="button" role="menuitem" disabled={!valid} onClick={() => onPause(until)}>
        Pause until then
      </button>
    </div>
  );
}

export function pauseItems(job: JobView, pause: (until: number | null) => void, now: number, morning: string): Item[] {
  return pauseChoices(now, morning).map((choice) => ({
    label: `Pause ${choice.label}`,
    run: () => pause(choice.until),
  }));
}

/** The Pause (or Resume) control of the job page: Pause opens its choices of end. */
export function PauseControl({ job }: { job: JobView }) {
  const pauseJob = useAppStore((state) => state.pauseJob);
  const resumeJob = useAppStore((state) => state.resumeJob);
  const morning = usePauseMorning((state) => state.morning);
  if (job.paused)
    return (
      <button
        type="button"
        onClick={() => void resumeJob(job.id)}
        title={`Paused ${pauseEndText(job.pausedUntil, Date.now())}`}
      >
        Resume
      </button>
    );
  return (
    <MenuButton
      label={`Pause ${job.name}`}
      title={`Pause: hold the schedule for a while, not written to the file. ${DISABLED_VS_PAUSED}`}
      items={pauseItems(job, (until) => void pauseJob(job.id, until), Date.now(), morning)}
      footer={(close) => (
        <CustomPause
          onPause={(until) => {
            close();
            void pauseJob(job.id, until);
          }}
        />
      )}
    >
      Pause ▾
    </MenuButton>
  );
}

/** The row's "⋯" menu: every action on the job. */
export function JobActionsMenu({ job }: { job: JobView }) {
  const runNow = useAppStore((state) => state.runNow);
  const openDrawer = useAppStore((state) => state.openDrawer);
  const pauseJob = useAppStore((state) => state.pauseJob);
  const resumeJob = useAppStore((state) => state.resumeJob);
  const setEnabled = useAppStore((state) => state.setEnabled);
  const duplicateJob = useAppStore((state) => state.duplicateJob);
  const navigate = useAppStore((state) => state.navigate);
  const remove = useDeleteJob(job);
  const morning = usePauseMorning((state) => state.morning);
  const now = Date.now();
  const runAndShow = () => void runNow(job.id).then((runId) => runId !== null && openDrawer(runId));
  const items: Item[] = [
    ...(isFailing(job) && job.canRunNow ? [{ label: `Retry (run #${job.lastRun!.id} failed)`, run: runAndShow }] : []),
    ...(job.paused
      ? [{ label: `Resume (paused ${pauseEndText(job.pausedUntil, now)})`, run: () => void resumeJob(job.id) }]
      : pauseItems(job, (until) => void pauseJob(job.id, until), now, morning).map((item) => ({
          ...item,
          hint: DISABLED_VS_PAUSED,
        }))),
    {
      label: job.enabled ? 'Disable (in the jobs file)' : 'Enable (in the jobs file)',
      hint: DISABLED_VS_PAUSED,
      run: () => void setEnabled(job.id, !job.enabled),
    },
    { label: 'Edit…', run: () => navigate({ name: 'editor', mode: 'form', jobId: job.id }) },
    { label: 'Duplicate', run: () => void duplicateJob(job.id) },
    { label: 'Delete…', danger: true, run: remove.ask },
  ];
  return (
    <>
      <MenuButton label={`More actions for ${job.name}`} className="more compact" items={items}>
        <span aria-hidden="true">⋯</span>
      </MenuButton>
      {remove.dialog}
    </>
  );
}
