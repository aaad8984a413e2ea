import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataPaths, defaultDataDir } from '../../../electron/core/store/data-paths';

describe('defaultDataDir', () => {
  it('uses CRONBAR_HOME over everything else', () => {
    expect(defaultDataDir({ CRONBAR_HOME: '/srv/cronbar', XDG_CONFIG_HOME: '/x' }, 'linux', '/home/ann')).toBe(
      '/srv/cronbar',
    );
    expect(defaultDataDir({ CRONBAR_HOME: 'D:\\cronbar', APPDATA: 'C:\\x' }, 'win32', 'C:\\Users\\ann')).toBe(
      'D:\\cronbar',
    );
  });

  it('ignores an empty CRONBAR_HOME', () => {
    expect(defaultDataDir({ CRONBAR_HOME: '' }, 'linux', '/home/ann')).toBe('/home/ann/.config/Cronbar');
  });

  it('on Linux follows XDG_CONFIG_HOME, else ~/.config, like Electron userData', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/home/ann/.cfg' }, 'linux', '/home/ann')).toBe('/home/ann/.cfg/Cronbar');
    expect(defaultDataDir({}, 'linux', '/home/ann')).toBe('/home/ann/.config/Cronbar');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '' }, 'linux', '/home/ann')).toBe('/home/ann/.config/Cronbar');
    expect(defaultDataDir({}, 'freebsd', '/home/ann')).toBe('/home/ann/.config/Cronbar');
  });

  it('on macOS uses ~/Library/Application Support and ignores XDG', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x' }, 'darwin', '/Users/ann')).toBe(
      '/Users/ann/Library/Application Support/Cronbar',
    );
  });

  it('on Windows uses %APPDATA%, else the roaming folder under the profile', () => {
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ann')).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\Cronbar',
    );
    expect(defaultDataDir({}, 'win32', 'C:\\Users\\ann')).toBe('C:\\Users\\ann\\AppData\\Roaming\\Cronbar');
  });
});

describe('dataPaths', () => {
  it('puts the jobs file, DB, backups and lock inside the data directory', () => {
    const dir = path.join('/tmp', 'cronbar-data');
    expect(dataPaths(dir)).toEqual({
      dataDir: dir,
      configPath: path.join(dir, 'jobs.yaml'),
      dbPath: path.join(dir, 'cronbar.db'),
      backupsDir: path.join(dir, 'backups'),
      lockPath: path.join(dir, 'cronbar.lock'),
    });
  });
});
