/**
 * The app's log, `<data>/cronbar.log`, rotated by size: when a write would take it past `maxBytes` it becomes
 * `cronbar.old.log` (replacing the previous one), so the log never holds more than about twice `maxBytes`. Writes are
 * synchronous appends: a few lines a minute, and a crash right after an error still has the line on disk.
 */
import fs from 'node:fs';
import path from 'node:path';

export const LOG_MAX_BYTES = 1024 * 1024;

export function oldLogPath(file: string): string {
  const ext = path.extname(file);
  return path.join(path.dirname(file), `${path.basename(file, ext)}.old${ext}`);
}

export function createAppLog(
  file: string,
  options: { maxBytes?: number; echo?: (line: string) => void; now?: () => Date } = {},
): (line: string) => void {
  const maxBytes = options.maxBytes ?? LOG_MAX_BYTES;
  const echo = options.echo ?? ((line: string) => console.log(line));
  const now = options.now ?? (() => new Date());
  let size: number | null = null;
  return (line) => {
    const stamped = `${now().toISOString()} ${line}\n`;
    echo(stamped.trimEnd());
    try {
      size ??= fs.existsSync(file) ? fs.statSync(file).size : 0;
      const bytes = Buffer.byteLength(stamped);
      if (size > 0 && size + bytes > maxBytes) {
        fs.renameSync(file, oldLogPath(file));
        size = 0;
      }
      fs.appendFileSync(file, stamped);
      size += bytes;
    } catch {
      // A full or read-only disk must not take the scheduler down with it; the line went to stdout.
      size = null;
    }
  };
}
