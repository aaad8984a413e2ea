/**
 * Where this machine's time zone comes from, read without asking ICU: a reader served from the config cache reuses
 * the zone Intl named when the file was parsed, as long as what ICU reads it from is unchanged. On Linux and macOS
 * ICU takes `TZ`, else the zone the `/etc/localtime` link points at (icu4c putil.cpp, uprv_tzname); `/etc/timezone`
 * (Debian's name file) is included to be safe. The ICU and tz-data versions are part of it, since a zone may be
 * renamed or relinked by a data update. Windows keeps its zone in the registry: there only Intl can tell (null).
 */
import fs from 'node:fs';

const SOURCES = ['/etc/localtime', '/etc/timezone'];

export function systemZoneFingerprint(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string | null {
  if (platform === 'win32') return null;
  const parts = [`TZ=${env.TZ ?? '(unset)'}`, `icu ${process.versions.icu ?? '-'}`, `tz ${process.versions.tz ?? '-'}`];
  for (const file of SOURCES) parts.push(`${file} ${describeFile(file)}`);
  return parts.join('|');
}

function describeFile(file: string): string {
  try {
    return `-> ${fs.readlinkSync(file)}`;
  } catch {
    try {
      const stat = fs.statSync(file);
      return `file ${stat.ino}:${stat.size}:${stat.mtimeMs}`;
    } catch {
      return 'missing';
    }
  }
}
