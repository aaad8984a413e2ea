/**
 * What `cronbar service install` writes: a systemd user unit (Linux), a launchd agent (macOS), a Task Scheduler task
 * (Windows). Pure: the texts and command lines come from how Cronbar was started, so they can be checked (and run
 * through `systemd-analyze verify`) without touching the system.
 */

/** How to start the daemon again the same way: this Node binary, this CLI, this data directory. */
export interface DaemonInvocation {
  /** Absolute path of the Node binary (`process.execPath`). */
  node: string;
  /** Absolute path of the `cronbar` CLI script, symlinks resolved (an npm global bin points into the package). */
  cli: string;
  dataDir: string;
  /** `--config` / `--db` given at install time, carried over as absolute paths. */
  configPath?: string;
  dbPath?: string;
}

export const SYSTEMD_UNIT_NAME = 'cronbar.service';
export const LAUNCHD_LABEL = 'org.cronbar.daemon';
export const WINDOWS_TASK_NAME = 'Cronbar';
/** The daemon's default grace for running jobs on stop is 30 s; the service manager waits a little longer. */
export const STOP_TIMEOUT_S = 45;

export function daemonArgs(invocation: DaemonInvocation): string[] {
  return [
    invocation.node,
    invocation.cli,
    'daemon',
    '--data-dir',
    invocation.dataDir,
    ...(invocation.configPath ? ['--config', invocation.configPath] : []),
    ...(invocation.dbPath ? ['--db', invocation.dbPath] : []),
  ];
}

/**
 * One word of a systemd command line or assignment (systemd.syntax(7), systemd.service(5) "Command lines"): quoted
 * when it holds a space or a quote, `\` and `"` escaped; `%` (specifiers) and `$` (variables) doubled.
 */
export function systemdWord(word: string): string {
  const escaped = word.replace(/%/g, '%%').replace(/\$/g, '$$$$');
  if (!/[\s"'\\;]/.test(escaped) && escaped !== '') return escaped;
  return `"${escaped.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function systemdUnit(invocation: DaemonInvocation): string {
  return [
    '# Written by `cronbar service install`; `cronbar service uninstall` removes it.',
    '[Unit]',
    'Description=Cronbar scheduler (cronbar daemon)',
    '',
    '[Service]',
    'Type=exec',
    `ExecStart=${daemonArgs(invocation).map(systemdWord).join(' ')}`,
    `Environment=${systemdWord(`CRONBAR_HOME=${invocation.dataDir}`)}`,
    'Restart=on-failure',
    'RestartSec=5',
    // SIGTERM to the daemon only: it lets running jobs finish within its grace, then stops them itself. The default
    // (control-group) would signal every job at once.
    'KillMode=mixed',
    `TimeoutStopSec=${STOP_TIMEOUT_S}`,
    '',
    '[Install]',
    'WantedBy=default.target',
    '',
  ].join('\n');
}

const xml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A launchd agent (launchd.plist(5)): started at login, restarted when it exits with a failure. */
export function launchdPlist(invocation: DaemonInvocation, logPath: string): string {
  const strings = (values: string[]) => values.map((value) => `    <string>${xml(value)}</string>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<!-- Written by \`cronbar service install\`; \`cronbar service uninstall\` removes it. -->
<plist version="1.0">
<dict>
  <key>Label</key>
  <string>${LAUNCHD_LABEL}</string>
  <key>ProgramArguments</key>
  <array>
${strings(daemonArgs(invocation))}
  </array>
  <key>EnvironmentVariables</key>
  <dict>
    <key>CRONBAR_HOME</key>
    <string>${xml(invocation.dataDir)}</string>
  </dict>
  <key>RunAtLoad</key>
  <true/>
  <key>KeepAlive</key>
  <dict>
    <key>SuccessfulExit</key>
    <false/>
  </dict>
  <key>ThrottleInterval</key>
  <integer>10</integer>
  <key>ExitTimeOut</key>
  <integer>${STOP_TIMEOUT_S}</integer>
  <key>ProcessType</key>
  <string>Background</string>
  <key>StandardOutPath</key>
  <string>${xml(logPath)}</string>
  <key>StandardErrorPath</key>
  <string>${xml(logPath)}</string>
</dict>
</plist>
`;
}

/** A word of a Windows command line (CommandLineToArgvW rules): quoted when needed, inner quotes escaped. */
export function windowsWord(word: string): string {
  if (word !== '' && !/[\s"]/.test(word)) return word;
  return `"${word.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\+)$/, '$1$1')}"`;
}

/** `schtasks /Create` arguments for a per-user task started at logon (no elevation: /RL LIMITED, the current user). */
export function schtasksCreateArgs(invocation: DaemonInvocation, user: string): string[] {
  return [
    '/Create',
    '/TN',
    WINDOWS_TASK_NAME,
    '/SC',
    'ONLOGON',
    '/RU',
    user,
    '/RL',
    'LIMITED',
    '/F',
    '/TR',
    daemonArgs(invocation).map(windowsWord).join(' '),
  ];
}
