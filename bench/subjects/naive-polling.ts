/**
 * The naive design: a loop that wakes every 1000 ms, scans every job, runs those that are due and recomputes their
 * next fire with croner. Parsed patterns are shared per expression so this subject measures the polling design,
 * not croner's per-object memory (croner's own subject shows that).
 */
import { Cron } from 'croner';
import type { FireListener, SchedulerSubject } from './subject';

export class NaivePollingSubject implements SchedulerSubject {
  private loop: ReturnType<typeof setInterval> | null = null;

  register(expressions: readonly string[], onFire: FireListener): void {
    const patterns = new Map<string, Cron>();
    const now = new Date();
    const jobs = expressions.map((expression) => {
      let pattern = patterns.get(expression);
      if (!pattern) patterns.set(expression, (pattern = new Cron(expression, { paused: true })));
      return { pattern, next: pattern.nextRun(now)?.getTime() ?? Infinity };
    });
    this.loop = setInterval(() => {
      const tick = Date.now();
      jobs.forEach((job, index) => {
        if (job.next > tick) return;
        onFire(index, job.next);
        job.next = job.pattern.nextRun(new Date(tick))?.getTime() ?? Infinity;
      });
    }, 1000);
  }

  cancelAll(): void {
    if (this.loop) clearInterval(this.loop);
    this.loop = null;
  }
}
