/** toad-scheduler's CronJob (built on croner), one per job, in one ToadScheduler. */
import type { Cron } from 'croner';
import { CronJob, Task, ToadScheduler } from 'toad-scheduler';
import { CronerTargets } from './croner-target';
import type { FireListener, SchedulerSubject } from './subject';

/** toad keeps the croner instance it fires through on the job (not in its typings). */
const cronOf = (job: CronJob) => (job as unknown as { cronInstance: Cron }).cronInstance;

export class ToadSchedulerSubject implements SchedulerSubject {
  private scheduler = new ToadScheduler();

  register(expressions: readonly string[], onFire: FireListener): void {
    const targets = new CronerTargets(expressions);
    expressions.forEach((cronExpression, index) => {
      const job: CronJob = new CronJob(
        { cronExpression },
        new Task(`job-${index}`, () => onFire(index, targets.fired(index, cronOf(job)))),
        { id: `job-${index}` },
      );
      this.scheduler.addCronJob(job);
      targets.armed(index, cronOf(job));
    });
  }

  cancelAll(): void {
    this.scheduler.stop();
    this.scheduler = new ToadScheduler();
  }
}
