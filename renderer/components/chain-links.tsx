/**
 * Chains (`after:`) in the window: a job's parents and children as links in its facts, and a chain run's link to the
 * run of its parent that started (or held back) it.
 */
import type { ChainLinkView, JobView, RunRecord } from '../../shared/model';
import { unwrap } from '../lib/api-error';
import { formatDuration } from '../../shared/config/duration';
import { useApi, useAppStore } from '../store/store-context';

const ON_WORDS: Record<ChainLinkView['on'], string> = {
  success: 'on success',
  failure: 'on failure',
  always: 'whatever the outcome',
};

function JobLink({ link }: { link: ChainLinkView }) {
  const navigate = useAppStore((state) => state.navigate);
  return (
    <button type="button" className="link" onClick={() => navigate({ name: 'job', jobId: link.jobId })}>
      {link.name}
    </button>
  );
}

/** "Runs after: Build (on success)" and "Starts: Deploy, Report": nothing for a job in no chain. */
export function ChainFacts({ job }: { job: JobView }) {
  const parents = job.parents ?? [];
  const children = job.children ?? [];
  return (
    <>
      {parents.length > 0 ? (
        <div>
          <dt>Runs after</dt>
          <dd className="chain-parents">
            {parents.map((link, index) => (
              <span key={link.jobId}>
                {index > 0 ? ', ' : null}
                <JobLink link={link} /> ({ON_WORDS[link.on]}
                {link.delayMs > 0 ? `, ${formatDuration(link.delayMs)} later` : ''})
              </span>
            ))}
          </dd>
        </div>
      ) : null}
      {children.length > 0 ? (
        <div>
          <dt>Starts</dt>
          <dd className="chain-children">
            {children.map((link, index) => (
              <span key={link.jobId}>
                {index > 0 ? ', ' : null}
                <JobLink link={link} />
                {link.on === 'success' ? null : <span className="muted"> ({ON_WORDS[link.on]})</span>}
              </span>
            ))}
          </dd>
        </div>
      ) : null}
    </>
  );
}

/** The parent run of a chain run, as a link that opens it on its job's page. */
export function ParentRunLink({ run }: { run: RunRecord }) {
  const api = useApi();
  const navigate = useAppStore((state) => state.navigate);
  const showError = useAppStore((state) => state.showError);
  const parentRunId = run.parentRunId;
  if (parentRunId === null || parentRunId === undefined) return null;
  const open = () =>
    unwrap(api.getRun({ runId: parentRunId })).then(
      (parent) => navigate({ name: 'job', jobId: parent.jobId, runId: parent.id }),
      (error: unknown) => showError(error, `Could not open run #${parentRunId}`),
    );
  return (
    <>
      {' '}
      <button
        type="button"
        className="link mono parent-run"
        onClick={() => void open()}
        aria-label={`Open run ${parentRunId}, the parent run that started this one`}
      >
        after #{parentRunId}
      </button>
    </>
  );
}
