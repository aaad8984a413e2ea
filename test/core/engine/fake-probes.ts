/** Platform probes a test sets by hand: the power source, the network, idle time, file changes, as the OS would report them. */
import type { PlatformProbes, PowerSource, ProbeEvent } from '../../../electron/core/engine/platform-probes';
import type { TriggerEvent } from '../../../shared/config/trigger-schema';

export class FakeProbes implements PlatformProbes {
  power: PowerSource | null = 'ac';
  online: boolean | null = true;
  idle: number | null = 0;
  atLogin = false;
  blind: Partial<Record<TriggerEvent, string>> = {};
  reachableHosts = new Set<string>();
  /** How often the engine asked polled sources to read again. */
  refreshes = 0;
  /** Whether `subscribe` listeners get changes (push) or only `refresh` finds them (polled). */
  push = true;
  readonly listeners = new Map<ProbeEvent, Set<() => void>>();
  readonly watches = new Map<string, Set<(file: string) => void>>();
  /** What the last refresh read: a polled source reports only changes since then (null: not read yet). */
  private seenPower: PowerSource | null | undefined;
  private seenOnline: boolean | null | undefined;

  blindSpots() {
    return this.blind;
  }
  powerSource() {
    return this.power;
  }
  networkOnline() {
    return this.online;
  }
  idleMs() {
    return this.idle;
  }
  launchedAtLogin() {
    return this.atLogin;
  }
  subscribe(event: ProbeEvent, listener: () => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener);
    this.listeners.set(event, set);
    return () => set.delete(listener);
  }
  watchPath(pattern: string, onChange: (file: string) => void): () => void {
    const set = this.watches.get(pattern) ?? new Set();
    set.add(onChange);
    this.watches.set(pattern, set);
    return () => {
      set.delete(onChange);
      if (set.size === 0) this.watches.delete(pattern);
    };
  }
  refresh(): void {
    this.refreshes++;
    const powerChanged = this.seenPower !== undefined && this.power !== this.seenPower;
    const networkChanged = this.seenOnline !== undefined && this.online !== this.seenOnline;
    this.seenPower = this.power;
    this.seenOnline = this.online;
    if (powerChanged) this.notify('power');
    if (networkChanged) this.notify('network');
  }
  reachable(host: string): Promise<boolean> {
    return Promise.resolve(this.reachableHosts.has(host));
  }

  listenerCount(event: ProbeEvent): number {
    return this.listeners.get(event)?.size ?? 0;
  }
  setPower(source: PowerSource): void {
    this.power = source;
    if (this.push) this.notify('power');
  }
  setOnline(online: boolean): void {
    this.online = online;
    if (this.push) this.notify('network');
  }
  fileChanged(pattern: string, file: string): void {
    for (const listener of this.watches.get(pattern) ?? []) listener(file);
  }

  private notify(event: ProbeEvent): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener();
  }
}
