/**
 * What a reader (a CLI command that neither schedules nor watches) keeps in the DB for the next one: the jobs file as
 * parsed (lazy-config.ts) and the cron fires it computed (known-fires-store.ts). They keep `cronbar list` near the
 * cost of starting Node. Only the CLI build has a build id to key them by, so elsewhere (tests, the desktop app)
 * there is no reader cache and every process parses and computes for itself.
 */
import { systemZoneFingerprint } from '../config/system-zone';
import { textFingerprint } from '../config/text-fingerprint';
import type { KnownFires } from '../engine/known-fires';
import type { Store } from '../ports';
import { type ParsedJobs, cliBuildId, configCacheKey, readConfigCache, writeConfigCache } from './lazy-config';
import { readKnownFires, writeKnownFires } from './known-fires-store';

export interface ReaderCache {
  /** The jobs parsed from this text by an earlier reader of this build in this zone, or null. */
  parsedJobs(text: string, zone: () => string): ParsedJobs | null;
  keepParsedJobs(text: string, zone: () => string, parsed: ParsedJobs): void;
  /** The fires earlier readers computed; read from the DB when first asked for. */
  knownFires(): KnownFires;
  /** Stores the fires learnt since they were read (at shutdown, before the store closes). */
  save(): void;
}

export function openReaderCache(store: Store, buildId: string | undefined = cliBuildId()): ReaderCache | null {
  if (buildId === undefined) return null;
  let fires: KnownFires | null = null;
  // Where the machine's zone comes from (config/system-zone.ts) is cheaper to learn than the zone itself (Intl).
  const keyOf = (text: string, zone: () => string) =>
    configCacheKey(textFingerprint(text), systemZoneFingerprint() ?? zone(), buildId);
  return {
    parsedJobs(text, zone) {
      const key = keyOf(text, zone);
      return key === null ? null : readConfigCache(store, key);
    },
    keepParsedJobs(text, zone, parsed) {
      const key = keyOf(text, zone);
      if (key !== null) writeConfigCache(store, key, parsed);
    },
    knownFires: () => (fires ??= readKnownFires(store, buildId)),
    save() {
      if (fires) writeKnownFires(store, buildId, fires);
    },
  };
}
