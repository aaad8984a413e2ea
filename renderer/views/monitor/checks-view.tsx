/** The Checks tab: every check with its state; these jobs run elsewhere and ping Cronbar. */
import { Empty } from '../../components/states';
import { useNow } from '../../lib/use-now';
import { useAppStore } from '../../store/store-context';
import { ChecksList } from './checks-list';

export function ChecksView() {
  const checks = useAppStore((state) => state.checks);
  const now = useNow();
  return (
    <section className="view checks-view" aria-labelledby="checks-view-heading">
      <div className="toolbar">
        <h1 id="checks-view-heading">Checks</h1>
        <span className="muted">jobs that run elsewhere and ping Cronbar: cronbar ping, cronbar exec</span>
      </div>
      {checks.length === 0 ? (
        <Empty title="No checks yet">
          <p>
            Add a `checks:` section to the jobs file, then have the job call `cronbar ping &lt;id&gt;` when it ends.
          </p>
        </Empty>
      ) : (
        <ChecksList checks={checks} now={now} heading="All checks" />
      )}
    </section>
  );
}
