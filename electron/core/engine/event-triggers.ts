/**
 * `on:` events: turns what the machine reports (platform-probes.ts) and what the engine itself sees (its start, a
 * resync after sleep) into fires of the jobs that listen, each after its `delay`. A fire goes through the same
 * admission as a scheduled one (the host's `fire`: pause, conditions, overlap, the concurrency limit, retries, a row
 * with the event as its trigger). Subscribes to a probe only while a job listens to it, and polls (the probes'
 * `refresh`, the idle check) only on the clock watch's existing 30 s wake-up, so listening adds no timer.
 */
import { formatMs } from '../../../shared/config/describe-trigger';
import type { TriggerEvent, TriggerSpec } from '../../../shared/config/trigger-schema';
import type { Clock, TimerHandle } from '../ports';
import { type JobEntry, isSchedulable } from './engine-types';
import type { PlatformProbes, ProbeEvent } from './platform-probes';

/** File events closer together than this are one change (an editor's write-rename-chmod, a copy in chunks). */
export const PATH_DEBOUNCE_MS = 200;
/** A file that keeps changing still fires at least this often. */
export const PATH_MAX_WAIT_MS = 2_000;
/** Wall time ahead by this much across a resync counts as a wake from sleep (Linux's monotonic clock stops in suspend). */
export const RESUME_MIN_DRIFT_MS = 60_000;
/** One sleep seen twice (the clock watch, then powerMonitor's resume) is one resume. */
const RESUME_COALESCE_MS = 120_000;

export interface EventTriggersHost {
  clock: Clock;
  probes: PlatformProbes;
  jobs(): Iterable<JobEntry>;
  /** Admits one event fire of `job` now; `reason` words the event for the row. */
  fire(job: JobEntry, event: TriggerEvent, reason: string): void;
  log(line: string): void;
}

interface PathWatch {
  unsubscribe: () => void;
  listeners: Array<{ job: JobEntry; trigger: TriggerSpec }>;
  quietTimer: TimerHandle | null;
  firstChangeAt: number | null;
  lastFile: string | null;
}

export class EventTriggers {
  private readonly byEvent = new Map<TriggerEvent, Array<{ job: JobEntry; trigger: TriggerSpec }>>();
  private readonly subscriptions = new Map<ProbeEvent, () => void>();
  private readonly paths = new Map<string, PathWatch>();
  /** Pending `delay`s, one per job and trigger: a second event meanwhile is the same fire. */
  private readonly delays = new Map<TriggerSpec, TimerHandle>();
  /** Idle triggers that fired in the current idle stretch (they fire again after the user came back). */
  private readonly idleFired = new Set<TriggerSpec>();
  private lastPower: string | null = null;
  private lastOnline: boolean | null = null;
  private lastResumeAt = -Infinity;
  private running = false;

  constructor(private readonly host: EventTriggersHost) {}

  /** Whether any job listens to an event the probes must poll for (then the clock watch's wake-up refreshes them). */
  get polling(): boolean {
    return this.byEvent.has('power') || this.byEvent.has('network') || this.byEvent.has('idle');
  }

  /** The listeners after a new jobs list: probes subscribed while someone listens, path watches kept per pattern. */
  apply(): void {
    this.byEvent.clear();
    const patterns = new Map<string, Array<{ job: JobEntry; trigger: TriggerSpec }>>();
    for (const job of this.host.jobs()) {
      if (!isSchedulable(job) || job.spec.triggers === undefined) continue;
      for (const trigger of job.spec.triggers) {
        const list = this.byEvent.get(trigger.event) ?? [];
        list.push({ job, trigger });
        this.byEvent.set(trigger.event, list);
        if (trigger.event === 'path')
          patterns.set(trigger.path, [...(patterns.get(trigger.path) ?? []), { job, trigger }]);
      }
    }
    for (const [trigger, timer] of this.delays)
      if (!this.listens(trigger)) {
        this.host.clock.clearTimeout(timer);
        this.delays.delete(trigger);
      }
    if (this.running) this.subscribe(patterns);
    else this.pendingPatterns = patterns;
  }

  private pendingPatterns: Map<string, Array<{ job: JobEntry; trigger: TriggerSpec }>> | null = null;

  /** The scheduler started: `on: start` fires, `on: login` too when the desktop app was launched at login. */
  start(): void {
    this.running = true;
    this.subscribe(this.pendingPatterns ?? new Map());
    this.pendingPatterns = null;
    this.lastPower = this.host.probes.powerSource();
    this.lastOnline = this.host.probes.networkOnline();
    this.emit('start', 'on start: the scheduler started');
    if (this.host.probes.launchedAtLogin()) this.emit('login', 'on login: the app started at login');
  }

  stop(): void {
    this.running = false;
    for (const unsubscribe of this.subscriptions.values()) unsubscribe();
    this.subscriptions.clear();
    for (const watch of this.paths.values()) this.closePath(watch);
    this.paths.clear();
    for (const timer of this.delays.values()) this.host.clock.clearTimeout(timer);
    this.delays.clear();
  }

  /** The engine resynced: a wake from sleep (powerMonitor's resume, or the wall clock far ahead of the monotonic one). */
  onResync(reason: string, driftMs: number): void {
    if (!this.running || (reason !== 'resume' && driftMs < RESUME_MIN_DRIFT_MS)) return;
    const now = this.host.clock.monotonic();
    if (now - this.lastResumeAt < RESUME_COALESCE_MS) return;
    this.lastResumeAt = now;
    this.emit('resume', 'on resume: the computer woke from sleep');
  }

