/**
 * The packaging check: electron-builder's real Linux `dir` and `deb` targets, run offline against a stand-in Electron
 * distribution and a stand-in fpm (scripts/package-check.mjs), then the packaged layout asserted, and the packaged
 * out/main/main.js started under Node with the faithful Electron fake, as Electron would start it: app path
 * <resources>/app.asar, isPackaged, process.resourcesPath. It catches what the source tests cannot: a file left out of
 * the asar, an icon inside it that the tray cannot read, a native module where the app does not look, metadata
 * electron-builder refuses, and a start-up order Electron rejects.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { methodNames } from '../../shared/api/contract';
import { resolveNativeBinding } from '../../electron/app/native-binding';
import { appPaths } from '../../electron/policy/app-paths';

vi.mock('electron', () => import('../mocks/electron'));

const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as {
  listPackage(archive: string, options?: object): string[];
  extractFile(archive: string, file: string): Buffer;
  extractAll(archive: string, dest: string): void;
};
const fuses = require('@electron/fuses') as {
  getCurrentFuseWire(binary: string): Promise<Record<number, number>>;
  FuseV1Options: Record<string, number>;
};
/** @electron/fuses' FuseState: the wire holds ASCII '0' and '1'. */
const FUSE = { DISABLE: '0'.charCodeAt(0), ENABLE: '1'.charCodeAt(0) };
const root = path.resolve(import.meta.dirname, '..', '..');
// Inside the checkout, not the system temp folder: the packaged main's `import 'electron'` must resolve to this
// checkout's electron (which the fake replaces), never to a node_modules that happens to sit above /tmp.
fs.mkdirSync(path.join(root, 'out'), { recursive: true });
const work = fs.mkdtempSync(path.join(root, 'out', 'package-check-'));

let summary: { appOutDir: string; executable: string; fpmArgs: string[] };
let resources: string;
let archive: string;
let files: string[];

beforeAll(() => {
  if (!fs.existsSync(path.join(root, 'out', 'main', 'main.js')))
    execFileSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
      cwd: root,
      stdio: 'pipe',
    });
  const output = execFileSync(
    process.execPath,
    [path.join(root, 'scripts', 'package-check.mjs'), path.join(work, 'pkg')],
    { cwd: root, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } },
  );
  summary = JSON.parse(output.trim().split('\n').at(-1)!);
  resources = path.join(summary.appOutDir, 'resources');
  archive = path.join(resources, 'app.asar');
  files = asar.listPackage(archive, { isPack: false });
}, 150_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('the packaged Linux app', () => {
  it('app.asar holds the three bundles and a package.json with productName', () => {
    for (const file of ['/out/main/main.js', '/out/preload/preload.cjs', '/out/renderer/index.html', '/package.json'])
      expect(files).toContain(file);
    const pkg = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8')) as {
      productName?: string;
      main?: string;
    };
    expect(pkg).toMatchObject({ productName: 'Cronbar', main: 'out/main/main.js' });
  });

  it('ships no source maps, tests, TypeScript sources, nor better-sqlite3’s C sources or Node build', () => {
    const unpacked = listFiles(path.join(resources, 'app.asar.unpacked')).map((file) => `/${file}`);
    const everything = [...files, ...unpacked];
    expect(everything.filter((file) => file.endsWith('.map'))).toEqual([]);
    expect(
      everything.filter((file) => /\/(test|tests|__tests__)\/|\.test\.|\.ts$/.test(file) && !file.endsWith('.d.ts')),
    ).toEqual([]);
    expect(everything.filter((file) => /node_modules\/better-sqlite3\/(src|deps|build)\//.test(file))).toEqual([]);
    expect(everything.filter((file) => file.includes('/node_modules/prebuild-install/'))).toEqual([]);
    expect(
      files.filter(
        (file) => file.startsWith('/electron/') || file.startsWith('/shared/') || file.startsWith('/renderer/'),
      ),
    ).toEqual([]);
  });

  it('the Electron-ABI better_sqlite3.node is a real file where resolveNativeBinding looks for it', () => {
    const binding = resolveNativeBinding({ isPackaged: true, appRoot: archive, resourcesPath: resources, abi: '140' });
    expect(binding).toBe(path.join(resources, 'native', 'better_sqlite3.node'));
    expect(fs.statSync(binding!).size).toBeGreaterThan(100_000);
  });

  it('tray and notification icons are unpacked, where the app looks for them', () => {
    const paths = appPaths({ isPackaged: true, appRoot: archive });
    for (const state of ['idle', 'running', 'failing'])
      expect(fs.existsSync(path.join(paths.resources, 'tray', `${state}.png`))).toBe(true);
    expect(fs.existsSync(paths.appIcon)).toBe(true);
  });

  it('the fuses are flipped in the packaged binary (no ELECTRON_RUN_AS_NODE, app only from the asar)', async () => {
    const wire = await fuses.getCurrentFuseWire(path.join(summary.appOutDir, summary.executable));
    const { FuseV1Options: option } = fuses;
    const state = FUSE;
    expect(wire[option.RunAsNode!]).toBe(state.DISABLE);
    expect(wire[option.EnableNodeOptionsEnvironmentVariable!]).toBe(state.DISABLE);
    expect(wire[option.OnlyLoadAppFromAsar!]).toBe(state.ENABLE);
    expect(wire[option.GrantFileProtocolExtraPrivileges!]).toBe(state.DISABLE);
  });

  it('the .deb has a maintainer with an email, a homepage, electron-builder’s default depends plus the tray’s, and the AppArmor profile', () => {
    const args = summary.fpmArgs;
    const value = (flag: string) => args[args.indexOf(flag) + 1];
    expect(value('--maintainer')).toMatch(/<[^@\s]+@[^@\s]+>/);
    expect(value('--url')).toMatch(/^https:\/\//);
    const depends = args.flatMap((arg, index) => (arg === '-d' ? [args[index + 1]!] : []));
    for (const name of [
      'libgtk-3-0',
      'libnotify4',
      'libnss3',
      'libxss1',
      'libxtst6',
      'xdg-utils',
      'libatspi2.0-0',
      'libuuid1',
      'libsecret-1-0',
    ])
      expect(depends).toContain(name);
    expect(depends).toContain('libayatana-appindicator3-1 | libappindicator3-1');
    expect(fs.existsSync(path.join(resources, 'apparmor-profile'))).toBe(true);
  });

  it('the preload bundle is small (no zod) and still exposes every contract method', () => {
    const code = asar.extractFile(archive, 'out/preload/preload.cjs').toString('utf8');
    expect(code.length).toBeLessThan(20_000);
    const exposed = new Map<string, Record<string, unknown>>();
    const invoked: string[] = [];
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, value: Record<string, unknown>) => exposed.set(key, value) },
      ipcRenderer: {
        invoke: async (channel: string) => (invoked.push(channel), { ok: true, value: {} }),
        on() {},
        removeListener() {},
      },
    };
    const module = { exports: {} };
    vm.runInNewContext(code, {
      require: (name: string) => (name === 'electron' ? fakeElectron : undefined),
      module,
      exports: module.exports,
    });
    const api = exposed.get('api')!;
    expect(Object.keys(api).sort()).toEqual([...methodNames, 'on'].sort());
    void (api.listJobs as () => Promise<unknown>)();
    expect(invoked).toEqual(['cronbar:listJobs']);
  });
});

