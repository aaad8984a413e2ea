/**
 * A crontab (user or system) → Cronbar jobs, per `man 5 crontab` (Vixie cron / cronie):
 * - `NAME=value` lines set the environment of the lines after them; `SHELL` becomes `shell:` (cron uses /bin/sh, not
 *   the login shell), cronie's `CRON_TZ` the `timezone:` and `RANDOM_DELAY` (minutes) the `jitter:`; `MAILTO` is
 *   reported, as Cronbar keeps output in its history instead of mailing it.
 * - Comment lines directly above a job become its description; a commented-out job line is imported disabled.
 * - cron's own run semantics are kept: it starts a job even while the last run still runs (`overlap: parallel`),
 *   runs nothing missed while the machine was off (`catchUp: skip`) and never stops a job (`timeout: 0s`).
 * - System crontabs (`/etc/crontab`, `/etc/cron.d/*`) have a user field; Cronbar runs jobs as the current user, so
 *   another user's line is reported.
 */
import { isValidTimezone } from '../../../../shared/config/schema';
import { translateCronCommand } from './crontab-command';
import { MOVED_MARK } from './crontab-moved-lines';
import { CRON_NICKNAMES, cronerPatternFor, crontabFieldsError } from './crontab-schedule';
import { idFromCommand } from './job-ids';
import type { ImportOptions, ImportResult, ImportSource, ImportedJob } from './import-types';

export interface CrontabOptions extends ImportOptions {
  /** Lines have a user field after the time fields (`/etc/crontab`, `/etc/cron.d/*`). */
  system: boolean;
}

/** True for the files cron reads as system crontabs. */
export function isSystemCrontabPath(file: string): boolean {
  return /(^|\/)etc\/crontab$/.test(file) || /(^|\/)etc\/cron\.d\//.test(file);
}

interface ParsedLine {
  cron: string;
  user: string | null;
  command: string;
  /** When the command (or a system line's user) starts with what reads as a sixth time field: that word, and the
   * pattern it would make with the first field read as seconds. */
  secondsField?: string;
  secondsReading?: string;
}

const ENV_LINE = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;
/** The header `crontab -e` writes on Debian and Ubuntu: prose with an example line, never jobs. */
const TEMPLATE_MARK = /m h\s+dom mon dow\s+command|Edit this file to introduce tasks/;
/** A comment naming the columns (`# m h dom mon dow user command`, the header of older Debian /etc/crontab). */
const COLUMN_NAMES = /^m(in(ute)?)?\s+h(our)?\s+dom\s+mon\s+dow\s+(user(-?name)?\s+)?(command|cmd)\b/i;
/** What an example line runs instead of a command (`# *  *  *  *  * user-name command to be executed`). */
const PLACEHOLDER_COMMAND =
  /^(user(-?name)?\s+)?(command( to be executed)?|cmd|<command>|\/path\/to\/(command|script))$/i;

