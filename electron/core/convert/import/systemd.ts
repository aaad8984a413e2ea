/**
 * A systemd `.timer` and the `.service` it starts → Cronbar jobs (systemd.timer(5), systemd.service(5),
 * systemd.exec(5)). Each `OnCalendar=` line becomes a `cron:` job (systemd-calendar.ts), `OnUnitActiveSec=` /
 * `OnUnitInactiveSec=` an `every:` job; `Persistent=true` → `catchUp: once`, `RandomizedDelaySec=` → `jitter`,
 * `RuntimeMaxSec=` (or a oneshot's `TimeoutStartSec=`) → `timeout` (systemd's default for these is no limit),
 * `ExecStart=` → `command`, `WorkingDirectory=` → `cwd`, `Environment=` / `EnvironmentFile=` → `env`. A timer never
 * starts its service while it runs, which is Cronbar's default `overlap: skip`. Every other setting is reported.
 */
import path from 'node:path';
import { formatDuration } from '../../../../shared/config/duration';
import { dstDifference } from './dst-differences';
import { type ExecLine, type UnitNames, execCommand, parseExecLine, splitWords } from './systemd-exec';
import { convertOnCalendar } from './systemd-calendar';
import { type UnitFile, listSetting, parseTimeSpan, parseUnitFile, setting, unitBoolean } from './systemd-unit-file';
import type { ImportLoss, ImportOptions, ImportResult, ImportSource, ImportedJob } from './import-types';

/** Settings that change nothing Cronbar would do differently. */
const HARMLESS: Record<string, Set<string>> = {
  Unit: new Set(['Description', 'Documentation', 'DefaultDependencies']),
  Timer: new Set(['AccuracySec', 'RemainAfterElapse', 'Unit']),
  Service: new Set(['Type', 'StandardOutput', 'StandardError', 'SyslogIdentifier', 'RemainAfterExit']),
};
/** Settings this importer carries over (read below). */
const HANDLED: Record<string, Set<string>> = {
  // Become after: on the unit they start, when it is imported too (systemd-chains.ts says what is not).
  Unit: new Set(['OnSuccess', 'OnFailure']),
  Timer: new Set([
    'OnCalendar',
    'OnUnitActiveSec',
    'OnUnitInactiveSec',
    'OnBootSec',
    'OnStartupSec',
    'OnActiveSec',
    'Persistent',
    'RandomizedDelaySec',
    'FixedRandomDelay',
  ]),
  Service: new Set([
    'ExecStart',
    'ExecStartPre',
    'ExecStartPost',
    'WorkingDirectory',
    'Environment',
    'EnvironmentFile',
    'TimeoutStartSec',
    'TimeoutSec',
    'RuntimeMaxSec',
    'User',
    'Group',
  ]),
};

