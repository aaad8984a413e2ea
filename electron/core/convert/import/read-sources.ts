/**
 * Where `cronbar import` reads from: a file, a directory, `-` (stdin), or the usual place when no FILE is given —
 * `crontab -l` for crontab, `~/.config/systemd/user` for systemd, `~/Library/LaunchAgents` for launchd.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CronbarError } from '../../../../shared/api/cronbar-error';
import type { ImportFormat, ImportSource } from './import-types';

export interface ReadSourcesIo {
  readStdin: () => string;
  /** `crontab -l`'s output; throws with crontab's message when it fails ("no crontab for ana"). */
  crontabList: () => string;
  home: string;
}

export const systemIo: ReadSourcesIo = {
  readStdin: () => fs.readFileSync(0, 'utf8'),
  crontabList: () => execFileSync('crontab', ['-l'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
  home: os.homedir(),
};

/** Reads a file the sources refer to, or null (a missing .service or EnvironmentFile is reported by the importer). */
export function readFileOrNull(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

export function readImportSources(
  format: ImportFormat,
  target: string | undefined,
  io: ReadSourcesIo = systemIo,
): Array<ImportSource & { bytes?: Uint8Array }> {
  if (target === '-') return [{ name: 'stdin', text: io.readStdin() }];
  if (target === undefined) {
    if (format === 'crontab') {
      try {
        return [{ name: 'crontab -l', text: io.crontabList() }];
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT')
          throw new CronbarError('not-found', 'crontab is not installed here; give a FILE, or - to read stdin');
        const stderr = String((error as { stderr?: unknown }).stderr ?? (error as Error).message).trim();
        throw new CronbarError(
          'not-found',
          `crontab -l failed: ${stderr || 'no crontab'}; give a FILE, or - to read stdin`,
        );
      }
    }
    target =
      format === 'systemd' ? path.join(io.home, '.config/systemd/user') : path.join(io.home, 'Library/LaunchAgents');
  }
  const stat = statOrThrow(target);
  if (!stat.isDirectory()) return [readSource(target)];
  const wanted = format === 'systemd' ? /\.(timer|service)$/ : format === 'launchd' ? /\.plist$/ : /^[^.].*[^~]$/;
  // Package managers' leftovers and cron.d's README are no crontabs (cron skips them too).
  const names = fs.readdirSync(target).filter((name) => wanted.test(name) && !/\.(dpkg-|rpm)|^README$/.test(name));
  const sources = names
    .sort()
    .map((name) => path.join(target!, name))
    .filter((file) => fs.statSync(file).isFile())
    .map(readSource);
  if (sources.length === 0)
    throw new CronbarError(
      'not-found',
      `${target}: no ${format === 'systemd' ? '.timer units' : format === 'launchd' ? '.plist files' : 'crontab files'} in it`,
    );
  return sources;
}

function statOrThrow(target: string): fs.Stats {
  try {
    return fs.statSync(target);
  } catch {
    throw new CronbarError('not-found', `${target}: no such file or directory`);
  }
}

function readSource(file: string): ImportSource & { bytes: Uint8Array } {
  const bytes = fs.readFileSync(file);
  return { name: file, text: bytes.toString('utf8'), bytes };
}