export function importCrontab(source: ImportSource, options: CrontabOptions): ImportResult {
  const file = source.name;
  const jobs: ImportedJob[] = [];
  const losses: ImportResult['losses'] = [];
  const env: Record<string, string> = {};
  let shell = '/bin/sh';
  let timezone: string | null = null;
  let jitter: string | null = null;
  let comments: string[] = [];

  const lines = source.text.split('\n').map((line) => line.replace(/\r$/, '').trim());
  const template = templateLines(lines, options.system);
  for (let index = 0; index < lines.length; index++) {
    const lineNo = index + 1;
    const trimmed = lines[index]!;
    // Before the template check: a moved line right under the `crontab -e` header joins its comment block.
    const moved = MOVED_MARK.exec(trimmed);
    if (moved) {
      const parsed = parseJobLine(moved[1]!.trim(), options.system);
      if (parsed && typeof parsed === 'object') {
        // Its losses were reported when it was imported; it is not imported again (the plan says where it is).
        const reported = losses.length;
        add(parsed, lineNo, true, moved[1]!.trim(), true);
        losses.length = reported;
      }
      comments = [];
      continue;
    }
    if (trimmed === '' || template.has(index)) {
      comments = [];
      continue;
    }
    if (trimmed.startsWith('#')) {
      const inner = trimmed.replace(/^#+/, '').trim();
      const parsed = inner === '' ? null : parseJobLine(inner, options.system);
      if (parsed && typeof parsed !== 'string') {
        add(parsed, lineNo, false, trimmed);
      } else if (inner !== '') {
        comments.push(inner);
      }
      continue;
    }
    const variable = ENV_LINE.exec(trimmed);
    if (variable) {
      setVariable(variable[1]!, unquote(variable[2]!), lineNo);
      comments = [];
      continue;
    }
    const parsed = parseJobLine(trimmed, options.system);
    if (parsed === 'reboot') {
      losses.push({
        file,
        line: lineNo,
        reason: '@reboot runs once at boot; Cronbar has no start-up trigger, so the line is not imported',
      });
    } else if (typeof parsed === 'string') {
      losses.push({ file, line: lineNo, reason: `not imported: ${parsed}` });
    } else {
      add(parsed, lineNo, true, trimmed);
    }
    comments = [];
  }
  return { jobs, losses };

  function setVariable(name: string, value: string, line: number): void {
    if (name === 'SHELL') shell = value;
    else if (name === 'CRON_TZ') {
      if (isValidTimezone(value)) timezone = value;
      else
        losses.push({
          file,
          line,
          reason: `CRON_TZ=${value} is not an IANA time zone; the jobs below keep the previous zone`,
        });
    } else if (name === 'RANDOM_DELAY') {
      const minutes = Number(value);
      if (Number.isInteger(minutes) && minutes >= 0) jitter = minutes === 0 ? null : `${minutes}m`;
      else losses.push({ file, line, reason: `RANDOM_DELAY=${value} is not a whole number of minutes; ignored` });
    } else if (name === 'MAILTO' || name === 'MAILFROM') {
      if (value !== '')
        losses.push({
          file,
          line,
          reason: `${name}=${value}: cron mails a job's output; Cronbar keeps it in the run history and notifies on failure instead (no mail is sent)`,
        });
    } else {
      env[name] = value;
    }
  }

  function add(parsed: ParsedLine, line: number, enabled: boolean, sourceText: string, moved = false): void {
    const { command, stdin } = translateCronCommand(parsed.command);
    const notes = [...comments];
    if (parsed.user !== null) {
      notes.push(`Ran as ${parsed.user} from ${file}:${line}.`);
      if (parsed.user !== options.currentUser) {
        losses.push({
          file,
          line,
          reason: `ran as user ${parsed.user}; it will run as ${options.currentUser}, the user Cronbar runs as, not as ${parsed.user}`,
        });
      }
    }
    if (stdin !== null) {
      notes.push(`cron fed the text after % to its standard input; the command pipes it in with printf.`);
      losses.push({
        file,
        line,
        reason: `% in the command: cron (busybox too) runs only "${cutAtPercent(parsed.command)}" and feeds the text after the % to its standard input, each further % a newline; imported the same way (a literal % is written \\% in a crontab)`,
      });
    }
    if (parsed.secondsReading)
      losses.push({
        file,
        line,
        reason: `six time-like fields: cron reads five, so the schedule is "${parsed.cron}" and ${parsed.secondsField} is read as ${options.system ? 'the user' : 'the start of the command (the shell expands a * to the file names in the working directory)'}; imported as cron reads it. If the line was written with a seconds field, set cron: "${parsed.secondsReading}"`,
      });
    jobs.push({
      idHint: idFromCommand(parsed.command.split('%')[0]!),
      file,
      line,
      sourceText,
      ...(moved ? { moved } : {}),
      job: {
        ...(notes.length > 0 ? { description: notes.join('\n') } : {}),
        ...(enabled ? {} : { enabled: false }),
        cron: parsed.cron,
        ...(timezone ? { timezone } : {}),
        ...(jitter ? { jitter } : {}),
        command,
        ...(Object.keys(env).length > 0 ? { env: { ...env } } : {}),
        shell,
        overlap: 'parallel',
        catchUp: 'skip',
        timeout: '0s',
      },
    });
    comments = [];
  }
}

/**
 * The lines of every comment block that documents the format rather than holding jobs: the `crontab -e` template,
 * and Debian's /etc/crontab "Example of job definition" (its column names, its `*  *  *  *  * user-name command to
 * be executed`). Their example lines are not jobs, and their prose would become the next job's description.
 */
function templateLines(lines: readonly string[], system: boolean): Set<number> {
  const marked = new Set<number>();
  for (let start = 0; start < lines.length; start++) {
    if (!lines[start]!.startsWith('#')) continue;
    let end = start;
    while (end + 1 < lines.length && lines[end + 1]!.startsWith('#')) end++;
    if (lines.slice(start, end + 1).some((line) => isDocumentation(line, system)))
      for (let i = start; i <= end; i++) marked.add(i);
    start = end;
  }
  return marked;
}

function isDocumentation(line: string, system: boolean): boolean {
  if (TEMPLATE_MARK.test(line)) return true;
  const inner = line.replace(/^#+/, '').trim();
  if (COLUMN_NAMES.test(inner)) return true;
  const parsed = parseJobLine(inner, system);
  return typeof parsed === 'object' && PLACEHOLDER_COMMAND.test(parsed.command);
}

/** A job line, `'reboot'`, or why the line is not one. */
function parseJobLine(text: string, system: boolean): ParsedLine | 'reboot' | string {
  // cronie: a leading `-` only stops the run being logged to syslog.
  const line = text.replace(/^-(?=\S)/, '');
  if (line.startsWith('@')) {
    const match = /^(@\S+)\s+(.*)$/.exec(line);
    const nickname = (match?.[1] ?? line).toLowerCase();
    if (nickname === '@reboot') return 'reboot';
    if (!CRON_NICKNAMES.has(nickname)) return `unknown schedule ${match?.[1] ?? line}`;
    return withUser(nickname, match![2]!, system);
  }
  const match = /^(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(.*)$/.exec(line);
  if (!match) return 'not a crontab line (five time fields and a command)';
  const fields = match.slice(1, 6);
  const problem = crontabFieldsError(fields);
  if (problem) return problem;
  const parsed = withUser(cronerPatternFor(fields), match[6]!, system);
  if (typeof parsed === 'string') return parsed;
  // `0 30 2 * * * backup` (a seconds field, as croner and Quartz write it): cron takes `*` for the command.
  const next = /^(\S+)\s+\S/.exec(system ? match[6]!.trim() : parsed.command)?.[1];
  if (next !== undefined && crontabFieldsError(fields.slice(1).concat(next)) === null)
    return {
      ...parsed,
      secondsField: JSON.stringify(next),
      secondsReading: [fields[0]!, cronerPatternFor([...fields.slice(1), next])].join(' '),
    };
  return parsed;
}

/** A command up to its first unescaped %. */
function cutAtPercent(command: string): string {
  const cut = /(^|[^\\])%/.exec(command);
  return cut ? command.slice(0, cut.index + cut[1]!.length) : command;
}

function withUser(cron: string, rest: string, system: boolean): ParsedLine | string {
  if (!system) return rest.trim() === '' ? 'no command' : { cron, user: null, command: rest.trim() };
  const match = /^(\S+)\s+(.*)$/.exec(rest.trim());
  if (!match || match[2]!.trim() === '') return 'a system crontab line needs a user and a command';
  return { cron, user: match[1]!, command: match[2]!.trim() };
}

function unquote(value: string): string {
  const match = /^(['"])(.*)\1$/.exec(value.trim());
  return match ? match[2]! : value.trim();
}
