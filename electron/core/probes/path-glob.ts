/**
 * The `on: path` patterns: a path (a directory: anything in it; a file: that file) or a glob with `*` (within one
 * name), `?` and `**` (any depth), `~/` for the home directory. Split into the directory to watch and a matcher for
 * the files reported under it. Node 20 has no glob matcher of its own (path.matchesGlob came in 22), and these three
 * wildcards are all launchd's WatchPaths and systemd's .path units need, so no library.
 */
import os from 'node:os';
import path from 'node:path';

export interface PathWatchPlan {
  /** The deepest directory without a wildcard: what fs.watch watches. */
  root: string;
  /** Whether files deeper than the root's own entries can match (fs.watch recursive). */
  recursive: boolean;
  /** Whether an absolute path reported under the root is one the pattern means. */
  matches(file: string): boolean;
}

const WILDCARD = /[*?]/;

export function expandHome(pattern: string, home = os.homedir()): string {
  return pattern === '~' ? home : pattern.startsWith('~/') ? path.join(home, pattern.slice(2)) : pattern;
}

/** `isDirectory` tells a plain path that names a directory (anything under it matches) from a file. */
export function planPathWatch(pattern: string, isDirectory: (dir: string) => boolean, home?: string): PathWatchPlan {
  const absolute = path.resolve(expandHome(pattern, home));
  const parts = absolute.split(path.sep);
  const firstWild = parts.findIndex((part) => WILDCARD.test(part));
  if (firstWild < 0) {
    if (isDirectory(absolute))
      return { root: absolute, recursive: false, matches: (file) => path.dirname(file) === absolute };
    return { root: path.dirname(absolute), recursive: false, matches: (file) => file === absolute };
  }
  const root = parts.slice(0, firstWild).join(path.sep) || path.sep;
  const rest = parts.slice(firstWild);
  const regex = new RegExp(`^${escapeRoot(root)}${rest.map(partToRegex).join('')}$`);
  return { root, recursive: rest.length > 1 || rest.includes('**'), matches: (file) => regex.test(file) };
}

function escapeRoot(root: string): string {
  return escape(root.endsWith(path.sep) ? root.slice(0, -1) : root);
}

function escape(text: string): string {
  return text.replace(/[.+^${}()|[\]\\/]/g, '\\$&');
}

/** One path segment, with its leading separator: `**` is any number of segments. */
function partToRegex(part: string): string {
  const sep = escape(path.sep);
  if (part === '**') return `(?:${sep}[^${sep}]+)*`;
  const body = part
    .split('')
    .map((char) => (char === '*' ? `[^${sep}]*` : char === '?' ? `[^${sep}]` : escape(char)))
    .join('');
  return `${sep}${body}`;
}
