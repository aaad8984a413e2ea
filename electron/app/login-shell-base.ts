/**
 * The desktop app's jobs start from the user's login-shell environment, not the one the app was started with (on
 * macOS launchd's `/usr/bin:/bin:/usr/sbin:/sbin`), as shell-env/fix-path do for GUI apps. Read once at start, in the
 * background: the promise goes to openCronbar, which holds back only the engine's first runs until it settles (the
 * read's own timeout bounds that); the tray and window come up meanwhile. A failed read falls back to the app's own
 * environment and says why in the app log.
 */
import { type LoginShellOptions, captureLoginShellEnvironment } from '../core/runner/login-shell-environment';
import { type BaseEnvironment, ownEnvironment } from '../core/runner/job-environment';

export async function readLoginShellBase(
  log: (line: string) => void,
  options: LoginShellOptions = {},
): Promise<BaseEnvironment> {
  const captured = await captureLoginShellEnvironment(options);
  if (captured.ok) return captured.environment;
  log(`jobs get the app's own environment: the login shell could not be read (${captured.why})`);
  const own = ownEnvironment('the app', options.env);
  return { ...own, source: `${own.source} (login shell not read: ${captured.why})` };
}
