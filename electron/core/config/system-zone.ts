/**
 * Where this machine's zone comes from, read without starting ICU, for the reader cache's key: `TZ`, else the
 * `/etc/localtime` link (as ICU reads it: icu4c putil.cpp, uprv_tzname), `/etc/timezone`, and the ICU and tz-data
 * versions. Asking Intl instead costs `cronbar list` 14-25 % (bench/README.md, "Speed tricks"). Windows keeps its
 * zone in the registry: there only Intl can tell (null).
 */ import fs from 'node:fs';

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
