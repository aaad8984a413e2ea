/**
 * Quoting for unit files, after systemd.service(5) "Command lines" and systemd.exec(5) "Environment=": words may be
 * double-quoted with C-style escapes; `%` starts a specifier (`%%` is a percent); in command lines `$NAME` expands a
 * variable (`$$` is a dollar). Environment= values do not expand `$`.
 */
const PLAIN = /^[A-Za-z0-9_@+=:,./-]+$/;

function escape(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\t/g, '\\t')
    .replace(/%/g, '%%');
}

/** One argument of ExecStart=. */
export function systemdArg(arg: string): string {
  if (arg !== '' && PLAIN.test(arg)) return arg;
  return `"${escape(arg).replace(/\$/g, '$$$$')}"`;
}

/** The value of an Environment= line for one variable. */
export function systemdEnvironment(key: string, value: string): string {
  return `"${escape(`${key}=${value}`)}"`;
}
