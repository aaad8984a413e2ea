/**
 * The user's login-shell environment, read the way `shell-env` and `fix-path` read it for GUI apps: `$SHELL -ilc env`
 * between markers (what the rc files print around it is dropped). A GUI app started at login gets launchd's or the
 * session's PATH (`/usr/bin:/bin:/usr/sbin:/sbin` on macOS), not the one the user's terminal has; jobs run by the
 * desktop app start from this instead. Bounded by a timeout (an rc file that waits for input must not hold jobs back)
 * and never throws: null means "not available", and the caller falls back to its own environment.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import type { BaseEnvironment } from './job-environment';

export const LOGIN_SHELL_TIMEOUT_MS = 5_000;
const MARKER = '_CRONBAR_SHELL_ENV_';
// `command env`: not an alias or function named env. printf: `echo -n` is not portable.
const SCRIPT = `printf '%s' '${MARKER}'; command env; printf '%s' '${MARKER}'; exit`;

export interface LoginShellOptions {
  /** Default: $SHELL of `env`. */
  shell?: string;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

export type LoginShellCapture = { ok: true; environment: BaseEnvironment } | { ok: false; why: string };

export function captureLoginShellEnvironment(options: LoginShellOptions = {}): Promise<LoginShellCapture> {
  const env = options.env ?? process.env;
  if ((options.platform ?? process.platform) === 'win32')
    return Promise.resolve({ ok: false, why: 'Windows has no login shell to read' });
  const shell = options.shell ?? env.SHELL;
  if (!shell || !path.isAbsolute(shell)) return Promise.resolve({ ok: false, why: 'SHELL is not set to a path' });
  const timeoutMs = options.timeoutMs ?? LOGIN_SHELL_TIMEOUT_MS;
  return new Promise((resolve) => {
    const child = execFile(
      shell,
      ['-ilc', SCRIPT],
      {
        // Keep oh-my-zsh from updating or starting tmux while we read its environment.
        env: { ...env, DISABLE_AUTO_UPDATE: 'true', ZSH_TMUX_AUTOSTARTED: 'true', ZSH_TMUX_AUTOSTART: 'false' },
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: 4 * 1024 * 1024,
        windowsHide: true,
      },
      (error, stdout) => {
        const parts = stdout.split(MARKER);
        if (parts.length >= 3) {
          resolve({ ok: true, environment: { env: parseEnvOutput(parts[1]!), source: `login shell ${shell}` } });
          return;
        }
        const killed = error && (error as { killed?: boolean }).killed;
        resolve({
          ok: false,
          why: killed
            ? `${shell} -il did not answer within ${timeoutMs} ms`
            : `${shell} -il failed: ${error?.message ?? 'no environment printed'}`,
        });
      },
    );
    child.stdin?.end();
  });
}

/** `env`'s output: NAME=value lines; a line without `=` continues the value before it (a value with a newline). */
export function parseEnvOutput(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  let last: string | null = null;
  // eslint-disable-next-line no-control-regex -- colour codes an rc file printed into the output
  for (const line of text.replace(/\x1b\[[0-9;]*m/g, '').split('\n')) {
    const equals = line.indexOf('=');
    if (equals > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(line.slice(0, equals))) {
      last = line.slice(0, equals);
      vars[last] = line.slice(equals + 1);
    } else if (last !== null && line !== '') vars[last] += `\n${line}`;
  }
  // The shell's own bookkeeping, not the user's environment.
  delete vars._;
  delete vars.SHLVL;
  delete vars.PWD;
  delete vars.OLDPWD;
  return vars;
}

let shared: Promise<LoginShellCapture> | null = null;

/** One capture per process, for the hints that need the user's shell (validate's "found at …"). */
export function loginShellEnvironmentOnce(options?: LoginShellOptions): Promise<LoginShellCapture> {
  return (shared ??= captureLoginShellEnvironment(options));
}
