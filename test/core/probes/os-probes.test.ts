/** The daemon's probes read the OS: Linux's power supply class, the route table, fs.watch with the path patterns. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createOsProbes, hasDefaultRoute, linuxPowerSource } from '../../../electron/core/probes/os-probes';
import { planPathWatch } from '../../../electron/core/probes/path-glob';

const temps: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-probes-'));
  temps.push(dir);
  return dir;
}
afterEach(() => temps.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A /sys/class/power_supply as a laptop shows it. */
function powerSupply(supplies: Record<string, Record<string, string>>): string {
  const dir = tempDir();
  for (const [name, files] of Object.entries(supplies)) {
    fs.mkdirSync(path.join(dir, name));
    for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name, file), `${text}\n`);
  }
  return dir;
}

describe('power source from /sys/class/power_supply', () => {
  it('AC when the mains adapter is online, battery when it is not, AC on a desktop without a battery', () => {
    const battery = { type: 'Battery', status: 'Discharging' };
    expect(linuxPowerSource(powerSupply({ AC: { type: 'Mains', online: '1' }, BAT0: battery }))).toBe('ac');
    expect(linuxPowerSource(powerSupply({ AC: { type: 'Mains', online: '0' }, BAT0: battery }))).toBe('battery');
    expect(linuxPowerSource(powerSupply({}))).toBe('ac');
    // A wireless mouse's battery (scope Device) says nothing about the computer's power.
    expect(linuxPowerSource(powerSupply({ hidpp_battery_0: { ...battery, scope: 'Device' } }))).toBe('ac');
  });

  it('refresh tells subscribers of a change, and only of a change', () => {
    const dir = powerSupply({ AC: { type: 'Mains', online: '0' }, BAT0: { type: 'Battery', status: 'Discharging' } });
    const probes = createOsProbes({ platform: 'linux', powerSupplyDir: dir, routeFile: path.join(dir, 'none') });
    let changes = 0;
    probes.subscribe('power', () => changes++);
    probes.refresh();
    probes.refresh();
    expect(changes).toBe(0);
    fs.writeFileSync(path.join(dir, 'AC', 'online'), '1\n');
    probes.refresh();
    expect(changes).toBe(1);
    expect(probes.powerSource()).toBe('ac');
  });

  it('says which events the daemon cannot see', () => {
    expect(Object.keys(createOsProbes({ platform: 'linux' }).blindSpots()).sort()).toEqual(['idle', 'login']);
    expect(Object.keys(createOsProbes({ platform: 'darwin' }).blindSpots()).sort()).toEqual(['idle', 'login', 'power']);
  });
});

describe('network from the route table', () => {
  it('online with a default route, offline without', () => {
    const dir = tempDir();
    const header = 'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n';
    fs.writeFileSync(path.join(dir, 'up'), `${header}wlan0\t00000000\t0102A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0\n`);
    fs.writeFileSync(
      path.join(dir, 'down'),
      `${header}docker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0\n`,
    );
    expect(hasDefaultRoute(path.join(dir, 'up'))).toBe(true);
    expect(hasDefaultRoute(path.join(dir, 'down'))).toBe(false);
  });
});

describe('path patterns', () => {
  const home = '/home/ada';
  const file = () => false;
  it.each([
    [
      '~/Inbox/*.pdf',
      '/home/ada/Inbox',
      false,
      ['/home/ada/Inbox/a.pdf'],
      ['/home/ada/Inbox/a.txt', '/home/ada/Inbox/sub/a.pdf'],
    ],
    ['/srv/**/*.csv', '/srv', true, ['/srv/a.csv', '/srv/x/y/b.csv'], ['/srv/a.csvx']],
    ['/etc/hosts', '/etc', false, ['/etc/hosts'], ['/etc/hosts.allow']],
    ['/var/spool/in?', '/var/spool', false, ['/var/spool/in1'], ['/var/spool/in12']],
  ])('%s watches %s', (pattern, root, recursive, yes, no) => {
    const plan = planPathWatch(pattern, file, home);
    expect([plan.root, plan.recursive]).toEqual([root, recursive]);
    for (const hit of yes) expect(plan.matches(hit)).toBe(true);
    for (const miss of no) expect(plan.matches(miss)).toBe(false);
  });

  it('a directory means any file in it', () => {
    const plan = planPathWatch('/srv/drop', (dir) => dir === '/srv/drop');
    expect(plan.root).toBe('/srv/drop');
    expect(plan.matches('/srv/drop/new.txt')).toBe(true);
  });

  it('watchPath reports a file that lands, and nothing after the unsubscribe', async () => {
    const dir = tempDir();
    const probes = createOsProbes({ platform: 'linux' });
    const seen: string[] = [];
    const stop = probes.watchPath(path.join(dir, '*.pdf'), (changed) => seen.push(changed));
    fs.writeFileSync(path.join(dir, 'note.txt'), 'x');
    fs.writeFileSync(path.join(dir, 'scan.pdf'), 'x');
    await expect.poll(() => seen, { timeout: 5_000 }).toContain(path.join(dir, 'scan.pdf'));
    expect(seen.every((changed) => changed.endsWith('.pdf'))).toBe(true);
    stop();
  });
});
