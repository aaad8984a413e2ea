/**
 * `ExecStart=` lines (systemd.service(5), "Command lines") → a Cronbar command. systemd does not use a shell: it
 * splits the line into words with its own quoting, substitutes `${VAR}` (one word) and `$VAR` (split at spaces),
 * and expands `%` specifiers. One plain command line becomes an argv list (no shell, exactly as systemd runs it);
 * variables, several lines (`ExecStartPre=`, `ExecStartPost=`) or a `-` prefix (failure ignored) become a
 * /bin/sh command that does the same.
 */
import { shellQuote } from './crontab-command';

export interface ExecLine {
  /** The words, with specifiers expanded as far as they are known. */
  words: string[];
  /** `-`: a failure of this line does not fail the unit. */
  ignoreFailure: boolean;
  /** What could not be carried over (an unknown specifier, a `+`/`!` privilege prefix). */
  problems: string[];
}

export interface UnitNames {
  /** `backup.service` */
  unit: string;
  /** `backup` (for `foo@bar.service`: `foo@bar`) */
  name: string;
  /** The instance of a template unit (`bar` in `foo@bar.service`), or ''. */
  instance: string;
}

export function parseExecLine(value: string, names: UnitNames): ExecLine {
  let rest = value.trim();
  const problems: string[] = [];
  let ignoreFailure = false;
  let argvZero = false;
  for (let prefix = /^[-@:+!|]/.exec(rest); prefix; prefix = /^[-@:+!|]/.exec(rest)) {
    const symbol = prefix[0];
    if (symbol === '-') ignoreFailure = true;
    else if (symbol === '@') argvZero = true;
    else if (symbol === ':') problems.push('the ":" prefix (no variable expansion) is not carried over');
    else problems.push(`the "${symbol}" prefix (run with other privileges) is not carried over`);
    rest = rest.slice(1);
  }
  const words = splitWords(rest).map((word) => expandSpecifiers(word, names, problems));
  // `@`: the second word is argv[0]; Cronbar cannot set argv[0], so it is dropped and said.
  if (argvZero && words.length > 1) {
    problems.push(
      `the "@" prefix sets argv[0] to ${JSON.stringify(words[1])}; Cronbar runs ${words[0]} with its own name`,
    );
    words.splice(1, 1);
  }
  return { words, ignoreFailure, problems };
}

/** systemd's word splitting: spaces separate, double and single quotes group, C escapes inside and outside. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote === null && /\s/.test(ch)) {
      if (word !== null) words.push(word);
      word = null;
      continue;
    }
    word ??= '';
    if (ch === '\\' && i + 1 < text.length) {
      const next = text[++i]!;
      word +=
        ({ n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", ' ': ' ', s: ' ' } as Record<string, string>)[
          next
        ] ?? `\\${next}`;
    } else if (quote === null && (ch === '"' || ch === "'")) {
      quote = ch;
    } else if (ch === quote) {
      quote = null;
    } else {
      word += ch;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

function expandSpecifiers(word: string, names: UnitNames, problems: string[]): string {
  return word.replace(/%(.)/g, (all, letter: string) => {
    switch (letter) {
      case '%':
        return '%';
      case 'n':
        return names.unit;
      case 'N':
        return names.name;
      case 'p':
        return names.name.split('@')[0]!;
      case 'i':
      case 'I':
        return names.instance;
      case 'h':
        return '${HOME}';
      case 'u':
        return '${USER}';
      default:
        problems.push(`the specifier ${all} is not carried over (kept as written)`);
        return all;
    }
  });
}

/** True when a word needs the shell: a `$` variable systemd would substitute. */
function usesVariables(words: readonly string[]): boolean {
  return words.some((word) => word.includes('$'));
}

/** Several exec lines (in order) as one Cronbar command: an argv when plain, else a /bin/sh command line. */
export function execCommand(lines: readonly ExecLine[]): { command: string | string[]; shell: string | null } {
  if (lines.length === 1 && !lines[0]!.ignoreFailure && !usesVariables(lines[0]!.words))
    return { command: lines[0]!.words, shell: null };
  const parts = lines.map((line) => {
    const text = line.words.map(shellWord).join(' ');
    return line.ignoreFailure ? `{ ${text} || true; }` : text;
  });
  return { command: parts.join(' && '), shell: '/bin/sh' };
}

/**
 * A word for /bin/sh with systemd's substitution: `${VAR}` stays one word (double quotes), a word that is just
 * `$VAR` is split at spaces like systemd does (left unquoted); everything else is quoted literally.
 */
function shellWord(word: string): string {
  if (/^\$[A-Za-z_][A-Za-z0-9_]*$/.test(word)) return word;
  if (!word.includes('$')) return shellQuote(word);
  return `"${word.replace(/(["\\`])/g, '\\$1').replace(/\$(?![{A-Za-z_])/g, '\\$')}"`;
}
