/**
 * Where a reader keeps the cron fires it computed (engine/known-fires.ts) from one CLI run to the next: a setting in
 * the DB, under a key of the build and the time-zone rules, so another croner or other tz data never reads them.
 */
import { KnownFires } from '../engine/known-fires';
import type { Store } from '../ports';
import { readKeyedSetting, writeKeyedSetting } from './keyed-setting';

const SETTING = 'knownCronFires';

const keyOf = (buildId: string) => `${buildId}|icu ${process.versions.icu ?? '-'}|tz ${process.versions.tz ?? '-'}`;

export function readKnownFires(store: Store, buildId: string): KnownFires {
  return KnownFires.parse(readKeyedSetting(store, SETTING, keyOf(buildId)));
}

/** Only when something was learnt. */
export function writeKnownFires(store: Store, buildId: string, known: KnownFires): void {
  if (known.changed) writeKeyedSetting(store, SETTING, keyOf(buildId), known.serialize());
}
