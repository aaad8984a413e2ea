/** `cronbar service` spawned with a throwaway HOME: what it writes, and its refusal beside the desktop app. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, Daemon, cronbar, tempHome } from './cli-helpers';

/** No user bus: `systemctl --user` must not reach a real user manager on a developer's machine. */
const noBus = (home: string) => ({
  HOME: home,
  XDG_RUNTIME_DIR: path.join(home, 'no-runtime'),
  DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
});

describe('cronbar service', () => {
  it('install writes a user unit that starts this CLI as a daemon on this data directory; uninstall removes it', async () => {
    const home = tempHome();
    const dataDir = path.join(home, 'my data');
    // No user bus here (a container, CI): the unit is written and the commands left are printed.
    const env = noBus(home);
    const install = await cronbar(['service', 'install', '--data-dir', dataDir], { home, env });
    const unit = path.join(home, '.config/systemd/user/cronbar.service');
    expect(install.stdout).toContain(`wrote ${unit}`);
    const text = fs.readFileSync(unit, 'utf8');
    expect(text).toContain(`ExecStart=${process.execPath} ${fs.realpathSync(BIN)} daemon --data-dir "${dataDir}"\n`);
    expect(text).toContain(`Environment="CRONBAR_HOME=${dataDir}"`);
    if (install.code !== 0)
      expect(install.stdout).toMatch(
        /to finish, run:\n {2}systemctl --user daemon-reload\n {2}systemctl --user enable --now cronbar\.service/,
      );

    const status = await cronbar(['service', 'status', '--json', '--data-dir', dataDir], { home, env });
    expect(JSON.parse(status.stdout)).toMatchObject({ installed: true, file: unit, dataDir, scheduler: null });

    await cronbar(['service', 'uninstall', '--data-dir', dataDir], { home, env });
    expect(fs.existsSync(unit)).toBe(false);
    expect((await cronbar(['service', 'restart'], { home, env })).code).toBe(2);
  });

  it('refuses to install while the desktop app holds the data directory, naming it; notes a running daemon', async () => {
    const home = tempHome();
    // The lock as the app writes it, held by a live process (this test's).
    fs.writeFileSync(
      path.join(home, 'cronbar.lock'),
      JSON.stringify({ pid: process.pid, host: (await import('node:os')).hostname(), kind: 'app', since: Date.now() }),
    );
    const refused = await cronbar(['service', 'install'], { home, env: noBus(home) });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`not installing: the desktop app (pid ${process.pid}) schedules ${home}`);
    expect(fs.existsSync(path.join(home, '.config/systemd/user/cronbar.service'))).toBe(false);

    fs.rmSync(path.join(home, 'cronbar.lock'));
    const daemon = new Daemon(home);
    try {
      await daemon.waitFor(/scheduling/);
      const beside = await cronbar(['service', 'install'], { home, env: noBus(home) });
      expect(beside.stderr).toContain(`a cronbar daemon (pid ${daemon.pid}) schedules this data directory now`);
      const status = await cronbar(['service', 'status'], { home, env: noBus(home) });
      expect(status.stdout).toMatch(new RegExp(`scheduler {2}cronbar daemon \\(pid ${daemon.pid}\\)`));
    } finally {
      await daemon.stop('SIGKILL');
    }
  });
});
