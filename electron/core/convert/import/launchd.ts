/**
 * A launchd property list (launchd.plist(5)) → Cronbar jobs. `StartCalendarInterval` (a dict, or an array of them)
 * becomes `cron:` — a missing key is a wildcard, as in launchd, and Day with Weekday is an OR, as in cron; an array
 * whose dicts differ in one key becomes one list pattern, other arrays one job per dict. `StartInterval` becomes
 * `every:` with `catchUp: skip` (launchd drops an interval that falls in sleep). `ProgramArguments` (or `Program`)
 * is the argv, `WorkingDirectory` the cwd, `EnvironmentVariables` the env. launchd never stops a job and never
 * starts one that still runs: `timeout: 0s` and Cronbar's default `overlap: skip`. Other keys are reported.
 */
import { formatDuration } from '../../../../shared/config/duration';
import { slug } from './job-ids';
import type { ImportLoss, ImportOptions, ImportResult, ImportSource, ImportedJob } from './import-types';

type Plist = Record<string, unknown>;

const HANDLED = new Set([
  'RunAtLoad',
  'WatchPaths',
  'QueueDirectories',
  'Label',
  'Program',
  'ProgramArguments',
  'WorkingDirectory',
  'EnvironmentVariables',
  'StartCalendarInterval',
  'StartInterval',
  'Disabled',
  'UserName',
]);
/** Keys with no effect on when or how a scheduled job runs under Cronbar. */
const HARMLESS = new Set([
  'ProcessType',
  'AbandonProcessGroup',
  'EnableGlobbing',
  'ExitTimeOut',
  'ThrottleInterval',
  'LimitLoadToSessionType',
]);
const CALENDAR_KEYS = ['Minute', 'Hour', 'Day', 'Month', 'Weekday'] as const;
const CALENDAR_RANGES: Record<(typeof CALENDAR_KEYS)[number], [number, number]> = {
  Minute: [0, 59],
  Hour: [0, 23],
  Day: [1, 31],
  Month: [1, 12],
  Weekday: [0, 7],
};

/**
 * plist ships as an ES module only; the CLI bundle is CommonJS and keeps packages external, so it is loaded with a
 * dynamic import (which Node resolves as ESM) when a plist is read, not at start-up.
 */
const loadPlist = () => import('plist');

export async function importLaunchd(
  source: ImportSource & { bytes?: Uint8Array },
  options: ImportOptions,
): Promise<ImportResult> {
  const { parse, parseBinary } = await loadPlist();
  const file = source.name;
  const losses: ImportLoss[] = [];
  const jobs: ImportedJob[] = [];
  let plist: Plist;
  try {
    const value =
      source.bytes && isBinaryPlist(source.bytes) ? parseBinary(Buffer.from(source.bytes)) : parse(source.text);
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new Error('the top level is not a dict');
    plist = value as Plist;
  } catch (error) {
    losses.push({ file, line: 0, reason: `not a property list launchd reads: ${(error as Error).message}` });
    return { jobs, losses };
  }
  const lineOf = (key: string) => lineOfKey(source.text, key);

  const label = typeof plist.Label === 'string' ? plist.Label : null;
  const argv = programArguments(plist);
  if (!argv) {
    losses.push({ file, line: lineOf('ProgramArguments'), reason: 'no ProgramArguments or Program; not imported' });
    return { jobs, losses };
  }
  for (const key of Object.keys(plist)) {
    if (HANDLED.has(key) || HARMLESS.has(key)) continue;
    const reason =
      key === 'KeepAlive'
        ? `${key}: Cronbar has no keep-alive trigger; only the schedule and events are imported`
        : key === 'StandardOutPath' || key === 'StandardErrorPath'
          ? `${key}=${String(plist[key])}: Cronbar keeps the output in the run history instead of writing that file`
          : `${key} is not carried over`;
    losses.push({ file, line: lineOf(key), reason });
  }
  if (typeof plist.UserName === 'string' && plist.UserName !== options.currentUser) {
    losses.push({
      file,
      line: lineOf('UserName'),
      reason: `UserName=${plist.UserName}: Cronbar runs the command as ${options.currentUser}`,
    });
  }
  const env = stringRecord(plist.EnvironmentVariables);
  const base = {
    ...(label ? { name: label } : {}),
    ...(plist.Disabled === true ? { enabled: false } : {}),
    command: argv,
    ...(typeof plist.WorkingDirectory === 'string' ? { cwd: plist.WorkingDirectory } : {}),
    ...(env ? { env } : {}),
    timeout: '0s',
  };
  const idHint = label ? slug(label) : slug(argv[0]!.split('/').pop() ?? 'job');
  const events = launchdEvents(plist, file, lineOf, losses);
  const jobsBefore = jobs.length;

  if (plist.StartCalendarInterval !== undefined) {
    const line = lineOf('StartCalendarInterval');
    const intervals = Array.isArray(plist.StartCalendarInterval)
      ? plist.StartCalendarInterval
      : [plist.StartCalendarInterval];
    const patterns: string[][] = [];
    for (const interval of intervals) {
      const fields = calendarFields(interval);
      if (typeof fields === 'string')
        losses.push({ file, line, reason: `StartCalendarInterval: ${fields}; that entry is not imported` });
      else patterns.push(fields);
    }
    const merged = mergePatterns(patterns);
    if (merged.length > 1)
      losses.push({
        file,
        line,
        reason: `StartCalendarInterval has ${patterns.length} entries that no one cron pattern covers: imported as ${merged.length} jobs, which may both run when their times meet`,
      });
    for (const fields of merged) jobs.push({ idHint, file, line, job: { ...base, cron: fields.join(' ') } });
  }
  if (plist.StartInterval !== undefined) {
    const line = lineOf('StartInterval');
    const seconds = plist.StartInterval;
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1)
      losses.push({
        file,
        line,
        reason: `StartInterval=${String(seconds)} is not a whole number of seconds; not imported`,
      });
    else jobs.push({ idHint, file, line, job: { ...base, every: formatDuration(seconds * 1000), catchUp: 'skip' } });
  }
  if (events.length > 0) {
    // On one job only: the same event on each of several schedule jobs would run the command several times.
    const first = jobs[jobsBefore];
    if (first) first.job = { ...first.job, on: events };
    else
      jobs.push({
        idHint,
        file,
        line: lineOf(plist.RunAtLoad === true ? 'RunAtLoad' : 'WatchPaths'),
        job: { ...base, on: events },
      });
  } else if (plist.StartCalendarInterval === undefined && plist.StartInterval === undefined) {
    losses.push({
      file,
      line: 0,
      reason: 'no StartCalendarInterval, StartInterval, RunAtLoad or WatchPaths: nothing starts it, not imported',
    });
  }
  return { jobs, losses };
}