describe('the packaged out/main/main.js, started under Node with the faithful Electron fake', () => {
  it(
    'registers app:// and takes the lock before ready, starts on the data directory, and every file it opens exists',
    { timeout: 120_000 },
    async () => {
      const electron = await import('../mocks/electron');
      const installed = path.join(work, 'installed', 'resources');
      const appDir = path.join(installed, 'app.asar');
      asar.extractAll(archive, appDir);
      fs.cpSync(path.join(resources, 'app.asar.unpacked'), path.join(installed, 'app.asar.unpacked'), {
        recursive: true,
      });
      fs.cpSync(path.join(resources, 'native'), path.join(installed, 'native'), { recursive: true });
      // What the packaged app would not have: the checkout's node_modules must not be what it runs on.
      expect(fs.readdirSync(path.join(appDir, 'node_modules')).sort()).toEqual([
        'better-sqlite3',
        'bindings',
        'file-uri-to-path',
      ]);

      const dataDir = path.join(work, 'home');
      vi.stubEnv('CRONBAR_HOME', dataDir);
      vi.stubEnv('CRONBAR_E2E', '1');
      electron.resetElectronMock({ ready: false });
      electron.app.isPackaged = true;
      electron.app.appPath = appDir;
      const processWithResources = process as NodeJS.Process & { resourcesPath?: string };
      processWithResources.resourcesPath = installed;
      try {
        await import(path.join(appDir, 'out', 'main', 'main.js'));
        expect(electron.calls).toEqual(['protocol.registerSchemesAsPrivileged', 'app.requestSingleInstanceLock']);
        expect(electron.app.lockedUserData).toBe(dataDir);
        electron.app.emitReady();
        await vi.waitFor(() => expect(electron.Tray.instances).toHaveLength(1), { timeout: 20_000 });
        await vi.waitFor(() => expect(electron.BrowserWindow.instances).toHaveLength(1), { timeout: 20_000 });

        expect(electron.dialog.errorBoxes).toEqual([]);
        expect(globalThis.__cronbarE2E).toBeUndefined();
        expect(electron.Menu.applicationMenu).toBeNull();
        expect((electron.Tray.instances[0]!.image as InstanceType<typeof electron.NativeImage>).isEmpty()).toBe(false);
        expect(electron.openedFiles.length).toBeGreaterThanOrEqual(3);
        expect(electron.openedFiles.filter((file) => !file.exists)).toEqual([]);
        // Icons are read by other processes (AppIndicator, notification daemon): they must not be inside the asar.
        expect(
          electron.openedFiles.filter(
            (file) => file.api !== 'webPreferences.preload' && file.file.includes(`app.asar${path.sep}`),
          ),
        ).toEqual([]);
        expect(fs.existsSync(path.join(dataDir, 'cronbar.db'))).toBe(true);
        expect(fs.existsSync(path.join(dataDir, 'jobs.yaml'))).toBe(true);

        const serve = electron.protocol.handlers.get('app')!;
        const page = await serve(new Request('app://cronbar/index.html'));
        expect(page.status).toBe(200);
        const html = await page.text();
        for (const asset of [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((match) => match[1]!)) {
          expect((await serve(new Request(`app://cronbar/${asset}`))).status, asset).toBe(200);
        }
      } finally {
        electron.app.emit('before-quit', { preventDefault: () => {} });
        await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled(), { timeout: 20_000 });
        vi.unstubAllEnvs();
        Reflect.deleteProperty(processWithResources, 'resourcesPath');
      }
    },
  );
});

function listFiles(dir: string, prefix = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(prefix, entry.name);
    return entry.isDirectory() ? listFiles(path.join(dir, entry.name), relative) : [relative];
  });
}
