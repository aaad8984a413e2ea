/**
 * The checks' families on `/metrics`: each check's state (one series, value 1, the state as label, like a job's last
 * run status) and its last ping's time. Set afresh on every scrape from `listChecks`, which computes the states from
 * the store at "now" as `cronbar list` does, so the two always agree. Checks are few next to jobs (they are written by
 * hand, one per outside job), so these families are not memoised.
 */
import { Gauge, type Registry } from 'prom-client';
import type { CheckView } from '../../../../shared/model';

export class CheckMetrics {
  readonly #state;
  readonly #lastPing;

  constructor(registry: Registry) {
    const registers = [registry];
    this.#state = new Gauge({
      name: 'cronbar_check_state',
      help: "A check's state (one series per check, value 1, the state as label: new, up, late, down)",
      labelNames: ['check_id', 'state'],
      registers,
    });
    this.#lastPing = new Gauge({
      name: 'cronbar_check_last_ping_timestamp_seconds',
      help: 'When the check was last pinged (any kind; absent: never)',
      labelNames: ['check_id'],
      registers,
    });
  }

  /** Replaces every check series with these views (a check that left the jobs file, or changed state, loses its old series). */
  set(checks: readonly CheckView[]): void {
    this.#state.reset();
    this.#lastPing.reset();
    for (const check of checks) {
      this.#state.set({ check_id: check.id, state: check.state }, 1);
      if (check.lastPing) this.#lastPing.set({ check_id: check.id }, check.lastPing.at / 1000);
    }
  }
}
