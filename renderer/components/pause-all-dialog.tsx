/** "Pause all" asks first, and for how long: for 1 h, until the morning, until resumed, or until a chosen time. */
import { useId, useRef, useState } from 'react';
import { useModalDialog } from '../lib/use-modal-dialog';
import { pauseChoices, toLocalInputValue } from '../lib/pause-choices';
import { usePauseMorning } from '../lib/pause-morning';

export function PauseAllDialog({ onPause, onCancel }: { onPause(until: number | null): void; onCancel(): void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const firstRef = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const [now] = useState(() => Date.now());
  const morning = usePauseMorning((state) => state.morning);
  const choices = pauseChoices(now, morning);
  // The morning is what a bedtime "pause all" means; it is selected first.
  const [choice, setChoice] = useState(1);
  const [custom, setCustom] = useState(() => toLocalInputValue(now + 2 * 3_600_000));
  const customAt = new Date(custom).getTime();
  const until = choice < choices.length ? choices[choice]!.until : customAt;
  const valid = choice < choices.length || (Number.isFinite(customAt) && customAt > Date.now());

  useModalDialog(dialogRef, firstRef);

  return (
    <dialog
      ref={dialogRef}
      className="confirm-dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        event.stopPropagation();
        onCancel();
      }}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>Pause every job?</h2>
      <p>
        No job starts on its schedule until the pause ends; running jobs finish. Nothing is written to the jobs file.
      </p>
      <fieldset className="choice-list">
        <legend>How long</legend>
        {choices.map((entry, index) => (
          <label key={entry.label}>
            <input
              ref={index === choice ? firstRef : undefined}
              type="radio"
              name="pause-all-until"
              checked={choice === index}
              onChange={() => setChoice(index)}
            />{' '}
            {entry.label}
          </label>
        ))}
        <label>
          <input
            type="radio"
            name="pause-all-until"
            checked={choice === choices.length}
            onChange={() => setChoice(choices.length)}
          />{' '}
          until{' '}
          <input
            type="datetime-local"
            aria-label="Pause until this time"
            value={custom}
            onFocus={() => setChoice(choices.length)}
            onChange={(event) => setCustom(event.target.value)}
          />
        </label>
      </fieldset>
      <div className="button-row">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={!valid} onClick={() => onPause(until)}>
          Pause all
        </button>
      </div>
    </dialog>
  );
}
