/**
 * The import as a whole: sources of one format → Cronbar jobs with final ids, and every loss. Plain functions; the
 * CLI and the service read the files and write the jobs file around them.
 */
import path from 'node:path';
import type { RawJob } from '../../../../shared/config/schema';
import { importCrontab, isSystemCrontabPath } from './crontab';
import { uniqueIds } from './job-ids';
import { importLaunchd } from './launchd';
import { importSystemdTimer } from './systemd';
import { linkSystemdChains } from './systemd-chains';
import type { ImportFormat, ImportLoss, ImportOptions, ImportResult, ImportSource, ImportedJob } from './import-types';

export interface ConvertOptions extends ImportOptions {
  /** Force (or rule out) the user field of system crontabs; by default `/etc/crontab` and `/etc/cron.d/*` have it. */
  systemCrontab?: boolean;
}

export async function convertImport(
  format: ImportFormat,
  sources: ReadonlyArray<ImportSource & { bytes?: Uint8Array }>,
  options: ConvertOptions,
): Promise<ImportResult> {
  const jobs: ImportedJob[] = [];
  const losses: ImportLoss[] = [];
  const collect = (result: ImportResult) => {
    jobs.push(...result.jobs);
    losses.push(...result.losses);
  };
  if (format === 'crontab') {
    for (const source of sources)
      collect(importCrontab(source, { ...options, system: options.systemCrontab ?? isSystemCrontabPath(source.name) }));
  } else if (format === 'launchd') {
    for (const source of sources) collect(await importLaunchd(source, options));
  } else {
    // A .service given beside its .timer (a directory, or two files picked in the window) is read from here first.
    const byPath = new Map(sources.map((source) => [path.normalize(source.name), source.text]));
    const readFile = (file: string) => byPath.get(path.normalize(file)) ?? options.readFile?.(file) ?? null;
    const timers = sources.filter((source) => source.name.endsWith('.timer'));
    for (const timer of timers) collect(importSystemdTimer(timer, { ...options, readFile }));
    linkSystemdChains({ jobs, losses }, sources, { ...options, readFile });
    for (const source of sources) {
      if (!source.name.endsWith('.timer') && !source.name.endsWith('.service'))
        losses.push({ file: source.name, line: 0, reason: 'not a .timer or .service unit; skipped' });
      else if (source.name.endsWith('.service') && sources.length === 1)
        losses.push({
          file: source.name,
          line: 0,
          reason: 'a .service alone has no schedule; import the .timer that starts it',
        });
    }
  }
  return { jobs, losses };
}

export interface PreparedJob {
  job: RawJob;
  file: string;
  line: number;
  sourceText?: string;
  moved?: boolean;
}

export interface PrepareOptions {
  /** Ids already in the jobs file. */
  takenIds: Iterable<string>;
  prefix?: string;
  /**
   * The zone the source scheduler used for zone-less times, set on those jobs when the jobs file's default zone is
   * another one (else they would shift by the difference).
   */
  pinZone?: string;
}

/** Final ids (readable, unique, prefixed) and, where needed, the source's zone made explicit. */
export function prepareImport(result: ImportResult, options: PrepareOptions): PreparedJob[] {
  const ids = uniqueIds(
    result.jobs.map((entry) => entry.idHint),
    options.takenIds,
    options.prefix,
  );
  return result.jobs.map((entry, index) => {
    const { job } = entry;
    const pinned =
      options.pinZone && job.cron !== undefined && job.timezone === undefined ? { timezone: options.pinZone } : {};
    const after = entry.after?.map((link) => ({ job: ids[link.parent]!, on: link.on }));
    return {
      job: { id: ids[index]!, ...job, ...pinned, ...(after ? { after } : {}) } as RawJob,
      file: entry.file,
      line: entry.line,
      ...(entry.sourceText !== undefined ? { sourceText: entry.sourceText } : {}),
      ...(entry.moved ? { moved: true } : {}),
    };
  });
}

/** A loss as the CLI prints it: `file:line: reason`. */
export function formatLoss(loss: ImportLoss): string {
  return `${loss.file}${loss.line > 0 ? `:${loss.line}` : ''}: ${loss.reason}`;
}
