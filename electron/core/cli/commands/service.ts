/**
 * `cronbar service install|uninstall|status`: the daemon as a per-user service that starts at login (or boot, with
 * lingering) and restarts when it fails: systemd on Linux, launchd on macOS, Task Scheduler on Windows.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dataPaths } from '../../store/data-paths';
import { readLockHolder } from '../../service/instance-lock';
import type { CliArgs } from '../args';
import { UsageError, expectPositionals } from '../args';
import { resolveDataDir } from '../open-from-args';
import type { DaemonInvocation } from '../service/service-files';
import {
  type ServiceContext,
  type SystemRunner,
  installService,
  serviceStatus,
  uninstallService,
} from '../service/service-manager';

const runSystem: SystemRunner = (command, args) => {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000 });
  if (result.error) return { code: null, stdout: '', stderr: result.error.message };
  return { code: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
};

function invocationOf(args: CliArgs): DaemonInvocation {
  return {
    node: process.execPath,
    // The script that started this process: an npm global bin is a symlink into the package, which stays put.
    cli: fs.realpathSync(process.argv[1]!),
    dataDir: resolveDataDir(args),
    ...(args.config ? { configPath: path.resolve(args.config) } : {}),
    ...(args.db ? { dbPath: args.db === ':memory:' ? ':memory:' : path.resolve(args.db) } : {}),
  };
}

export function serviceContext(args: CliArgs, run: SystemRunner = runSystem): ServiceContext {
  const info = os.userInfo();
  return {
    platform: process.platform,
    home: os.homedir(),
    uid: info.uid,
    user: info.username,
    invocation: invocationOf(args),
    run,
  };
}

export async function serviceCommand(
  args: CliArgs,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  expectPositionals(args, 1, 1, 'install, uninstall or status');
  const action = args.positionals[0]!;
  if (!['install', 'uninstall', 'status'].includes(action))
    throw new UsageError(`service takes install, uninstall or status, not ${JSON.stringify(action)}`);
  const context = serviceContext(args);
  if (action === 'status') {
    const status = serviceStatus(context);
    const holder = readLockHolder(dataPaths(context.invocation.dataDir).lockPath);
    const scheduler = holder
      ? { pid: holder.pid, kind: holder.kind, since: new Date(holder.since).toISOString() }
      : null;
    if (args.json) {
      out.write(`${JSON.stringify({ ...status, dataDir: context.invocation.dataDir, scheduler }, null, 2)}\n`);
      return 0;
    }
    out.write(
      `service    ${status.installed ? `installed: ${status.file}` : `not installed (cronbar service install)`}\n`,
    );
    if (status.state !== null) out.write(`state      ${status.state}\n`);
    if (status.installed) out.write(`starts     ${status.command}\n`);
    out.write(
      `scheduler  ${scheduler ? `cronbar ${scheduler.kind} (pid ${scheduler.pid}), since ${scheduler.since}` : 'none running'}\n`,
    );
    return 0;
  }
  if (action === 'install') {
    if (context.invocation.dbPath === ':memory:')
      throw new UsageError('a service needs a database on disk, not --db :memory:');
    const holder = readLockHolder(dataPaths(context.invocation.dataDir).lockPath);
    if (holder?.kind === 'app') {
      err.write(
        `cronbar: not installing: the desktop app (pid ${holder.pid}) schedules ${context.invocation.dataDir}, and one scheduler per data directory ` +
          'runs jobs; a service beside it would only wait. Quit the app and turn off its "launch at login", or give the service another --data-dir.\n',
      );
      return 1;
    }
    if (holder)
      err.write(
        `cronbar: note: a cronbar ${holder.kind} (pid ${holder.pid}) schedules this data directory now; the service takes over once it stops\n`,
      );
  }
  const report = action === 'install' ? installService(context) : uninstallService(context);
  if (args.json) {
    out.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.ok ? 0 : 1;
  }
  for (const line of report.lines) out.write(`${line}\n`);
  if (report.todo.length > 0) out.write(`\nto finish, run:\n${report.todo.map((line) => `  ${line}`).join('\n')}\n`);
  return report.ok ? 0 : 1;
}
