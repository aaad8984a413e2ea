/**
 * Where the scheduling process of a data directory listens for the other Cronbar processes: `<data>/cronbar.sock`, a
 * Unix domain socket beside the DB. A socket path must fit sun_path (104 bytes on macOS and the BSDs, 108 on Linux,
 * the final NUL included); a deeper data directory gets its socket in a per-user 0700 folder under $XDG_RUNTIME_DIR
 * or the temp directory, named by a hash of the data directory. Windows has named pipes instead of socket files.
 * Light on purpose: the CLI reads it before it knows whether it needs the core.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crypto } from '../lazy-builtins';

const SUN_PATH_BYTES = process.platform === 'linux' ? 108 : 104;
export const SOCKET_NAME = 'cronbar.sock';

const hashOf = (dataDir: string) =>
  crypto().createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);

export interface SocketPlace {
  /** What net.connect and listen take. */
  path: string;
  /** The private folder the socket sits in when it is not in the data directory (created 0700 by the server). */
  privateDir: string | null;
}

export function controlSocketPlace(
  dataDir: string,
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): SocketPlace {
  if (platform === 'win32') return { path: `\\\\.\\pipe\\cronbar-${hashOf(dataDir)}`, privateDir: null };
  const beside = path.join(dataDir, SOCKET_NAME);
  if (Buffer.byteLength(beside) < SUN_PATH_BYTES) return { path: beside, privateDir: null };
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  const privateDir = path.join(env.XDG_RUNTIME_DIR || os.tmpdir(), `cronbar-${uid}`);
  return { path: path.join(privateDir, `${hashOf(dataDir)}.sock`), privateDir };
}

/**
 * A folder in a shared place (the temp directory) is only trusted when it is ours and closed to others: someone else
 * could otherwise make it first and put a socket of theirs in it. Returns why not, or null when it is fine.
 */
export function untrustedDir(dir: string): string | null {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(dir);
  } catch {
    return `${dir} does not exist`;
  }
  if (!stat.isDirectory()) return `${dir} is not a directory`;
  if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) return `${dir} belongs to another user`;
  if ((stat.mode & 0o077) !== 0) return `${dir} is open to other users (mode ${(stat.mode & 0o777).toString(8)})`;
  return null;
}
