/** service install/uninstall/status on each OS, with the system calls answered by a fake. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type CommandResult,
  type ServiceContext,
  installService,
  serviceStatus,
  uninstallService,
} from '../../../electron/core/cli/service/service-manager';

function fakeSystem(answers: Record<string, CommandResult> = {}) {
  const calls: string[] = [];
  const run = (command: string, args: string[]): CommandResult => {
    const line = [command, ...args].join(' ');
    calls.push(line);
    const key = Object.keys(answers).find((prefix) => line.startsWith(prefix));
    return key ? answers[key]! : { code: 0, stdout: '', stderr: '' };
  };
  return { calls, run };
}

function context(platform: NodeJS.Platform, run: ServiceContext['run']): ServiceContext {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-service-home-'));
  return {
    platform,
    home,
    uid: 501,
    user: 'ann',
    invocation: { node: '/usr/bin/node', cli: '/opt/cronbar/bin/cronbar.cjs', dataDir: path.join(home, 'data') },
    run,
  };
}

const noBus: CommandResult = { code: 1, stdout: '', stderr: 'Failed to connect to bus: No medium found\n' };

describe('Linux (systemd --user)', () => {
  it('writes the unit, reloads, enables and starts it, and gives the linger advice', () => {
    const system = fakeSystem({ 'loginctl show-user': { code: 0, stdout: 'Linger=no\n', stderr: '' } });
    const ctx = context('linux', system.run);
    const report = installService(ctx);
    const unit = path.join(ctx.home, '.config/systemd/user/cronbar.service');
    expect(fs.readFileSync(unit, 'utf8')).toContain('ExecStart=/usr/bin/node /opt/cronbar/bin/cronbar.cjs daemon');
    expect(system.calls).toEqual([
      'systemctl --user daemon-reload',
      'systemctl --user enable --now cronbar.service',
      'loginctl show-user ann --property=Linger',
    ]);
    expect(report.ok).toBe(true);
    expect(report.todo).toEqual([]);
    expect(report.lines.at(-1)).toContain('loginctl enable-linger ann');
  });

  it('without a user bus, still writes the unit and lists the exact commands left to run', () => {
    const system = fakeSystem({
      systemctl: noBus,
      'loginctl show-user': { code: 0, stdout: 'Linger=yes\n', stderr: '' },
    });
    const ctx = context('linux', system.run);
    const report = installService(ctx);
    expect(fs.existsSync(report.file)).toBe(true);
    expect(report.ok).toBe(false);
    expect(report.todo).toEqual(['systemctl --user daemon-reload', 'systemctl --user enable --now cronbar.service']);
    expect(report.lines).toContain(
      'could not run systemctl --user daemon-reload: Failed to connect to bus: No medium found',
    );
    expect(report.lines.some((line) => line.includes('enable-linger'))).toBe(false);
  });

  it('without systemctl at all, says so', () => {
    const system = fakeSystem({ systemctl: { code: null, stdout: '', stderr: 'spawn systemctl ENOENT' } });
    const report = installService(context('linux', system.run));
    expect(report.lines).toContain('could not run systemctl --user daemon-reload: systemctl is not available here');
  });

  it('uninstall disables and stops it, removes the unit and reloads; status reads systemctl', () => {
    const system = fakeSystem({
      'systemctl --user is-enabled': { code: 0, stdout: 'enabled\n', stderr: '' },
      'systemctl --user is-active': { code: 0, stdout: 'active\n', stderr: '' },
    });
    const ctx = context('linux', system.run);
    installService(ctx);
    expect(serviceStatus(ctx)).toMatchObject({ installed: true, state: 'enabled, active' });
    system.calls.length = 0;
    const report = uninstallService(ctx);
    expect(system.calls).toEqual(['systemctl --user disable --now cronbar.service', 'systemctl --user daemon-reload']);
    expect(fs.existsSync(report.file)).toBe(false);
    expect(serviceStatus(ctx).installed).toBe(false);
  });
});

describe('macOS (launchd) and Windows (Task Scheduler)', () => {
  it('macOS: writes the agent plist into ~/Library/LaunchAgents and bootstraps it into the gui domain', () => {
    const system = fakeSystem();
    const ctx = context('darwin', system.run);
    const report = installService(ctx);
    expect(report.file).toBe(path.join(ctx.home, 'Library/LaunchAgents/org.cronbar.daemon.plist'));
    expect(fs.readFileSync(report.file, 'utf8')).toContain('<string>org.cronbar.daemon</string>');
    expect(system.calls).toEqual([
      'launchctl bootout gui/501/org.cronbar.daemon',
      `launchctl bootstrap gui/501 ${report.file}`,
    ]);
    uninstallService(ctx);
    expect(fs.existsSync(report.file)).toBe(false);
  });

  it('Windows: creates a logon task for this user and runs it; refused, it prints the exact command', () => {
    const ok = fakeSystem();
    installService(context('win32', ok.run));
    expect(ok.calls[0]).toMatch(
      /^schtasks \/Create \/TN Cronbar \/SC ONLOGON \/RU ann \/RL LIMITED \/F \/TR \/usr\/bin\/node \/opt\/cronbar\/bin\/cronbar\.cjs daemon --data-dir /,
    );
    expect(ok.calls[1]).toBe('schtasks /Run /TN Cronbar');

    const denied = fakeSystem({ 'schtasks /Create': { code: 1, stdout: '', stderr: 'ERROR: Access is denied.\n' } });
    const report = installService(context('win32', denied.run));
    expect(report.ok).toBe(false);
    expect(report.todo[0]).toMatch(
      /^schtasks \/Create .* \/TR "\/usr\/bin\/node \/opt\/cronbar\/bin\/cronbar\.cjs daemon --data-dir .*"$/,
    );
    expect(report.lines).toContain(
      'if Task Scheduler refuses without elevation, run the command above from an administrator prompt',
    );
  });
});
