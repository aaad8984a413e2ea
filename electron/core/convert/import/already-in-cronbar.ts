/**
 * Which imported jobs Cronbar already has, so importing the same source twice adds nothing: a crontab line an earlier
 * import commented out (its mark), or a job with the same schedule (expression or interval, in the same zone) and the
 * same command as one in the jobs file — re-imported, or written by hand before.
 */
import { parseDuration } from '../../../../shared/config/duration';
import type { JobSpec, ScheduleSpec } from '../../../../shared/config/schema';
import { scheduleKey } from '../../engine/schedule-calculator';
import type { ImportedJob } from './import-types';

export interface AlreadyInCronbar {
  file: string;
  line: number;
  /** The job in the jobs file that runs it; null for a moved line whose job has since been removed. */
  existingId: string | null;
  reason: string;
}

export interface SplitImport {
  fresh: ImportedJob[];
  already: Array<AlreadyInCronbar & { entry: ImportedJob }>;
}

/** `zoneOf`: the zone a zone-less imported job will have in this file (pinned, the file's default, or the machine's). */
export function splitAlreadyInCronbar(
  jobs: readonly ImportedJob[],
  existing: readonly JobSpec[],
  zoneOf: (job: ImportedJob['job']) => string,
): SplitImport {
  const byKey = new Map<string, string>();
  for (const spec of existing) {
    const command = spec.action.kind === 'command' ? commandKey(spec.action.command) : null;
    if (command === null) continue;
    const key = `${scheduleKey(spec)}\0${command}`;
    if (!byKey.has(key)) byKey.set(key, spec.id);
  }
  const fresh: ImportedJob[] = [];
  const already: SplitImport['already'] = [];
  for (const entry of jobs) {
    const key = importedKey(entry.job, zoneOf(entry.job));
    const existingId = key === null ? undefined : byKey.get(key);
    if (entry.moved) {
      already.push({
        entry,
        file: entry.file,
        line: entry.line,
        existingId: existingId ?? null,
        reason: existingId
          ? `commented out by an earlier import; runs in Cronbar as ${existingId}`
          : 'commented out by an earlier import (its job is no longer in the jobs file); not imported again',
      });
    } else if (existingId !== undefined) {
      already.push({
        entry,
        file: entry.file,
        line: entry.line,
        existingId,
        reason: `same schedule and command as ${existingId} in the jobs file; not added again`,
      });
    } else {
      fresh.push(entry);
    }
  }
  return { fresh, already };
}

/** A command compared as the shell would split it: runs of blanks are one, an argv is its words. */
function commandKey(command: unknown): string | null {
  if (Array.isArray(command)) return command.map(String).join(' ').trim().replace(/\s+/g, ' ');
  if (typeof command === 'string') return command.trim().replace(/\s+/g, ' ');
  return null;
}

function importedKey(job: ImportedJob['job'], zone: string): string | null {
  const raw = job as { cron?: unknown; every?: unknown; at?: unknown; command?: unknown };
  const command = commandKey(raw.command);
  if (command === null) return null;
  let schedule: ScheduleSpec;
  if (typeof raw.cron === 'string') schedule = { kind: 'cron', expr: raw.cron };
  else if (typeof raw.every === 'string' && parseDuration(raw.every) !== null)
    schedule = { kind: 'every', everyMs: parseDuration(raw.every)!, text: raw.every };
  else if (typeof raw.at === 'string') schedule = { kind: 'at', at: raw.at };
  else return null;
  return `${scheduleKey({ schedule, timezone: zone })}\0${command}`;
}
