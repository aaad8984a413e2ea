/**
 * `cronbar service install|uninstall|status` on each OS. The system calls (systemctl, loginctl, launchctl,
 * schtasks) go through an injected `SystemRunner`, so tests drive every path with a fake; file writes go to the
 * injected home. When a call cannot be made (no systemctl, no user bus, no permission), the file is still written
 * and the report gives the exact commands to run.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  type DaemonInvocation,
  LAUNCHD_LABEL,
  SYSTEMD_UNIT_NAME,
  WINDOWS_TASK_NAME,
  daemonArgs,
  launchdPlist,
  schtasksCreateArgs,
  systemdUnit,
  windowsWord,
} from './service-files';

export interface CommandResult {
  /** null when the program could not be started (not installed). */
  code: number | null;
  stdout: string;
  stderr: string;
}

export type SystemRunner = (command: string, args: string[]) => CommandResult;

export interface ServiceContext {
  platform: NodeJS.Platform;
  home: string;
  uid: number;
  user: string;
  invocation: DaemonInvocation;
  run: SystemRunner;
}

export interface ServiceReport {
  /** What was done, one line each. */
  lines: string[];
  /** Commands the admin still has to run (printed as is), when Cronbar could not run them. */
  todo: string[];
  ok: boolean;
  /** The file written or removed. */
  file: string;
}