/** RunAtLoad → `on: start`, WatchPaths and QueueDirectories → `on: path`, each with a note. */
function launchdEvents(
  plist: Plist,
  file: string,
  lineOf: (key: string) => number,
  losses: ImportLoss[],
): Array<'start' | { path: string }> {
  const events: Array<'start' | { path: string }> = [];
  if (plist.RunAtLoad === true) {
    events.push('start');
    losses.push({
      file,
      line: lineOf('RunAtLoad'),
      reason:
        'RunAtLoad imported as on: start: Cronbar runs it when its scheduler starts, launchd when the agent loads (at login)',
    });
  }
  for (const key of ['WatchPaths', 'QueueDirectories'] as const) {
    const paths = plist[key];
    if (paths === undefined) continue;
    if (!Array.isArray(paths) || !paths.every((item) => typeof item === 'string')) {
      losses.push({ file, line: lineOf(key), reason: `${key} is not a list of paths; not imported` });
      continue;
    }
    for (const watched of paths as string[]) events.push({ path: watched });
    losses.push({
      file,
      line: lineOf(key),
      reason:
        key === 'WatchPaths'
          ? 'WatchPaths imported as on: path: a change runs the job once the changes pause (200 ms)'
          : 'QueueDirectories imported as on: path: Cronbar runs the job when files land, but does not keep it running until the directory is empty',
    });
  }
  return events;
}

function isBinaryPlist(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 6)).toString('latin1') === 'bplist';
}

function programArguments(plist: Plist): string[] | null {
  const args =
    Array.isArray(plist.ProgramArguments) && plist.ProgramArguments.every((arg) => typeof arg === 'string')
      ? (plist.ProgramArguments as string[])
      : null;
  const program = typeof plist.Program === 'string' ? plist.Program : null;
  // With both, Program is what runs and ProgramArguments[0] only its argv[0] (which Cronbar cannot set).
  if (program && args && args.length > 0) return [program, ...args.slice(1)];
  if (program) return [program];
  return args && args.length > 0 ? args : null;
}

function stringRecord(value: unknown): Record<string, string> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const entries = Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, String(item)] as const);
  return entries.length > 0 ? Object.fromEntries(entries) : null;
}

/** [minute, hour, day, month, weekday] of one dict; a missing key is `*`. */
function calendarFields(interval: unknown): string[] | string {
  if (typeof interval !== 'object' || interval === null || Array.isArray(interval)) return 'an entry is not a dict';
  const dict = interval as Record<string, unknown>;
  const unknown = Object.keys(dict).filter((key) => !(CALENDAR_KEYS as readonly string[]).includes(key));
  if (unknown.length > 0) return `unknown key ${unknown.join(', ')}`;
  const fields: string[] = [];
  for (const key of CALENDAR_KEYS) {
    const value = dict[key];
    if (value === undefined) {
      fields.push('*');
      continue;
    }
    const [min, max] = CALENDAR_RANGES[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
      return `${key}=${String(value)} is not ${min}-${max}`;
    fields.push(String(value));
  }
  return fields;
}

/** Entries that differ in one field only become one pattern with a list there; the rest stay apart. */
function mergePatterns(patterns: string[][]): string[][] {
  const result: string[][] = [];
  for (const pattern of patterns) {
    const target = result.find((existing) => {
      const differing = existing
        .map((field, index) => (field === pattern[index] ? -1 : index))
        .filter((index) => index !== -1);
      return differing.length <= 1 && differing.every((index) => existing[index] !== '*' && pattern[index] !== '*');
    });
    if (!target) {
      result.push([...pattern]);
      continue;
    }
    const index = target.findIndex((field, position) => field !== pattern[position]);
    if (index !== -1)
      target[index] = [...new Set([...target[index]!.split(','), pattern[index]!])]
        .sort((a, b) => Number(a) - Number(b))
        .join(',');
  }
  return result;
}

/** The 1-based line of `<key>Name</key>` in an XML plist (0 when not found, as in a binary one). */
function lineOfKey(text: string, key: string): number {
  const at = text.indexOf(`<key>${key}</key>`);
  return at === -1 ? 0 : text.slice(0, at).split('\n').length;
}
