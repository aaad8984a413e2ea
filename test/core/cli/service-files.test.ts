/** The generated service files: their content, their quoting, and systemd's own verdict on the unit. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN } from '../../cli/cli-helpers';
import {
  type DaemonInvocation,
  launchdPlist,
  schtasksCreateArgs,
  systemdUnit,
  systemdWord,
  windowsWord,
} from '../../../electron/core/cli/service/service-files';

const invocation: DaemonInvocation = {
  node: '/usr/bin/node',
  cli: '/opt/cronbar/bin/cronbar.cjs',
  dataDir: '/home/ann/.config/Cronbar',
};

describe('systemd user unit', () => {
  it('starts this node with this CLI as a daemon on this data directory, restarts on failure, stops gently', () => {
    const unit = systemdUnit(invocation);
    expect(unit).toContain(
      '\nExecStart=/usr/bin/node /opt/cronbar/bin/cronbar.cjs daemon --data-dir /home/ann/.config/Cronbar\n',
    );
    expect(unit).toContain('\nEnvironment=CRONBAR_HOME=/home/ann/.config/Cronbar\n');
    expect(unit).toMatch(/\nRestart=on-failure\n/);
    expect(unit).toMatch(/\nKillMode=mixed\n/);
    expect(unit).toMatch(/\[Install\]\nWantedBy=default\.target\n/);
    expect(systemdUnit({ ...invocation, configPath: '/etc/jobs.yaml', dbPath: '/var/db/c.db' })).toContain(
      'daemon --data-dir /home/ann/.config/Cronbar --config /etc/jobs.yaml --db /var/db/c.db\n',
    );
  });

  it('quotes words with spaces and quotes, and doubles % and $ so systemd does not expand them', () => {
    expect(systemdWord('/plain/path')).toBe('/plain/path');
    expect(systemdWord('/home/a b/Cronbar')).toBe('"/home/a b/Cronbar"');
    expect(systemdWord('say "hi"\\')).toBe('"say \\"hi\\"\\\\"');
    expect(systemdWord('/data/100%/$HOME')).toBe('/data/100%%/$$HOME');
  });

  it('passes systemd-analyze verify, a data directory with spaces and % included', () => {
    const analyze = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
    if (analyze.error)
      throw new Error('systemd-analyze is needed for this test (Debian package systemd; .ci/run installs it)');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar unit '));
    // verify checks that ExecStart's program exists: point it at the real node and the real CLI.
    const unit = path.join(dir, 'cronbar.service');
    fs.writeFileSync(unit, systemdUnit({ node: process.execPath, cli: BIN, dataDir: path.join(dir, 'data 100%') }));
    // System mode: the user manager needs a runtime directory and a bus this machine may not have.
    const result = spawnSync('systemd-analyze', ['verify', unit], {
      encoding: 'utf8',
      env: { ...process.env, SYSTEMD_LOG_LEVEL: 'warning' },
    });
    expect(`${result.stdout}${result.stderr}`.split('\n').filter((line) => line.includes('cronbar.service'))).toEqual(
      [],
    );
    expect(result.status).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('launchd agent and Windows task', () => {
  it('the plist runs the same command at load, kept alive only after a failure, with XML escaped', () => {
    const plist = launchdPlist({ ...invocation, dataDir: '/Users/a&b/Cronbar' }, '/Users/a&b/Cronbar/daemon.log');
    expect(plist).toContain('<string>/Users/a&amp;b/Cronbar</string>');
    expect(plist).toMatch(
      /<key>ProgramArguments<\/key>\s*<array>\s*<string>\/usr\/bin\/node<\/string>\s*<string>\/opt\/cronbar\/bin\/cronbar\.cjs<\/string>\s*<string>daemon<\/string>/,
    );
    expect(plist).toMatch(/<key>KeepAlive<\/key>\s*<dict>\s*<key>SuccessfulExit<\/key>\s*<false\/>/);
    expect(plist).toMatch(/<key>RunAtLoad<\/key>\s*<true\/>/);
  });

  it('the task starts at logon of this user without elevation, with a quoted command line', () => {
    const args = schtasksCreateArgs(
      { node: 'C:\\Program Files\\nodejs\\node.exe', cli: 'C:\\npm\\cronbar.cjs', dataDir: 'C:\\Users\\A B\\Cronbar' },
      'ann',
    );
    expect(args.slice(0, 10)).toEqual([
      '/Create',
      '/TN',
      'Cronbar',
      '/SC',
      'ONLOGON',
      '/RU',
      'ann',
      '/RL',
      'LIMITED',
      '/F',
    ]);
    expect(args.at(-1)).toBe(
      '"C:\\Program Files\\nodejs\\node.exe" C:\\npm\\cronbar.cjs daemon --data-dir "C:\\Users\\A B\\Cronbar"',
    );
    expect(windowsWord('a"b\\')).toBe('"a\\"b\\\\"');
  });
});