/** A command line to paste: POSIX shell quoting, or Windows' (schtasks wants `\"` inside a quoted /TR). */
function shellLine(command: string, args: string[], platform: NodeJS.Platform): string {
  if (platform === 'win32') return [command, ...args].map(windowsWord).join(' ');
  return [command, ...args]
    .map((word) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}

export function serviceFile(context: Pick<ServiceContext, 'platform' | 'home'>): string {
  switch (context.platform) {
    case 'darwin':
      return path.join(context.home, 'Library', 'LaunchAgents', `${LAUNCHD_LABEL}.plist`);
    case 'win32':
      return `Task Scheduler task "${WINDOWS_TASK_NAME}"`;
    default:
      return path.join(context.home, '.config', 'systemd', 'user', SYSTEMD_UNIT_NAME);
  }
}

function writeFile(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(temp, text, { mode: 0o644 });
  fs.renameSync(temp, file);
}

/** Runs the steps in order; the first that fails (or cannot start) leaves it and the rest as commands to run. */
function steps(context: ServiceContext, commands: Array<[string, string[]]>, report: ServiceReport): void {
  for (let index = 0; index < commands.length; index++) {
    const [command, args] = commands[index]!;
    const result = context.run(command, args);
    if (result.code === 0) {
      report.lines.push(`ran: ${shellLine(command, args, context.platform)}`);
      continue;
    }
    const why =
      result.code === null
        ? `${command} is not available here`
        : (result.stderr || result.stdout).trim().split('\n')[0] || `exit ${result.code}`;
    report.lines.push(`could not run ${shellLine(command, args, context.platform)}: ${why}`);
    report.ok = false;
    for (const [rest, restArgs] of commands.slice(index)) report.todo.push(shellLine(rest, restArgs, context.platform));
    return;
  }
}

export function installService(context: ServiceContext): ServiceReport {
  const file = serviceFile(context);
  const report: ServiceReport = { lines: [], todo: [], ok: true, file };
  switch (context.platform) {
    case 'darwin': {
      writeFile(file, launchdPlist(context.invocation, path.join(context.invocation.dataDir, 'daemon.log')));
      report.lines.push(`wrote ${file}`);
      // A previous install is unloaded first, or bootstrap refuses a label already loaded.
      context.run('launchctl', ['bootout', `gui/${context.uid}/${LAUNCHD_LABEL}`]);
      steps(context, [['launchctl', ['bootstrap', `gui/${context.uid}`, file]]], report);
      if (report.ok)
        report.lines.push('it starts now and at every login; its log goes to daemon.log in the data directory');
      return report;
    }
    case 'win32': {
      steps(
        context,
        [
          ['schtasks', schtasksCreateArgs(context.invocation, context.user)],
          ['schtasks', ['/Run', '/TN', WINDOWS_TASK_NAME]],
        ],
        report,
      );
      if (report.ok) report.lines.push('it starts now and at every logon of this user');
      else
        report.lines.push(
          'if Task Scheduler refuses without elevation, run the command above from an administrator prompt',
        );
      return report;
    }
    default: {
      writeFile(file, systemdUnit(context.invocation));
      report.lines.push(`wrote ${file}`);
      steps(
        context,
        [
          ['systemctl', ['--user', 'daemon-reload']],
          ['systemctl', ['--user', 'enable', '--now', SYSTEMD_UNIT_NAME]],
        ],
        report,
      );
      const linger = context.run('loginctl', ['show-user', context.user, '--property=Linger']);
      if (!/Linger=yes/.test(linger.stdout)) {
        report.lines.push(
          `a user service stops when you log out and starts at your next login; to keep it running without a login (a server, after a reboot), run: loginctl enable-linger ${context.user}`,
        );
      }
      return report;
    }
  }
}

export function uninstallService(context: ServiceContext): ServiceReport {
  const file = serviceFile(context);
  const report: ServiceReport = { lines: [], todo: [], ok: true, file };
  switch (context.platform) {
    case 'darwin':
      context.run('launchctl', ['bootout', `gui/${context.uid}/${LAUNCHD_LABEL}`]);
      report.lines.push(`stopped ${LAUNCHD_LABEL}`);
      break;
    case 'win32':
      steps(
        context,
        [
          ['schtasks', ['/End', '/TN', WINDOWS_TASK_NAME]],
          ['schtasks', ['/Delete', '/TN', WINDOWS_TASK_NAME, '/F']],
        ],
        report,
      );
      return report;
    default:
      steps(context, [['systemctl', ['--user', 'disable', '--now', SYSTEMD_UNIT_NAME]]], report);
  }
  if (fs.existsSync(file)) {
    fs.rmSync(file);
    report.lines.push(`removed ${file}`);
  } else {
    report.lines.push(`${file} was not there`);
  }
  if (context.platform !== 'darwin') steps(context, [['systemctl', ['--user', 'daemon-reload']]], report);
  return report;
}

export interface ServiceStatus {
  installed: boolean;
  file: string;
  /** `enabled`, `active (running)`, … as the service manager says; null when it could not be asked. */
  state: string | null;
  /** The command line the service starts. */
  command: string;
}

export function serviceStatus(context: ServiceContext): ServiceStatus {
  const file = serviceFile(context);
  const command = daemonArgs(context.invocation).map(windowsWord).join(' ');
  switch (context.platform) {
    case 'darwin': {
      const printed = context.run('launchctl', ['print', `gui/${context.uid}/${LAUNCHD_LABEL}`]);
      const state =
        printed.code === 0
          ? (/state = (\S+)/.exec(printed.stdout)?.[1] ?? 'loaded')
          : printed.code === null
            ? null
            : 'not loaded';
      return { installed: fs.existsSync(file), file, state, command };
    }
    case 'win32': {
      const query = context.run('schtasks', ['/Query', '/TN', WINDOWS_TASK_NAME, '/FO', 'LIST']);
      const state = query.code === 0 ? (/Status:\s*(.+)/.exec(query.stdout)?.[1]?.trim() ?? 'registered') : null;
      return { installed: query.code === 0, file, state, command };
    }
    default: {
      const enabled = context.run('systemctl', ['--user', 'is-enabled', SYSTEMD_UNIT_NAME]);
      const active = context.run('systemctl', ['--user', 'is-active', SYSTEMD_UNIT_NAME]);
      const state =
        enabled.code === null ? null : `${enabled.stdout.trim() || 'unknown'}, ${active.stdout.trim() || 'unknown'}`;
      return { installed: fs.existsSync(file), file, state, command };
    }
  }
}