export function importSystemdTimer(timer: ImportSource, options: ImportOptions): ImportResult {
  const losses: ImportLoss[] = [];
  const jobs: ImportedJob[] = [];
  const timerFile = timer.name;
  const unit = parseUnitFile(timer.text);
  const base = path.basename(timerFile).replace(/\.timer$/, '');
  if (base.endsWith('@')) {
    // A template (`name@.timer`) runs only as instances (`name@main.timer`), whose %i this file cannot know.
    losses.push({
      file: timerFile,
      line: 0,
      reason: `a template unit: it runs only as instances (${base}NAME.timer); not imported`,
    });
    return { jobs, losses };
  }
  const serviceName = triggeredUnit(unit, timerFile, base, losses);
  const serviceFile = path.join(path.dirname(timerFile), serviceName);
  const serviceText = options.readFile?.(serviceFile) ?? null;
  if (serviceText === null) {
    losses.push({
      file: timerFile,
      line: 0,
      reason: `${serviceName} (the unit this timer starts) was not found beside it; the timer is not imported`,
    });
    return { jobs, losses };
  }
  const service = parseUnitFile(serviceText);
  reportOthers(unit, timerFile, losses);
  reportOthers(service, serviceFile, losses);

  const action = serviceAction(service, serviceFile, serviceName, options, losses);
  if (!action) return { jobs, losses };
  const description = setting(service, 'Unit', 'Description')?.value ?? setting(unit, 'Unit', 'Description')?.value;
  const persistent = setting(unit, 'Timer', 'Persistent');
  const jitterSetting = setting(unit, 'Timer', 'RandomizedDelaySec');
  const jitterMs = jitterSetting ? parseTimeSpan(jitterSetting.value) : null;
  if (jitterSetting && (jitterMs === null || !Number.isFinite(jitterMs)))
    losses.push({
      file: timerFile,
      line: jitterSetting.line,
      reason: `RandomizedDelaySec=${jitterSetting.value} is not a time span Cronbar can use; no jitter`,
    });
  const fixedDelay = setting(unit, 'Timer', 'FixedRandomDelay');
  if (fixedDelay && unitBoolean(fixedDelay.value))
    losses.push({
      file: timerFile,
      line: fixedDelay.line,
      reason: 'FixedRandomDelay=true: Cronbar picks a stable delay per fire time, not one per timer',
    });
  const common = {
    ...(description ? { name: description } : {}),
    ...(jitterMs ? { jitter: formatDuration(Math.max(1, Math.round(jitterMs))) } : {}),
    ...action,
  };

  const calendars = listSetting(unit, 'Timer', 'OnCalendar');
  for (const [index, calendar] of calendars.entries()) {
    const converted = convertOnCalendar(calendar.value);
    if (!converted.ok) {
      losses.push({
        file: timerFile,
        line: calendar.line,
        reason: `OnCalendar=${calendar.value}: ${converted.reason}; not imported`,
      });
      continue;
    }
    for (const note of converted.notes)
      losses.push({ file: timerFile, line: calendar.line, reason: `OnCalendar=${calendar.value}: ${note}` });
    if (calendars.length > 1 && index > 0) {
      losses.push({
        file: timerFile,
        line: calendar.line,
        reason: `several OnCalendar= lines: each becomes its own job (${calendars.length} jobs); when two elapse at the same moment systemd starts the service once, Cronbar runs each job`,
      });
    }
    const zone = converted.timezone ?? options.localZone;
    const dst = dstDifference(converted.cron, zone, options.now ?? Date.now(), options.dstYears ?? 3);
    if (dst) losses.push({ file: timerFile, line: calendar.line, reason: `OnCalendar=${calendar.value}: ${dst}` });
    const catchUp = persistent && unitBoolean(persistent.value) ? { catchUp: 'once' as const } : {};
    if (!persistent || !unitBoolean(persistent.value)) {
      losses.push({
        file: timerFile,
        line: calendar.line,
        reason:
          'without Persistent=true systemd runs a missed elapse after sleep but not after a shutdown; Cronbar catches up once after both',
      });
    }
    jobs.push({
      idHint: base,
      unit: serviceName,
      file: timerFile,
      line: calendar.line,
      job: {
        ...common,
        cron: converted.cron,
        ...(converted.timezone ? { timezone: converted.timezone } : {}),
        ...catchUp,
      },
    });
  }

  const boot = ['OnBootSec', 'OnStartupSec', 'OnActiveSec'].flatMap((key) => listSetting(unit, 'Timer', key));
  const repeats = ['OnUnitActiveSec', 'OnUnitInactiveSec'].flatMap((key) => listSetting(unit, 'Timer', key));
  for (const repeat of repeats) {
    const everyMs = parseTimeSpan(repeat.value);
    if (everyMs === null || !Number.isFinite(everyMs) || everyMs < 1000) {
      losses.push({
        file: timerFile,
        line: repeat.line,
        reason: `${repeat.key}=${repeat.value} is not an interval of at least 1s; not imported`,
      });
      continue;
    }
    const from = repeat.key === 'OnUnitActiveSec' ? 'start' : 'end';
    losses.push({
      file: timerFile,
      line: repeat.line,
      reason: `${repeat.key}=${repeat.value} counts from the service's last ${from}; Cronbar's every: keeps a fixed grid of ${formatDuration(everyMs)} from the first run`,
    });
    jobs.push({
      idHint: base,
      unit: serviceName,
      file: timerFile,
      line: repeat.line,
      job: { ...common, every: formatDuration(Math.round(everyMs)) },
    });
  }
  for (const entry of boot) {
    losses.push({
      file: timerFile,
      line: entry.line,
      reason:
        repeats.length > 0
          ? `${entry.key}=${entry.value} (the first run after boot or activation) is not carried over; the every: job starts its grid when Cronbar loads it`
          : `${entry.key}=${entry.value} runs once after boot or activation; Cronbar has no start-up trigger, so it is not imported`,
    });
  }
  if (calendars.length === 0 && repeats.length === 0 && boot.length === 0)
    losses.push({
      file: timerFile,
      line: 0,
      reason: 'the timer has no OnCalendar= or OnUnitActiveSec=; nothing to import',
    });
  return { jobs, losses };
}

