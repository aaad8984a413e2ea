/**
 * The seam between the engine and the machine it runs on, for `on:` events and `when:` conditions: what the power
 * source, the network and the user's idle time are now, and subscriptions to their changes. The daemon's come from
 * the OS (core/probes/), the desktop app's from Electron's powerMonitor (electron/app/setup-machine-events.ts), tests
 * inject fakes. Sleep and wake need no probe: the engine's clock watch sees them (clock-watch.ts).
 */
import type { TriggerEvent } from '../../../shared/config/trigger-schema';

export type PowerSource = 'ac' | 'battery';

/** The push sources a probe may notify about; the engine subscribes only while some job listens. */
export type ProbeEvent = 'power' | 'network';

export interface PlatformProbes {
  /** Why this process cannot see an event (or the condition of the same name); absent: it can. */
  blindSpots(): Partial<Record<TriggerEvent, string>>;
  /** Null: this process cannot tell. */
  powerSource(): PowerSource | null;
  networkOnline(): boolean | null;
  /** How long the user has been idle (ms); null where unknown (the daemon). */
  idleMs(): number | null;
  /** True once, in a desktop app the OS launched at login. */
  launchedAtLogin(): boolean;
  /** Calls `listener` on a change of that source: AC plugged in or unplugged, a default route came or went. */
  subscribe(event: ProbeEvent, listener: () => void): () => void;
  /** Calls `onChange(file)` for files created or changed that match `pattern` (a path or glob, `~/` allowed). */
  watchPath(pattern: string, onChange: (file: string) => void): () => void;
  /**
   * Sources that can only be polled read again and notify their subscribers of a change. The engine calls it on the
   * clock watch's 30 s wake-up, and only while some job listens or waits, so polling adds no wake-up of its own.
   */
  refresh(): void;
  /** Whether `host` resolves and answers a TCP connection on 443 or 80 (for `network: <host>`). */
  reachable(host: string): Promise<boolean>;
}

/** A process that sees nothing of the machine: every event but start and resume is blind. */
export const blindProbes: PlatformProbes = {
  blindSpots: () => ({
    login: 'no probe',
    network: 'no probe',
    power: 'no probe',
    idle: 'no probe',
    path: 'no probe',
  }),
  powerSource: () => null,
  networkOnline: () => null,
  idleMs: () => null,
  launchedAtLogin: () => false,
  subscribe: () => () => {},
  watchPath: () => () => {},
  refresh: () => {},
  reachable: () => Promise.resolve(false),
};
