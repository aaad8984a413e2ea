/**
 * The jobs-file code a read-only command usually does without: a reader whose file is unchanged since the last parse
 * takes the resolved jobs from the DB, and the parser, writer and editor load only when needed. Without it
 * `cronbar list` takes twice as long, 2.8-3.7× `node -e 0` against a target of 2× (bench/README.md, "Speed tricks").
 */ import type { JobsConfig } from '../../../shared/config/schema';
import type * as EditJobsFile from '../config/edit-jobs-file';
import type * as LoadJobsFile from '../config/load-jobs-file';
import type * as WriteJobsFile from '../config/write-jobs-file';
import type { Store } from '../ports';
import { readKeyedSetting, writeKeyedSetting } from './keyed-setting';

export type JobsParser = typeof LoadJobsFile;
export type JobsWriter = typeof WriteJobsFile;
export type JobsEditor = typeof EditJobsFile;

export const loadParser = (): Promise<JobsParser> => import('../config/load-jobs-file');
export const loadWriter = (): Promise<JobsWriter> => import('../config/write-jobs-file');
export const loadEditor = (): Promise<JobsEditor> => import('../config/edit-jobs-file');

/** Set by the CLI build (scripts/build-cli.mjs): a hash of the sources, so a cache from another build is never read. */
declare const CRONBAR_BUILD_ID: string | undefined;

/** The CLI build's id; undefined outside it (the tests and the desktop app): no reader caches there. */
export function cliBuildId(): string | undefined {
  return typeof CRONBAR_BUILD_ID === 'string' ? CRONBAR_BUILD_ID : undefined;
}

const CACHE_SETTING = 'parsedJobsFile';

export interface ParsedJobs {
  config: JobsConfig;
  sources: Record<string, unknown>[];
  /** The zone jobs without `timezone:` got: this machine's when it was parsed. */
  zone: string;
}

/**
 * The key a parse is cached under: the build, where the machine's zone comes from (config/system-zone.ts, or the
 * zone itself where only Intl knows it), the text's fingerprint. Null (no cache) outside a CLI build.
 */
export function configCacheKey(
  text: string,
  zoneSource: string,
  buildId: string | undefined = cliBuildId(),
): string | null {
  return buildId ? `${buildId}|${zoneSource}|${text}` : null;
}

export function readConfigCache(store: Store, key: string): ParsedJobs | null {
  const body = readKeyedSetting(store, CACHE_SETTING, key);
  try {
    return body === null ? null : (JSON.parse(body) as ParsedJobs);
  } catch {
    return null;
  }
}

export function writeConfigCache(store: Store, key: string, parsed: ParsedJobs): void {
  writeKeyedSetting(store, CACHE_SETTING, key, JSON.stringify(parsed));
}
