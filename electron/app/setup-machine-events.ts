/**
 * The desktop app's platform probes for `on:` events and `when:` conditions (core/engine/platform-probes.ts), built
 * before the service so its engine sees them from the start. From Electron's powerMonitor
 * (https://www.electronjs.org/docs/latest/api/power-monitor): the user's idle time (`getSystemIdleTime`, seconds),
 * the power source (`isOnBatteryPower`, with `on-ac`/`on-battery` as its change events on macOS and Windows); on
 * Linux, where those two events are not emitted, the power source comes from /sys like the daemon's. The network
 * and file watches are the daemon's (core/probes/os-probes.ts). `login`: the app was launched at login
 * (policy/launch-mode.ts decides). Sleep and wake go through setup-power.ts's resync, which the engine turns into
 * `on: resume`. Returns the probes and the dispose.
 */
import { powerMonitor } from 'electron';
import type { PlatformProbes, ProbeEvent } from '../core/engine/platform-probes';
import { createOsProbes } from '../core/probes/os-probes';

export function setupMachineEvents(options: {
  platform: NodeJS.Platform;
  launchedAtLogin: boolean;
  log: (line: string) => void;
}): { probes: PlatformProbes; dispose: () => void } {
  const { platform } = options;
  const os = createOsProbes({ platform, log: options.log });
  // powerMonitor's on-ac/on-battery are "macOS Windows" in Electron's docs; Linux reads /sys instead.
  const powerFromElectron = platform === 'darwin' || platform === 'win32';
  let atLogin = options.launchedAtLogin;
  const unsubscribers = new Set<() => void>();

  const subscribe = (event: ProbeEvent, listener: () => void): (() => void) => {
    if (event !== 'power' || !powerFromElectron) return os.subscribe(event, listener);
    powerMonitor.on('on-ac', listener);
    powerMonitor.on('on-battery', listener);
    const unsubscribe = () => {
      powerMonitor.off('on-ac', listener);
      powerMonitor.off('on-battery', listener);
      unsubscribers.delete(unsubscribe);
    };
    unsubscribers.add(unsubscribe);
    return unsubscribe;
  };

  const probes: PlatformProbes = {
    blindSpots: () => ({}),
    powerSource: () => (powerFromElectron ? (powerMonitor.isOnBatteryPower() ? 'battery' : 'ac') : os.powerSource()),
    networkOnline: () => os.networkOnline(),
    idleMs: () => powerMonitor.getSystemIdleTime() * 1000,
    // Once: a later restart of the engine within this app is not a login.
    launchedAtLogin: () => {
      const was = atLogin;
      atLogin = false;
      return was;
    },
    subscribe,
    watchPath: (pattern, onChange) => os.watchPath(pattern, onChange),
    refresh: () => os.refresh(),
    reachable: (host) => os.reachable(host),
  };
  return { probes, dispose: () => [...unsubscribers].forEach((unsubscribe) => unsubscribe()) };
}