  /** The clock watch's 30 s wake-up: polled probes read again, idle time looked at. Nothing while no job listens. */
  onClockCheck(): void {
    if (!this.running || !this.polling) return;
    this.host.probes.refresh();
    this.checkPower();
    this.checkNetwork();
    this.checkIdle();
  }

  private listens(trigger: TriggerSpec): boolean {
    return (this.byEvent.get(trigger.event) ?? []).some((entry) => entry.trigger === trigger);
  }

  private subscribe(patterns: Map<string, Array<{ job: JobEntry; trigger: TriggerSpec }>>): void {
    for (const event of ['power', 'network'] as const) {
      const wanted = this.byEvent.has(event);
      const held = this.subscriptions.get(event);
      if (wanted && !held) {
        const onChange = event === 'power' ? () => this.checkPower() : () => this.checkNetwork();
        this.subscriptions.set(event, this.host.probes.subscribe(event, onChange));
      } else if (!wanted && held) {
        held();
        this.subscriptions.delete(event);
      }
    }
    for (const [pattern, watch] of this.paths)
      if (!patterns.has(pattern)) {
        this.closePath(watch);
        this.paths.delete(pattern);
      }
    for (const [pattern, listeners] of patterns) {
      const existing = this.paths.get(pattern);
      if (existing) {
        existing.listeners = listeners;
        continue;
      }
      const watch: PathWatch = {
        unsubscribe: () => {},
        listeners,
        quietTimer: null,
        firstChangeAt: null,
        lastFile: null,
      };
      try {
        watch.unsubscribe = this.host.probes.watchPath(pattern, (file) => this.onPathChange(watch, file));
      } catch (error) {
        this.host.log(`on path ${pattern}: cannot watch it: ${String(error)}`);
      }
      this.paths.set(pattern, watch);
    }
  }

  private closePath(watch: PathWatch): void {
    if (watch.quietTimer !== null) this.host.clock.clearTimeout(watch.quietTimer);
    watch.quietTimer = null;
    try {
      watch.unsubscribe();
    } catch (error) {
      this.host.log(`could not stop a path watch: ${String(error)}`);
    }
  }

  /** Debounced: fires PATH_DEBOUNCE_MS after the last change, or PATH_MAX_WAIT_MS after the first of a burst. */
  private onPathChange(watch: PathWatch, file: string): void {
    const { clock } = this.host;
    const now = clock.monotonic();
    watch.lastFile = file;
    watch.firstChangeAt ??= now;
    if (watch.quietTimer !== null) clock.clearTimeout(watch.quietTimer);
    const wait = Math.min(PATH_DEBOUNCE_MS, Math.max(0, watch.firstChangeAt + PATH_MAX_WAIT_MS - now));
    watch.quietTimer = clock.setTimeout(() => {
      watch.quietTimer = null;
      watch.firstChangeAt = null;
      const changed = watch.lastFile;
      for (const { job, trigger } of watch.listeners) this.after(job, trigger, `on path: ${changed} changed`);
    }, wait);
  }

  private checkPower(): void {
    const source = this.host.probes.powerSource();
    const before = this.lastPower;
    this.lastPower = source;
    if (source === 'ac' && before === 'battery') this.emit('power', 'on power: plugged in');
  }

  private checkNetwork(): void {
    const online = this.host.probes.networkOnline();
    const before = this.lastOnline;
    this.lastOnline = online;
    if (online !== true || before !== false) return;
    for (const { job, trigger } of this.byEvent.get('network') ?? []) {
      if (trigger.event !== 'network') continue;
      if (trigger.host === null) {
        this.after(job, trigger, 'on network: a default route came up');
        continue;
      }
      const host = trigger.host;
      this.host.probes.reachable(host).then(
        (reached) => {
          if (reached) this.after(job, trigger, `on network: up, ${host} reachable`);
          else this.host.log(`${job.spec.id}: the network came up but ${host} did not answer; not run`);
        },
        (error: unknown) => this.host.log(`${job.spec.id}: could not reach ${host}: ${String(error)}`),
      );
    }
  }

  private checkIdle(): void {
    const listeners = this.byEvent.get('idle');
    if (!listeners) return;
    const idle = this.host.probes.idleMs();
    if (idle === null) return;
    for (const { job, trigger } of listeners) {
      if (trigger.event !== 'idle') continue;
      if (idle < trigger.idleMs) this.idleFired.delete(trigger);
      else if (!this.idleFired.has(trigger)) {
        this.idleFired.add(trigger);
        this.after(job, trigger, `on idle: the user idle ${formatMs(trigger.idleMs)}`);
      }
    }
  }

  private emit(event: TriggerEvent, reason: string): void {
    for (const { job, trigger } of this.byEvent.get(event) ?? []) this.after(job, trigger, reason);
  }

  /** Fires now, or after the trigger's delay (a repeat of the event meanwhile joins the pending fire). */
  private after(job: JobEntry, trigger: TriggerSpec, reason: string): void {
    if (trigger.delayMs === 0) {
      this.host.fire(job, trigger.event, reason);
      return;
    }
    if (this.delays.has(trigger)) return;
    const timer = this.host.clock.setTimeout(() => {
      this.delays.delete(trigger);
      if (this.running && this.listens(trigger))
        this.host.fire(job, trigger.event, `${reason} (after ${formatMs(trigger.delayMs)})`);
    }, trigger.delayMs);
    this.delays.set(trigger, timer);
  }
}