/** A service's ExecStart= and settings as a job's action fields (also for a chain's child service: systemd-chains.ts). */
export function serviceAction(
  service: UnitFile,
  file: string,
  unitName: string,
  options: ImportOptions,
  losses: ImportLoss[],
) {
  const names: UnitNames = {
    unit: unitName,
    name: unitName.replace(/\.service$/, ''),
    instance: /@([^.]*)\./.exec(unitName)?.[1] ?? '',
  };
  const execLines: ExecLine[] = [];
  for (const key of ['ExecStartPre', 'ExecStart', 'ExecStartPost']) {
    for (const entry of listSetting(service, 'Service', key)) {
      const line = parseExecLine(entry.value, names);
      for (const problem of line.problems) losses.push({ file, line: entry.line, reason: `${key}: ${problem}` });
      if (line.words.length > 0) execLines.push(line);
    }
  }
  if (execLines.length === 0 || listSetting(service, 'Service', 'ExecStart').length === 0) {
    losses.push({ file, line: 0, reason: 'the service has no ExecStart=; not imported' });
    return null;
  }
  const { command, shell } = execCommand(execLines);
  const type = setting(service, 'Service', 'Type')?.value ?? 'simple';
  if (!['simple', 'exec', 'oneshot'].includes(type))
    losses.push({
      file,
      line: setting(service, 'Service', 'Type')!.line,
      reason: `Type=${type}: Cronbar waits for the command to exit, as for Type=oneshot`,
    });

  // systemd's default for a oneshot's start and any service's runtime is no limit; Cronbar's default is 1h.
  const runtime = setting(service, 'Service', 'RuntimeMaxSec');
  const start =
    type === 'oneshot'
      ? (setting(service, 'Service', 'TimeoutStartSec') ?? setting(service, 'Service', 'TimeoutSec'))
      : undefined;
  const limit = runtime ?? start;
  let timeoutMs = 0;
  if (limit) {
    const parsed = parseTimeSpan(limit.value);
    if (parsed === null)
      losses.push({ file, line: limit.line, reason: `${limit.key}=${limit.value} is not a time span; no timeout` });
    else timeoutMs = Number.isFinite(parsed) ? Math.max(1, Math.round(parsed)) : 0;
  }

  const env: Record<string, string> = {};
  for (const entry of listSetting(service, 'Service', 'Environment')) {
    for (const word of splitWords(entry.value)) {
      const eq = word.indexOf('=');
      if (eq > 0) env[word.slice(0, eq)] = word.slice(eq + 1);
    }
  }
  // EnvironmentFile= wins over Environment= (systemd.exec(5)); its contents are copied now.
  for (const entry of listSetting(service, 'Service', 'EnvironmentFile')) {
    const optional = entry.value.startsWith('-');
    const envPath = entry.value.replace(/^-/, '');
    const text = options.readFile?.(envPath) ?? null;
    if (text === null) {
      if (!optional)
        losses.push({
          file,
          line: entry.line,
          reason: `EnvironmentFile=${envPath} could not be read; its variables are not carried over`,
        });
      continue;
    }
    Object.assign(env, parseEnvironmentFile(text));
    losses.push({
      file,
      line: entry.line,
      reason: `EnvironmentFile=${envPath} was copied into env: now; later edits to that file do not reach Cronbar`,
    });
  }

  for (const key of ['User', 'Group']) {
    const entry = setting(service, 'Service', key);
    if (entry && !(key === 'User' && entry.value === options.currentUser)) {
      losses.push({
        file,
        line: entry.line,
        reason:
          key === 'User'
            ? `User=${entry.value}: it will run as ${options.currentUser}, the user Cronbar runs as, not as ${entry.value}`
            : `Group=${entry.value}: it will run with the groups of ${options.currentUser}, the user Cronbar runs as, not as group ${entry.value}`,
      });
    }
  }
  const cwdSetting = setting(service, 'Service', 'WorkingDirectory');
  // `%h` is the home directory, which Cronbar writes as `~`.
  const cwd = cwdSetting?.value.replace(/^-/, '').replace(/^%h(?=\/|$)/, '~');
  if (cwdSetting && cwd && /%./.test(cwd))
    losses.push({
      file,
      line: cwdSetting.line,
      reason: `WorkingDirectory=${cwdSetting.value}: its % specifiers are not carried over`,
    });
  return {
    command,
    ...(cwd ? { cwd } : {}),
    ...(Object.keys(env).length > 0 ? { env } : {}),
    ...(shell ? { shell } : {}),
    timeout: formatDuration(timeoutMs),
  };
}

