/**
 * A reader's cache in the DB's settings: the first line is the key it was made under (JSON), the rest its body. It is
 * read only under the same key, and both ways are best effort: a busy or read-only DB, or a damaged row, only costs
 * the next reader the work the cache saves (lazy-config.ts, known-fires-store.ts).
 */
import type { Store } from '../ports';

/** The body stored under `key`, or null (none, another key, unreadable). */
export function readKeyedSetting(store: Store, setting: string, key: string): string | null {
  try {
    const raw = store.getSetting(setting);
    const head = `${JSON.stringify(key)}\n`;
    return raw !== null && raw.startsWith(head) ? raw.slice(head.length) : null;
  } catch {
    return null;
  }
}

export function writeKeyedSetting(store: Store, setting: string, key: string, body: string): void {
  try {
    store.setSetting(setting, `${JSON.stringify(key)}\n${body}`);
  } catch {
    // Nothing lost.
  }
}
