import { type RefObject, useEffect } from 'react';

/**
 * Opens `dialog` as a modal on mount (the page behind goes inert, focus stays inside), puts focus on `first`, and on
 * unmount gives focus back to where the admin was (a no-op when that element is gone).
 */
export function useModalDialog(dialog: RefObject<HTMLDialogElement | null>, first: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
    first.current?.focus();
    return () => returnTo?.focus();
  }, []); // once per dialog: the refs are stable
}
