/**
 * Event triggers (`on:`), conditions (`when:`) and `keepAwake` in the window: facts in the job detail, and the words
 * the jobs table shows for a job that has events but no clock schedule.
 */
import type { JobView } from '../../shared/model';

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The schedule column's words: a job with no clock schedule is started by its events (and/or its parents). */
export function scheduleWords(job: JobView): string {
  const triggers = job.triggers ?? [];
  if (job.schedule.kind !== 'none' || triggers.length === 0) return job.schedule.description;
  const events = triggers.map((trigger) => trigger.text).join('; ');
  return (job.parents ?? []).length > 0 ? `${job.schedule.description}; ${events}` : capitalized(events);
}

/** "Runs on", "Only when" and "Keeps the computer awake": nothing for a job with none of them. */
export function TriggerFacts({ job }: { job: JobView }) {
  const triggers = job.triggers ?? [];
  return (
    <>
      {triggers.length > 0 ? (
        <div>
          <dt>Runs on</dt>
          <dd className="job-triggers">{triggers.map((trigger) => trigger.text).join('; ')}</dd>
        </div>
      ) : null}
      {job.conditions ? (
        <div>
          <dt>Only when</dt>
          <dd className="job-conditions">{job.conditions}</dd>
        </div>
      ) : null}
      {job.keepAwake ? (
        <div>
          <dt>Sleep</dt>
          <dd className="job-keep-awake">Keeps the computer awake while it runs</dd>
        </div>
      ) : null}
    </>
  );
}
