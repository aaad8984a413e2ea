/**
 * Where a reader keeps the cron fires it computed (engine/known-fires.ts) from one CLI run to the next: a setting in
 * the DB, under a key of the build and the time-zone rules, so another croner or other tz data never reads them.
 */
import { KnownFires } from '../engine/known-fires';
import type { Store } from '../ports';

const SETTING = 'knownCronFires';

function header(buildId: string): string {
  return JSON.stringify(`${buildId}|icu ${process.versions.icu ?? '-'}|tz ${process.versions.tz ?? '-'}`);
}

export function readKnownFires(store: Store, buildId: string): KnownFires {
  try {
    const raw = store.getSetting(SETTING);
    const head = `${header(buildId)}\n`;
    return KnownFires.parse(raw !== null && raw.startsWith(head) ? raw.slice(head.length) : null);
  } catch {
    return new KnownFires();
  }
}

/** Best effort, and only when something was learnt: a busy or read-only DB costs the next reader a computation. */
export function writeKnownFires(store: Store, buildId: string, known: KnownFires): void {
  if (!known.changed) return;
  try {
    store.setSetting(SETTING, `${header(buildId)}\n${known.serialize()}`);
  } catch {
    // Nothing lost.
  }
}
