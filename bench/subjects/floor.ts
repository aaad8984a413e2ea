/**
 * The floor: the least a scheduler can do in this runtime. Jobs are grouped by expression, and ONE bare setTimeout
 * is aimed at the earliest next fire of any group; when it fires it calls every due job in turn and re-arms. No
 * persistence, no queue, no bookkeeping: whatever lateness this shows is the cost of the timer and of calling N
 * callbacks, which no scheduler in this process can beat.
 */
import { Cron } from 'croner';
import type { FireListener, SchedulerSubject } from './subject';

/** setTimeout's longest delay; longer waits re-arm (https://nodejs.org/api/timers.html#settimeoutcallback-delay-args). */
const MAX_DELAY_MS = 2 ** 31 - 1;

interface Group {
  pattern: Cron;
  jobs: number[];
  next: number;
}

export class FloorSubject implements SchedulerSubject {
  private groups: Group[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private onFire: FireListener = () => {};

  register(expressions: readonly string[], onFire: FireListener): void {
    this.onFire = onFire;
    const byExpression = new Map<string, Group>();
    const now = new Date();
    expressions.forEach((expression, index) => {
      let group = byExpression.get(expression);
      if (!group) {
        const pattern = new Cron(expression, { paused: true });
        group = { pattern, jobs: [], next: pattern.nextRun(now)?.getTime() ?? Infinity };
        byExpression.set(expression, group);
      }
      group.jobs.push(index);
    });
    this.groups = [...byExpression.values()];
    this.arm();
  }

  cancelAll(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.groups = [];
  }

  private arm(): void {
    let earliest = Infinity;
    for (const group of this.groups) earliest = Math.min(earliest, group.next);
    if (earliest === Infinity) return;
    this.timer = setTimeout(() => this.fire(), Math.min(MAX_DELAY_MS, Math.max(0, earliest - Date.now())));
  }

  private fire(): void {
    const now = Date.now();
    for (const group of this.groups) {
      if (group.next > now) continue;
      const scheduledFor = group.next;
      for (const job of group.jobs) this.onFire(job, scheduledFor);
      group.next = group.pattern.nextRun(new Date(Math.max(now, scheduledFor)))?.getTime() ?? Infinity;
    }
    this.arm();
  }
}
