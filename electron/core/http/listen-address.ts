/**
 * `--listen` values and what counts as loopback. `7370`, `127.0.0.1:7370`, `localhost:7370`, `[::1]:7370`,
 * `0.0.0.0:7370`; port 0 asks the OS for a free one (tests). A bare port binds to 127.0.0.1.
 */
import net from 'node:net';

export const DEFAULT_API_PORT = 7370;

export interface ListenAddress {
  /** As Node's `listen` takes it: `127.0.0.1`, `::1`, `0.0.0.0`, a hostname. */
  host: string;
  port: number;
}

export class ListenAddressError extends Error {}

/** The names a loopback client may put in `Host` (with the port). */
export const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'] as const;

export function parseListen(text: string): ListenAddress {
  const value = text.trim();
  const fail = (why: string) =>
    new ListenAddressError(
      `--listen ${JSON.stringify(text)}: ${why} (give host:port such as 127.0.0.1:7370, or a port)`,
    );
  let host = '127.0.0.1';
  let portText = value;
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(value);
  if (bracketed) {
    host = bracketed[1]!;
    portText = bracketed[2]!;
    if (net.isIPv6(host) === false) throw fail(`${host} is not an IPv6 address`);
  } else if (value.includes(':')) {
    const at = value.lastIndexOf(':');
    host = value.slice(0, at) || '127.0.0.1';
    portText = value.slice(at + 1);
    if (host.includes(':')) throw fail('write an IPv6 address in brackets, [::1]:7370');
  }
  if (!/^\d+$/.test(portText)) throw fail(`${JSON.stringify(portText)} is not a port number`);
  const port = Number(portText);
  if (port > 65_535) throw fail(`${port} is not a port number (0-65535)`);
  if (host !== 'localhost' && net.isIP(host) === 0 && !/^[a-z0-9.-]+$/i.test(host))
    throw fail(`${JSON.stringify(host)} is not an address`);
  return { host, port };
}

/** True for 127.0.0.0/8, ::1 and `localhost`: only this machine can connect. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  if (net.isIPv4(bare)) return bare.startsWith('127.');
  // An IPv4-mapped IPv6 loopback (::ffff:127.0.0.1).
  return /^::ffff:127\./.test(bare);
}

/** True for 0.0.0.0 and ::, which listen on every interface. */
export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

/** `host:port` as it appears in a URL and a Host header (IPv6 in brackets). */
export function hostPort(host: string, port: number): string {
  return `${net.isIPv6(host) ? `[${host}]` : host}:${port}`;
}
