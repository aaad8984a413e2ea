/**
 * cron's `%` rule (`man 5 crontab`): the command runs up to the first unescaped `%`; the rest is its standard input,
 * each further `%` a newline; `\%` is a literal percent. cron writes that text to the command's stdin without adding
 * a final newline, so the imported command pipes exactly those bytes in with `printf '%s'` — the same input, kept
 * readable in the jobs file. The command is grouped so a `cd x && y` before the `%` gets the input as a whole.
 */

export interface CronCommand {
  /** The shell command Cronbar runs. */
  command: string;
  /** The text cron would have fed to stdin, or null. */
  stdin: string | null;
}

export function translateCronCommand(raw: string): CronCommand {
  const cut = firstUnescapedPercent(raw);
  const head = unescapePercents(cut === -1 ? raw : raw.slice(0, cut));
  if (cut === -1) return { command: head, stdin: null };
  const stdin = raw.slice(cut + 1).replace(/(\\?)%/g, (_match, escaped: string) => (escaped ? '%' : '\n'));
  // A `#` could start a comment in the shell and swallow the closing parenthesis: end the command on its own line.
  const group = head.includes('#') ? `(\n${head}\n)` : `( ${head} )`;
  return { command: `printf '%s' ${shellQuote(stdin)} | ${group}`, stdin };
}

function firstUnescapedPercent(text: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && text[i + 1] === '%') i++;
    else if (text[i] === '%') return i;
  }
  return -1;
}

/** cron drops the backslash of `\%` and keeps every other backslash as written. */
function unescapePercents(text: string): string {
  return text.replace(/\\%/g, '%');
}

/** One POSIX shell word holding `text` exactly. */
export function shellQuote(text: string): string {
  if (/^[A-Za-z0-9_./:=@+-]+$/.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
