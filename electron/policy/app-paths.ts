/**
 * Where the app's own files are. The bundle sits at <root>/out/main/main.js in development and inside the asar alike
 * (<resources>/app.asar). Files the OS reads by path (tray and notification icons: the Linux AppIndicator and
 * notification daemons are other processes) come from app.asar.unpacked, where electron-builder.yml's asarUnpack puts
 * `resources/**`; the renderer and preload load through Electron's asar support.
 */
import path from 'node:path';

export interface AppPaths {
  renderer: string;
  preload: string;
  /** The resources/ folder on disk (tray/, icon.png). */
  resources: string;
  appIcon: string;
}

export function appPaths(options: { isPackaged: boolean; appRoot: string }): AppPaths {
  const onDisk =
    options.isPackaged && path.basename(options.appRoot) === 'app.asar'
      ? path.join(path.dirname(options.appRoot), 'app.asar.unpacked')
      : options.appRoot;
  const resources = path.join(onDisk, 'resources');
  return {
    renderer: path.join(options.appRoot, 'out', 'renderer'),
    preload: path.join(options.appRoot, 'out', 'preload', 'preload.cjs'),
    resources,
    appIcon: path.join(resources, 'icon.png'),
  };
}
