/**
 * Readable, unique job ids for imported jobs: made from what the job runs (`/usr/local/bin/backup.sh --full` →
 * `backup`, `restic backup ~/` → `restic-backup`, `run-parts /etc/cron.daily` → `run-parts-cron-daily`), or from a
 * unit or label name, with an optional prefix, and `-2`, `-3`… when taken.
 */
import { JOB_ID_PATTERN } from '../../../../shared/config/schema';

/** Programs that only wrap the one that names the job. */
const WRAPPERS = new Set([
  'sudo',
  'nice',
  'ionice',
  'nohup',
  'env',
  'time',
  'exec',
  'chronic',
  'flock',
  'timeout',
  'setsid',
  'command',
  'bash',
  'sh',
  'zsh',
  'dash',
  'cd',
  'if',
  'then',
  'true',
]);
const SCRIPT_SUFFIX = /\.(sh|bash|py|pl|rb|js|php)$/i;

/** The readable base of an id for a shell command or an argv. */
export function idFromCommand(command: string | readonly string[]): string {
  const words = typeof command === 'string' ? command.split(/\s+/) : [...command];
  const parts: string[] = [];
  let skipNext = false;
  // `test -x /usr/sbin/anacron || …` and `[ … ] && …`: the condition does not name the job, what follows does.
  let inCondition = false;
  for (const word of words) {
    if (parts.length === 2) break;
    if (skipNext) {
      skipNext = false;
      continue;
    }
    if (word === '' || /^[A-Za-z_][A-Za-z0-9_]*=/.test(word)) continue;
    // Shell punctuation ends a word list: `cd /srv && ./deploy.sh` names the job after deploy.
    if (/^(&&|\|\||;|\||>|>>|<|2>&1|2>|&)$/.test(word) || /^[<>]|^\d>/.test(word)) {
      inCondition = false;
      if (parts.length > 0) break;
      continue;
    }
    if (inCondition) continue;
    if (parts.length === 0 && (word === 'test' || word === '[' || word === '[[')) {
      inCondition = true;
      continue;
    }
    if (word.startsWith('-')) continue;
    const base =
      word
        .replace(/[;'"()]/g, '')
        .split('/')
        .filter(Boolean)
        .pop() ?? '';
    const name = base.replace(SCRIPT_SUFFIX, '');
    if (parts.length === 0 && WRAPPERS.has(name)) {
      if (name === 'cd' || name === 'flock' || name === 'timeout') skipNext = true;
      continue;
    }
    if (parts.length === 1 && !/^[A-Za-z][A-Za-z0-9._-]*$/.test(name)) continue;
    if (name !== '') parts.push(name);
  }
  return slug(parts.join('-')) || 'job';
}

/** Lowercase letters, digits, dots and dashes; at most 48 characters. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/\.+/g, (dots) => (dots.length > 1 ? '-' : '.'))
    .replace(/-+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 48)
    .replace(/[-.]+$/, '');
}

/** Gives each hint an id not in `taken` (and not given to an earlier hint), with `prefix-` in front when set. */
export function uniqueIds(hints: readonly string[], taken: Iterable<string>, prefix?: string): string[] {
  const used = new Set(taken);
  const head = prefix && slug(prefix) ? `${slug(prefix)}-` : '';
  // The next suffix to try per base, so 10 000 lines running the same script do not rescan -2, -3… each time.
  const nextSuffix = new Map<string, number>();
  return hints.map((hint) => {
    const base = `${head}${slug(hint) || 'job'}`.slice(0, 58);
    let id = base;
    for (let n = nextSuffix.get(base) ?? 2; used.has(id) || !JOB_ID_PATTERN.test(id); n++) {
      id = `${base}-${n}`;
      nextSuffix.set(base, n + 1);
    }
    used.add(id);
    return id;
  });
}
