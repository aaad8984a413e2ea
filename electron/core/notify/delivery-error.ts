/**
 * Why a delivery failed, in the words an admin can act on: DNS, connection refused, a timeout, TLS, the server's
 * refusal of the login, an HTTP status with the first line of the answer. Every text is masked (secrets.ts) before it
 * is stored or logged.
 */

/** A failure we already put into words (an HTTP status, a missing secret file, a hook's exit code). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    /** false: retrying cannot help (a missing secret, a 4xx other than 408/429); the message is given up. */
    readonly retryable: boolean = true,
  ) {
    super(message);
  }
}

const TLS_CODES = /^(ERR_TLS|ERR_SSL|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET|ETLS|EREQUIRETLS)/;

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  response?: unknown;
  responseCode?: unknown;
  command?: unknown;
  cause?: unknown;
  hostname?: unknown;
  address?: unknown;
  port?: unknown;
}

/** The innermost error that has a code (nodemailer and fetch wrap the socket's). */
function rootCause(error: ErrorLike): ErrorLike {
  let current = error;
  for (let depth = 0; depth < 5; depth++) {
    const cause = current.cause as ErrorLike | undefined;
    if (!cause || typeof cause !== 'object') break;
    current = cause;
  }
  return current;
}

export function describeDeliveryError(error: unknown, target: string): { reason: string; retryable: boolean } {
  if (error instanceof DeliveryError) return { reason: error.message, retryable: error.retryable };
  const outer = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as ErrorLike;
  const inner = rootCause(outer);
  const codes = [outer.code, inner.code].filter((code): code is string => typeof code === 'string');
  const message = String(inner.message ?? outer.message ?? 'failed');
  // nodemailer says ESOCKET and puts the socket's code in the message only.
  const has = (...wanted: string[]) =>
    codes.some((code) => wanted.includes(code)) || wanted.some((code) => message.includes(code));
  const response = typeof outer.response === 'string' ? outer.response.split(/\r?\n/)[0] : null;

  if (has('ENOTFOUND', 'EAI_AGAIN', 'EDNS', 'EAI_NODATA', 'EAI_NONAME'))
    return {
      reason: `DNS: cannot resolve ${target} (${/\b(ENOTFOUND|EAI_AGAIN|EAI_NODATA|EAI_NONAME)\b/.exec(message)?.[1] ?? codes.at(-1)})`,
      retryable: true,
    };
  if (has('ECONNREFUSED')) return { reason: `connection refused by ${target}`, retryable: true };
  if (has('ETIMEDOUT', 'ESOCKETTIMEDOUT') || /timed? ?out/i.test(message))
    return { reason: `timed out talking to ${target}`, retryable: true };
  if (has('ECONNRESET', 'EPIPE'))
    return { reason: `connection to ${target} was cut (${codes.at(-1)})`, retryable: true };
  if (codes.some((code) => TLS_CODES.test(code)) || /certificate|SSL routines|TLS/i.test(message))
    return { reason: `TLS with ${target} failed: ${message}`, retryable: true };
  if (has('EAUTH', 'ENOAUTH'))
    return { reason: `${target} refused the login: ${response ?? message}`, retryable: true };
  if (has('EENVELOPE')) return { reason: `${target} refused the recipients: ${response ?? message}`, retryable: false };
  if (response) return { reason: `${target} answered: ${response}`, retryable: true };
  return { reason: `${target}: ${message}${codes.length > 0 ? ` (${codes.at(-1)})` : ''}`, retryable: true };
}

/** The first non-empty line of an HTTP answer's body, short. */
export function firstLine(body: string): string {
  const line =
    body
      .split(/\r?\n/)
      .map((text) => text.trim())
      .find(Boolean) ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
