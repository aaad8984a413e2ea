/** node-cron v4: one `cron.schedule(expr, fn)` task per job. */
import cron, { type ScheduledTask } from 'node-cron';
import type { FireListener, SchedulerSubject } from './subject';

export class NodeCronSubject implements SchedulerSubject {
  private tasks: ScheduledTask[] = [];

  async register(expressions: readonly string[], onFire: FireListener): Promise<void> {
    this.tasks = expressions.map((expression, index) =>
      cron.schedule(expression, (context) => onFire(index, context.date.getTime()), { name: `job-${index}` }),
    );
  }

  async cancelAll(): Promise<void> {
    await Promise.all(this.tasks.map((task) => task.destroy()));
    this.tasks = [];
  }
}
