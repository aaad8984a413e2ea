import { describe, expect, it } from 'vitest';
import { isLoopbackHost, parseListen } from '../../../electron/core/http/listen-address';

describe('--listen', () => {
  it('binds a bare port, or an empty host, to loopback', () => {
    expect(parseListen('7370')).toEqual({ host: '127.0.0.1', port: 7370 });
    expect(parseListen(':7370')).toEqual({ host: '127.0.0.1', port: 7370 });
    expect(parseListen('0')).toEqual({ host: '127.0.0.1', port: 0 });
  });

  it('takes host:port and bracketed IPv6', () => {
    expect(parseListen('localhost:7370')).toEqual({ host: 'localhost', port: 7370 });
    expect(parseListen('0.0.0.0:80')).toEqual({ host: '0.0.0.0', port: 80 });
    expect(parseListen('[::1]:7370')).toEqual({ host: '::1', port: 7370 });
  });

  it('refuses what is not an address, saying what to write', () => {
    expect(() => parseListen('::1:7370')).toThrow(/IPv6 address in brackets/);
    expect(() => parseListen('127.0.0.1:99999')).toThrow(/not a port number \(0-65535\)/);
    expect(() => parseListen('127.0.0.1:http')).toThrow(/"http" is not a port number/);
    expect(() => parseListen('[nope]:1')).toThrow(/not an IPv6 address/);
    expect(() => parseListen('ex ample:1')).toThrow(/not an address/);
  });

  it('knows loopback from the rest', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1'])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.5', '10.0.0.1', 'example.org'])
      expect(isLoopbackHost(host), host).toBe(false);
  });
});
