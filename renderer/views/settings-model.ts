/**
 * Concurrency, notification policy and history retention live in the jobs file (so the CLI and the app agree). The
 * settings view edits them through the yaml Document API, which keeps the admin's comments and layout.
 */
import { isMap, isSeq, parseDocument } from 'yaml';

export interface FileSettings {
  concurrency: number;
  notifyFailure: boolean;
  notifySuccess: boolean;
  notifyMissed: boolean;
  /** Null when no prune-history job exists (history is kept forever). */
  retention: { jobIndex: number; keepDays: number; keepRuns: number } | null;
}

export const DEFAULT_RETENTION = { keepDays: 30, keepRuns: 1000 };

function pruneJobIndex(doc: ReturnType<typeof parseDocument>): number {
  const jobs = doc.get('jobs');
  if (!isSeq(jobs)) return -1;
  return jobs.items.findIndex((item) => isMap(item) && item.get('builtin') === 'prune-history');
}

export function readFileSettings(text: string, defaultConcurrency: number): FileSettings {
  const doc = parseDocument(text);
  const bool = (path: string[], fallback: boolean) => {
    const value = doc.getIn(path);
    return typeof value === 'boolean' ? value : fallback;
  };
  const index = pruneJobIndex(doc);
  const num = (value: unknown, fallback: number) => (typeof value === 'number' ? value : fallback);
  return {
    concurrency: num(doc.get('concurrency'), defaultConcurrency),
    notifyFailure: bool(['defaults', 'notify', 'failure'], true),
    notifySuccess: bool(['defaults', 'notify', 'success'], false),
    notifyMissed: bool(['defaults', 'notify', 'missed'], false),
    retention:
      index < 0
        ? null
        : {
            jobIndex: index,
            keepDays: num(doc.getIn(['jobs', index, 'with', 'keepDays']), DEFAULT_RETENTION.keepDays),
            keepRuns: num(doc.getIn(['jobs', index, 'with', 'keepRuns']), DEFAULT_RETENTION.keepRuns),
          },
  };
}

/** What is wrong with the edited settings, per field; nothing is written while any is set. */
export function settingsProblems(
  settings: FileSettings,
): Partial<Record<'concurrency' | 'keepDays' | 'keepRuns', string>> {
  const whole = (value: number, min: number, max = Number.MAX_SAFE_INTEGER) =>
    Number.isInteger(value) && value >= min && value <= max;
  return {
    ...(whole(settings.concurrency, 1, 64) ? {} : { concurrency: 'a whole number between 1 and 64' }),
    ...(settings.retention && !whole(settings.retention.keepDays, 1)
      ? { keepDays: 'a whole number of days, at least 1' }
      : {}),
    ...(settings.retention && !whole(settings.retention.keepRuns, 1)
      ? { keepRuns: 'a whole number of runs, at least 1' }
      : {}),
  };
}

/** Writes the settings back into the text; everything else in the file stays as it was. */
export function applyFileSettings(
  text: string,
  settings: Omit<FileSettings, 'retention'> & { retention: { keepDays: number; keepRuns: number } | null },
): string {
  const doc = parseDocument(text);
  doc.set('concurrency', settings.concurrency);
  doc.setIn(['defaults', 'notify', 'failure'], settings.notifyFailure);
  doc.setIn(['defaults', 'notify', 'success'], settings.notifySuccess);
  doc.setIn(['defaults', 'notify', 'missed'], settings.notifyMissed);
  if (settings.retention) {
    let index = pruneJobIndex(doc);
    if (index < 0) {
      if (!isSeq(doc.get('jobs'))) doc.set('jobs', doc.createNode([]));
      const jobs = doc.get('jobs');
      if (isSeq(jobs)) {
        jobs.add(
          doc.createNode({
            id: 'prune-history',
            name: 'Prune run history',
            cron: '@daily',
            builtin: 'prune-history',
            with: {},
          }),
        );
        index = jobs.items.length - 1;
      }
    }
    doc.setIn(['jobs', index, 'with', 'keepDays'], settings.retention.keepDays);
    doc.setIn(['jobs', index, 'with', 'keepRuns'], settings.retention.keepRuns);
  }
  return doc.toString();
}
