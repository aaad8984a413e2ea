/**
 * `envFile:`: a file of KEY=value lines, as systemd's EnvironmentFile= and docker's --env-file read them. Blank lines
 * and `#` comments are skipped, `export ` in front is allowed, a value may be quoted ('…' as written, "…" with \n \"
 * \\ escapes). A line that is none of these is a problem placed at file:line:col, never silently skipped: a half-read
 * secrets file would run the job with the wrong credentials. Problems never quote the line: it may hold a secret.
 */
export interface EnvFileProblem {
  line: number;
  col: number;
  message: string;
}

export type EnvFileResult = { ok: true; vars: Record<string, string> } | { ok: false; problems: EnvFileProblem[] };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DOUBLE_QUOTED_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', $: '$' };

export function parseEnvFile(text: string): EnvFileResult {
  const vars: Record<string, string> = {};
  const problems: EnvFileProblem[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const indent = raw.length - raw.trimStart().length;
    let rest = raw.trim();
    if (rest === '' || rest.startsWith('#')) return;
    let col = indent + 1;
    const exported = /^export\s+/.exec(rest);
    if (exported) {
      rest = rest.slice(exported[0].length);
      col += exported[0].length;
    }
    const equals = rest.indexOf('=');
    if (equals < 0) {
      problems.push({ line, col, message: 'not a KEY=value line' });
      return;
    }
    const name = rest.slice(0, equals).trimEnd();
    if (!NAME.test(name)) {
      problems.push({
        line,
        col,
        message: 'not a variable name before = (letters, digits and _, not starting with a digit)',
      });
      return;
    }
    const valueText = rest.slice(equals + 1).trimStart();
    const valueCol = col + equals + 1 + (rest.length - equals - 1 - valueText.length);
    const value = readValue(valueText);
    if (typeof value === 'string') vars[name] = value;
    else problems.push({ line, col: valueCol + value.offset, message: value.message });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, vars };
}

/** The value after `=`: quoted, or bare up to a ` #` comment. */
function readValue(text: string): string | { offset: number; message: string } {
  const quote = text[0];
  if (quote === "'" || quote === '"') {
    let value = '';
    for (let index = 1; index < text.length; index++) {
      const char = text[index]!;
      if (char === quote) {
        const after = text.slice(index + 1).trim();
        if (after !== '' && !after.startsWith('#'))
          return { offset: index + 1, message: `text after the closing ${quote}` };
        return value;
      }
      if (quote === '"' && char === '\\' && index + 1 < text.length) {
        const next = text[++index]!;
        value += DOUBLE_QUOTED_ESCAPES[next] ?? `\\${next}`;
      } else value += char;
    }
    return { offset: 0, message: `the ${quote} is never closed (values span one line)` };
  }
  const comment = /\s#/.exec(text);
  return (comment ? text.slice(0, comment.index) : text).trimEnd();
}
