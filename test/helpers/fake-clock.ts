/**
 * A Clock for tests: time moves only when the test says so. `advance` moves the wall and monotonic clocks together
 * and fires due timers in order; `jumpWallClock` moves only the wall clock (NTP step, the user changing the time,
 * or a machine waking from sleep — Linux's monotonic clock stops during suspend).
 * Like Node, a delay above 2^31-1 ms is treated as 1 ms, so code that forgets to chunk long waits misfires here too.
 */
import type { Clock, TimerHandle } from '../../electron/core/ports';

interface FakeTimer {
  id: number;
  dueMono: number;
  delay: number;
  fn: () => void;
}

const NODE_MAX_DELAY = 2 ** 31 - 1;

export class FakeClock implements Clock {
  private wall: number;
  private mono = 0;
  private nextId = 1;
  private timers: FakeTimer[] = [];
  /** Every delay ever passed to setTimeout, for assertions on chunking. */
  readonly delays: number[] = [];

  constructor(startWall: number | string = '2026-01-01T00:00:00Z') {
    this.wall = typeof startWall === 'string' ? Date.parse(startWall) : startWall;
  }

  now(): number {
    return this.wall;
  }

  monotonic(): number {
    return this.mono;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const delay = ms > NODE_MAX_DELAY || !(ms >= 1) ? 1 : Math.floor(ms);
    this.delays.push(ms);
    const timer: FakeTimer = { id: this.nextId++, dueMono: this.mono + delay, delay, fn };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Moves both clocks forward by `ms`, firing due timers (synchronously) in order. */
  advance(ms: number): void {
    const target = this.mono + ms;
    for (let timer = this.nextDue(target); timer; timer = this.nextDue(target)) this.fire(timer);
    this.wall += target - this.mono;
    this.mono = target;
  }

  /** Like advance, but lets promise callbacks (run completions) settle after each timer. */
  async advanceAsync(ms: number): Promise<void> {
    const target = this.mono + ms;
    await flush();
    for (let timer = this.nextDue(target); timer; timer = this.nextDue(target)) {
      this.fire(timer);
      await flush();
    }
    this.wall += target - this.mono;
    this.mono = target;
    await flush();
  }

  /** Advances to a wall-clock instant (epoch ms or ISO text). */
  async advanceTo(at: number | string): Promise<void> {
    const target = typeof at === 'string' ? Date.parse(at) : at;
    await this.advanceAsync(Math.max(0, target - this.wall));
  }

  /**
   * Moves both clocks without firing timers, as when the process is stalled (or the platform's timers do not run
   * while suspended): overdue timers fire late at the next advance.
   */
  stall(ms: number): void {
    this.wall += ms;
    this.mono += ms;
  }

  /** Moves only the wall clock (a clock change or a sleep): timers stay where they were on the monotonic clock. */
  jumpWallClock(ms: number): void {
    this.wall += ms;
  }

  private nextDue(target: number): FakeTimer | undefined {
    let best: FakeTimer | undefined;
    for (const timer of this.timers) {
      if (timer.dueMono > target) continue;
      if (!best || timer.dueMono < best.dueMono || (timer.dueMono === best.dueMono && timer.id < best.id)) best = timer;
    }
    return best;
  }

  private fire(timer: FakeTimer): void {
    this.timers = this.timers.filter((other) => other !== timer);
    // An overdue timer (after a stall) fires late: time does not go back to its due moment.
    if (timer.dueMono > this.mono) {
      this.wall += timer.dueMono - this.mono;
      this.mono = timer.dueMono;
    }
    timer.fn();
  }
}

/** Lets pending promise callbacks run (several turns, for chains of awaits). */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
