/** The "?" sheet: every keyboard shortcut of the window, in a modal dialog. */
import { useRef } from 'react';
import { useModalDialog } from '../lib/use-modal-dialog';

export const SHORTCUTS: Array<[string, string]> = [
  ['/', 'Search the jobs'],
  ['j / k', 'Next / previous job'],
  ['Enter', 'Open the focused job'],
  ['r', 'Run the focused job now'],
  ['Esc', 'Back (to the row you came from)'],
  ['?', 'This list'],
];

export function ShortcutsSheet({ onClose }: { onClose(): void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  useModalDialog(dialogRef, closeRef);
  return (
    <dialog
      ref={dialogRef}
      className="confirm-dialog shortcuts"
      aria-modal="true"
      aria-labelledby="shortcuts-heading"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' && event.key !== '?') return;
        event.preventDefault();
        event.stopPropagation();
        onClose();
      }}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id="shortcuts-heading">Keyboard shortcuts</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Does</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map(([key, what]) => (
            <tr key={key}>
              <td>
                <kbd>{key}</kbd>
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="button-row">
        <button ref={closeRef} type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
