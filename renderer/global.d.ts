import type { WindowApi } from '../shared/api/contract';

declare global {
  interface Window {
    /** Set by the preload (or the browser test bridge) from the shared contract. */
    api: WindowApi;
  }
}
