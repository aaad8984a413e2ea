/** croner's own timers: one `new Cron(expr, fn)` per job, as its README shows. */
import { Cron } from 'croner';
import { CronerTargets } from './croner-target';
import type { FireListener, SchedulerSubject } from './subject';

export class CronerTimersSubject implements SchedulerSubject {
  private jobs: Cron[] = [];

  register(expressions: readonly string[], onFire: FireListener): void {
    const targets = new CronerTargets(expressions);
    this.jobs = expressions.map((expression, index) => {
      const job = new Cron(expression, (self: Cron) => onFire(index, targets.fired(index, self)));
      targets.armed(index, job);
      return job;
    });
  }

  cancelAll(): void {
    for (const job of this.jobs) job.stop();
    this.jobs = [];
  }
}
