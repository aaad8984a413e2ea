/**
 * Plain stand-in for service/known-fires-store.ts (and so engine/known-fires.ts): no remembered cron fires, the
 * schedule calculator asks croner (and so ICU) as the scheduler does.
 */
import type { KnownFires } from '../../electron/core/engine/known-fires';

export function readKnownFires(): KnownFires {
  return null as unknown as KnownFires;
}

export function writeKnownFires(): void {}
