/** node-schedule: one `scheduleJob(expr, fn)` per job. */
import schedule, { type Job } from 'node-schedule';
import type { FireListener, SchedulerSubject } from './subject';

export class NodeScheduleSubject implements SchedulerSubject {
  private jobs: Job[] = [];

  register(expressions: readonly string[], onFire: FireListener): void {
    this.jobs = expressions.map((expression, index) =>
      schedule.scheduleJob(`job-${index}`, expression, (fireDate: Date) => onFire(index, fireDate.getTime())),
    );
  }

  cancelAll(): void {
    for (const job of this.jobs) job.cancel();
    this.jobs = [];
  }
}
