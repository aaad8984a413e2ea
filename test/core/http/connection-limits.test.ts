/** Sockets that send nothing: capped and timed out, so they cannot take the descriptors the jobs need. */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CONNECTION_TIMEOUTS, MAX_CONNECTIONS } from '../../../electron/core/http/api-server';
import { type Harness, startHarness, until } from './api-harness';

const JOBS = 'jobs:\n  - id: ok\n    cron: "0 0 1 1 *"\n    command: "true"\n';
const harnesses: Harness[] = [];
const sockets: net.Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const harness of harnesses.splice(0)) await harness.close();
});

interface IdleSocket {
  socket: net.Socket;
  closedAt: () => number | null;
  received: () => string;
}

function idleSocket(port: number): Promise<IdleSocket> {
  return new Promise((resolve, reject) => {
    let closedAt: number | null = null;
    let received = '';
    const socket = net.connect({ host: '127.0.0.1', port }, () =>
      resolve({ socket, closedAt: () => closedAt, received: () => received }),
    );
    sockets.push(socket);
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('error', () => {});
    socket.on('close', () => (closedAt = Date.now()));
    socket.once('error', reject);
  });
}

describe('connections', () => {
  it('are capped well below a 1 024 descriptor limit, and loopback timeouts are seconds, not minutes', () => {
    expect(MAX_CONNECTIONS).toBeLessThanOrEqual(128);
    expect(CONNECTION_TIMEOUTS.headersMs).toBeLessThanOrEqual(10_000);
    expect(CONNECTION_TIMEOUTS.keepAliveMs).toBeLessThanOrEqual(5_000);
    expect(CONNECTION_TIMEOUTS.requestMs).toBeLessThanOrEqual(30_000);
    // The event stream's 15 s heartbeat keeps a stream active.
    expect(CONNECTION_TIMEOUTS.inactivityMs).toBeGreaterThan(15_000);
  });

  it('over the cap are closed at once; idle ones are closed after the headers timeout and the API answers again', async () => {
    const headersMs = 1500;
    const api = await startHarness(JOBS, { timeouts: { headersMs, checkIntervalMs: 100 } });
    harnesses.push(api);
    const extra = 10;
    const opened: IdleSocket[] = [];
    for (let index = 0; index < MAX_CONNECTIONS + extra; index++) opened.push(await idleSocket(api.server.port));
    const openedAt = Date.now();

    // The server closes the extra sockets as it accepts them, long before any timeout.
    const dropped = await until(
      async () => {
        const closed = opened.filter((socket) => socket.closedAt() !== null);
        return closed.length >= extra ? closed : null;
      },
      headersMs / 2,
      `${extra} sockets over the cap closed`,
    );
    expect(dropped.length).toBe(extra);
    expect(dropped.every((socket) => socket.received() === '')).toBe(true);

    // The rest are closed (408) once the headers deadline passes, not after Node's ~85 s.
    await until(async () => opened.every((socket) => socket.closedAt() !== null), 5000, 'every idle socket closed');
    const held = opened.filter((socket) => !dropped.includes(socket));
    expect(held.length).toBe(MAX_CONNECTIONS);
    for (const socket of held) {
      expect(socket.closedAt()! - openedAt).toBeGreaterThanOrEqual(headersMs / 2);
      expect(socket.received()).toMatch(/^HTTP\/1\.1 408/);
    }
    const status = await api.request({ path: '/api/v1/schedules' });
    expect(status.status).toBe(200);
  });

  it('under the cap leave room for a client with the token, and a kept-alive idle one goes after keepAliveMs', async () => {
    const api = await startHarness(JOBS, { maxConnections: 4, timeouts: { keepAliveMs: 300, checkIntervalMs: 100 } });
    harnesses.push(api);
    for (let index = 0; index < 3; index++) await idleSocket(api.server.port);
    expect((await api.request({ path: '/api/v1/schedules' })).status).toBe(200);

    const kept = await idleSocket(api.server.port);
    kept.socket.write(
      `GET /api/v1/schedules HTTP/1.1\r\nHost: 127.0.0.1:${api.server.port}\r\nAuthorization: Bearer ${api.token}\r\n\r\n`,
    );
    await until(async () => kept.received().includes('\r\n\r\n'), 5000, 'the answer');
    expect(kept.received()).toMatch(/^HTTP\/1\.1 200/);
    const answeredAt = Date.now();
    await until(async () => kept.closedAt(), 5000, 'the kept-alive socket closed');
    expect(kept.closedAt()! - answeredAt).toBeLessThan(3000);
  });
});
