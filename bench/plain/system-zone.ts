/** Plain stand-in for config/system-zone.ts: no file-based fingerprint, so the cache is keyed by the zone Intl names. */
export function systemZoneFingerprint(): string | null {
  return null;
}
