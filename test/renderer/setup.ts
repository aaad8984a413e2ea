/**
 * Shared by every component test (import it first): jest-dom matchers, cleanup, and the layout jsdom lacks. The
 * virtualised list measures its scroll box; jsdom lays nothing out, so give elements a window-sized box.
 */
import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy/waitFor wait for what a user would see; on a loaded 2-core machine a view's first render (CodeMirror, the
// settings form) has taken over the default 1 s. Waiting longer does not make an assertion weaker.
configure({ asyncUtilTimeout: 5_000 });

for (const [name, size] of [
  ['clientHeight', 800],
  ['clientWidth', 1200],
  ['offsetHeight', 800],
  ['offsetWidth', 1200],
] as const) {
  Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => size });
}

// CodeMirror measures text through Range rects, which jsdom does not implement.
Range.prototype.getClientRects = () =>
  ({ length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] }) as unknown as DOMRectList;
Range.prototype.getBoundingClientRect = () => new DOMRect();

// jsdom has <dialog> but not its modal methods: open and close it in place. The modal behaviour itself (inert page,
// focus kept inside) is Chromium's, exercised in test/browser.
if (!HTMLDialogElement.prototype.showModal) {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
}

afterEach(() => cleanup());