/** `KEY=value` lines, `#`/`;` comments, optional quotes (systemd.exec(5), EnvironmentFile=). */
export function parseEnvironmentFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const value = match[2]!;
    const quoted = /^(['"])(.*)\1$/.exec(value);
    env[match[1]!] = quoted ? quoted[2]! : value;
  }
  return env;
}

/** A unit name as systemd accepts one (unit_name_is_valid; `%` specifiers are expanded before the check). */
const UNIT_NAME = /^[A-Za-z0-9:_.\\@%-]+\.(service|socket|device|mount|automount|swap|target|path|timer|slice|scope)$/;

/**
 * The unit the timer starts: `Unit=`, or the service named like the timer. systemd has no inline comments, so
 * `Unit=x.service # note` names the unit `x.service # note`; systemd 252 logs "Unit type not valid, ignoring" and
 * the timer starts its default service (checked with systemd-analyze verify: the default's errors are reported, not
 * x.service's; see the systemd import test). The import does the same.
 */
function triggeredUnit(unit: UnitFile, timerFile: string, base: string, losses: ImportLoss[]): string {
  const fallback = `${base}.service`;
  const named = setting(unit, 'Timer', 'Unit');
  if (!named || UNIT_NAME.test(named.value)) return named?.value ?? fallback;
  const comment = /\s[#;]/.test(named.value)
    ? ` (systemd has no inline comments: the ${named.value.includes('#') ? '#' : ';'} and what follows are part of the name)`
    : '';
  losses.push({
    file: timerFile,
    line: named.line,
    reason: `Unit=${named.value} is not a valid unit name${comment}; systemd ignores the line and the timer starts ${fallback}, and so does the import`,
  });
  return fallback;
}

function reportOthers(unit: UnitFile, file: string, losses: ImportLoss[]): void {
  for (const [section, settings] of unit) {
    if (section === 'Install') continue;
    for (const entry of settings) {
      if (HANDLED[section]?.has(entry.key) && /\s#/.test(entry.value))
        losses.push({
          file,
          line: entry.line,
          reason: `${entry.key}=${entry.value}: systemd has no inline comments, so "${entry.value.slice(entry.value.search(/\s#/)).trim()}" is part of the value; it is carried over as systemd reads it`,
        });
      if (HARMLESS[section]?.has(entry.key) || HANDLED[section]?.has(entry.key)) continue;
      losses.push({ file, line: entry.line, reason: `${entry.key}=${entry.value} is not carried over` });
    }
  }
}
