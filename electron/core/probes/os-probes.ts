/**
 * The daemon's platform probes, from the OS without Electron: the power source from Linux's
 * /sys/class/power_supply, the network from the default route in /proc/net/route (elsewhere: any non-internal
 * interface address), file changes from fs.watch. These sources have no change notification a plain Node process
 * can subscribe to, so changes are found by `refresh()`, which the engine calls only on its clock watch's 30 s
 * wake-up and only while a job listens or waits: nothing is polled otherwise. Idle time and login are the desktop
 * app's (electron/app/setup-machine-events.ts); `blindSpots` says so for `cronbar validate`.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import type { TriggerEvent } from '../../../shared/config/trigger-schema';
import type { PlatformProbes, PowerSource, ProbeEvent } from '../engine/platform-probes';
import { planPathWatch } from './path-glob';

export interface OsProbeOptions {
  platform?: NodeJS.Platform;
  /** Linux's power supply class directory (tests point it at a fixture). */
  powerSupplyDir?: string;
  /** Linux's IPv4 route table. */
  routeFile?: string;
  home?: string;
  log?: (line: string) => void;
}

const REACH_TIMEOUT_MS = 5_000;

export function createOsProbes(options: OsProbeOptions = {}): PlatformProbes {
  const platform = options.platform ?? process.platform;
  const powerDir = options.powerSupplyDir ?? '/sys/class/power_supply';
  const routeFile = options.routeFile ?? '/proc/net/route';
  const log = options.log ?? (() => {});
  const listeners = new Map<ProbeEvent, Set<() => void>>();
  let seenPower: PowerSource | null | undefined;
  let seenOnline: boolean | null | undefined;

  const powerSource = (): PowerSource | null => (platform === 'linux' ? linuxPowerSource(powerDir) : null);
  const networkOnline = (): boolean | null =>
    platform === 'linux' && fs.existsSync(routeFile) ? hasDefaultRoute(routeFile) : hasExternalAddress();
  const notify = (event: ProbeEvent) => {
    for (const listener of [...(listeners.get(event) ?? [])]) listener();
  };

  return {
    blindSpots() {
      const blind: Partial<Record<TriggerEvent, string>> = {
        login: 'only the desktop app knows it was started at login',
        idle: 'only the desktop app can read the user’s idle time',
      };
      if (platform !== 'linux') blind.power = `the daemon reads the power source on Linux only (this is ${platform})`;
      return blind;
    },
    powerSource,
    networkOnline,
    idleMs: () => null,
    launchedAtLogin: () => false,
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
    refresh() {
      const power = powerSource();
      const online = networkOnline();
      const powerChanged = seenPower !== undefined && power !== seenPower;
      const networkChanged = seenOnline !== undefined && online !== seenOnline;
      seenPower = power;
      seenOnline = online;
      if (powerChanged) notify('power');
      if (networkChanged) notify('network');
    },
    watchPath(pattern, onChange) {
      const plan = planPathWatch(pattern, isDirectory, options.home);
      const watcher = fs.watch(plan.root, { recursive: plan.recursive, persistent: false }, (_type, name) => {
        if (name === null) return;
        const file = `${plan.root.endsWith('/') ? plan.root : `${plan.root}/`}${name.toString()}`;
        if (plan.matches(file)) onChange(file);
      });
      watcher.on('error', (error) => log(`on path ${pattern}: the watch failed: ${String(error)}`));
      return () => watcher.close();
    },
    reachable: (host) => reach(host),
  };
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** Mains online, or no battery at all (a desktop): AC. A battery and no mains online: battery. */
export function linuxPowerSource(dir: string): PowerSource | null {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return null;
  }
  let mainsOnline = false;
  let hasMains = false;
  let batteryDischarging = false;
  for (const name of names) {
    const read = (file: string) => {
      try {
        return fs.readFileSync(`${dir}/${name}/${file}`, 'utf8').trim();
      } catch {
        return '';
      }
    };
    const type = read('type');
    if (type === 'Mains' || type === 'USB') {
      hasMains = true;
      if (read('online') === '1') mainsOnline = true;
    } else if (type === 'Battery' && read('scope') !== 'Device') {
      if (read('status') === 'Discharging') batteryDischarging = true;
    }
  }
  if (mainsOnline) return 'ac';
  if (batteryDischarging || hasMains) return 'battery';
  return 'ac';
}

/** A default route (destination 00000000) in the kernel's IPv4 table. */
export function hasDefaultRoute(routeFile: string): boolean | null {
  try {
    return fs
      .readFileSync(routeFile, 'utf8')
      .split('\n')
      .slice(1)
      .some((line) => line.split(/\s+/)[1] === '00000000');
  } catch {
    return null;
  }
}

function hasExternalAddress(): boolean {
  return Object.values(os.networkInterfaces()).some((addresses) =>
    (addresses ?? []).some((address) => !address.internal && !address.address.startsWith('fe80:')),
  );
}

/** Resolves and opens a TCP connection to 443, then 80. */
async function reach(host: string): Promise<boolean> {
  for (const port of [443, 80]) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host, port, timeout: REACH_TIMEOUT_MS });
      const done = (result: boolean) => {
        socket.destroy();
        resolve(result);
      };
      socket.once('connect', () => done(true));
      socket.once('timeout', () => done(false));
      socket.once('error', () => done(false));
    });
    if (ok) return true;
  }
  return false;
}
