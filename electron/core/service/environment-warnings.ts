/**
 * validateConfig's warnings about the environment jobs get here (command-path-check.ts), with the user's login-shell
 * PATH for "found at": the base itself when it is the login shell's (the desktop app), else read once per process,
 * and only when a program was not found.
 */
import type { JobsConfig } from '../../../shared/config/schema';
import type { ConfigIssue } from '../../../shared/model';
import type { BaseEnvironment } from '../runner/job-environment';

export async function environmentWarnings(
  config: JobsConfig,
  text: string,
  fileName: string,
  base: BaseEnvironment,
): Promise<ConfigIssue[]> {
  if (!config.jobs.some((job) => job.action.kind === 'command')) return [];
  const [{ commandPathWarnings }, { loginShellEnvironmentOnce }] = await Promise.all([
    import('./command-path-check'),
    import('../runner/login-shell-environment'),
  ]);
  const check = (loginPath: string | undefined) =>
    commandPathWarnings({
      config,
      text,
      fileName,
      base,
      loginPath:
        loginPath === undefined ? null : loginPath.split(process.platform === 'win32' ? ';' : ':').filter(Boolean),
    });
  if (base.source.startsWith('login shell ')) return check(base.env.PATH);
  // The login shell is asked only when a program was not found: it can take seconds (rc files).
  const first = check(undefined);
  if (!first.some((warning) => warning.path.endsWith('.command'))) return first;
  const login = await loginShellEnvironmentOnce();
  return check(login.ok ? login.environment.env.PATH : undefined);
}
