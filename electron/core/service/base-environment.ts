/**
 * The base environment of this process's job runs (runner/job-environment.ts), and where it came from. The desktop
 * app hands in its login-shell capture as a promise: until it settles the holder answers with the app's own
 * environment, and open-cronbar.ts starts the engine only once it has settled (the capture has its own timeout), so
 * no scheduled run starts from launchd's PATH while the tray is already up. Everyone else uses its own environment.
 */
import { type BaseEnvironment, ownEnvironment } from '../runner/job-environment';

export class BaseEnvironmentHolder {
  #current: BaseEnvironment;
  /** Settles when the promised environment is in (never rejects); null when there was nothing to wait for. */
  readonly pending: Promise<void> | null;

  constructor(given: BaseEnvironment | Promise<BaseEnvironment> | undefined, who: string) {
    if (given === undefined || !('then' in given)) {
      this.#current = given ?? ownEnvironment(who);
      this.pending = null;
      return;
    }
    this.#current = {
      ...ownEnvironment(who),
      source: `${who}'s own environment (the login shell is still being read)`,
    };
    this.pending = given.then(
      (environment) => void (this.#current = environment),
      () => void (this.#current = ownEnvironment(who)),
    );
  }

  readonly current = (): BaseEnvironment => this.#current;
}
