/** The control socket on a real data directory: calls through the contract, events, its modes and its limits. */
import { EventEmitter } from 'node:events';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectControl } from '../../../electron/core/control/control-client';
import { MAX_CONNECTIONS, startControlServer } from '../../../electron/core/control/control-server';
import { controlSocketPlace } from '../../../electron/core/control/socket-path';
import type { EventName } from '../../../shared/api/contract';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-sock-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const who = { pid: process.pid, kind: 'daemon', host: os.hostname(), since: 1 };

function fakeService() {
  const emitter = new EventEmitter();
  const paused: Array<{ id: string; until: number | null }> = [];
  return {
    paused,
    emitter,
    service: {
      pauseJob: async (input: { id: string; until: number | null }) => (paused.push(input), {}),
      on: (event: EventName, listener: (payload: unknown) => void) => {
        emitter.on(event, listener);
        return () => void emitter.off(event, listener);
      },
    },
  };
}

async function serve(dir: string, fake = fakeService(), outputSoFar: (runId: number) => string | null = () => null) {
  const server = await startControlServer(dir, { service: fake.service, who, outputSoFar, log: () => {} });
  cleanups.push(() => server.close());
  return { server, fake };
}

async function connect(dir: string) {
  const client = await connectControl(dir);
  expect(client).not.toBeNull();
  cleanups.push(() => client!.close());
  return client!;
}

describe('control socket', () => {
  it('answers a contract method through its schema: value, a named bad field, an unknown method', async () => {
    const dir = dataDir();
    const { fake } = await serve(dir);
    const client = await connect(dir);
    expect(client.scheduler).toEqual(who);
    expect(await client.call('pauseJob', { id: 'nightly' })).toEqual({});
    expect(fake.paused).toEqual([{ id: 'nightly', until: null }]);
    await expect(client.call('pauseJob', { id: 'nightly', until: -5 })).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('pauseJob: until:'),
    });
    await expect(client.call('resumeJob', { id: 'nightly' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(client.call('getAppSettings' as 'status', {})).rejects.toMatchObject({
      message: 'unknown method "getAppSettings"',
    });
    expect(fake.paused).toHaveLength(1);
  });

  it('is a socket only its user may open; with nobody listening a client gets null, not an error', async () => {
    const dir = dataDir();
    expect(await connectControl(dir)).toBeNull();
    const { server } = await serve(dir);
    expect(server.path).toBe(path.join(dir, 'cronbar.sock'));
    expect(fs.statSync(server.path).mode & 0o777).toBe(0o600);
    await server.close();
    expect(fs.existsSync(server.path)).toBe(false);
    expect(await connectControl(dir)).toBeNull();
  });

  it('refuses a path that is not a socket, and a socket someone answers on; takes over a dead one', async () => {
    const dir = dataDir();
    const socketPath = path.join(dir, 'cronbar.sock');
    fs.writeFileSync(socketPath, 'mine');
    await expect(serve(dir)).rejects.toThrow(`${socketPath} exists and is not a socket`);
    expect(fs.readFileSync(socketPath, 'utf8')).toBe('mine');
    fs.rmSync(socketPath);

    await serve(dir);
    await expect(serve(dir)).rejects.toThrow(`another process answers on ${socketPath}`);

    // A scheduler killed without closing leaves its socket file behind.
    const dead = dataDir();
    const child = spawn(process.execPath, [
      '-e',
      `require('net').createServer().listen(${JSON.stringify(path.join(dead, 'cronbar.sock'))}, () => console.log('up'))`,
    ]);
    await new Promise((resolve) => child.stdout.once('data', resolve));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(fs.lstatSync(path.join(dead, 'cronbar.sock')).isSocket()).toBe(true);
    await serve(dead);
    expect((await connect(dead)).scheduler).toEqual(who);
  });

  it(`takes at most ${MAX_CONNECTIONS} connections at once and says so to the next`, async () => {
    const dir = dataDir();
    await serve(dir);
    for (let index = 0; index < MAX_CONNECTIONS; index++) await connect(dir);
    await expect(connectControl(dir)).rejects.toMatchObject({
      code: 'refused',
      message: `the scheduler takes at most ${MAX_CONNECTIONS} connections at once`,
    });
  });

  it("streams a run's events from what it printed so far, with one listener per event for every subscriber", async () => {
    const dir = dataDir();
    const { fake } = await serve(dir, fakeService(), (runId) => (runId === 7 ? 'first\n' : null));
    const seven = await connect(dir);
    const all = await connect(dir);
    const got: { seven: unknown[]; all: unknown[] } = { seven: [], all: [] };
    expect(await seven.subscribe(['run:output'], (event, payload) => got.seven.push([event, payload]), 7)).toEqual({
      outputSoFar: 'first\n',
    });
    expect(await all.subscribe(['run:output'], (event, payload) => got.all.push([event, payload]))).toEqual({
      outputSoFar: null,
    });
    expect(fake.emitter.listenerCount('run:output')).toBe(1);
    fake.emitter.emit('run:output', { runId: 8, jobId: 'other', chunk: 'x' });
    fake.emitter.emit('run:output', { runId: 7, jobId: 'slow', chunk: 'second\n' });
    await expect.poll(() => got.all.length).toBe(2);
    expect(got.seven).toEqual([['run:output', { runId: 7, jobId: 'slow', chunk: 'second\n' }]]);
    seven.close();
    all.close();
    await expect.poll(() => fake.emitter.listenerCount('run:output')).toBe(0);
  });

  it('puts the socket of a data directory too deep for sun_path in a private folder of ours', async () => {
    const deep = path.join(dataDir(), 'd'.repeat(60), 'e'.repeat(60));
    fs.mkdirSync(deep, { recursive: true });
    const runtime = dataDir();
    const place = controlSocketPlace(deep, 'linux', { XDG_RUNTIME_DIR: runtime });
    expect(place.privateDir).toBe(path.join(runtime, `cronbar-${process.getuid!()}`));
    expect(place.path.startsWith(place.privateDir!)).toBe(true);
    expect(Buffer.byteLength(place.path)).toBeLessThan(108);
    expect(controlSocketPlace(deep, 'win32').path).toMatch(/^\\\\\.\\pipe\\cronbar-[0-9a-f]{16}$/);

    const saved = process.env.XDG_RUNTIME_DIR;
    process.env.XDG_RUNTIME_DIR = runtime;
    cleanups.push(
      () => void (saved === undefined ? delete process.env.XDG_RUNTIME_DIR : (process.env.XDG_RUNTIME_DIR = saved)),
    );
    const { server } = await serve(deep);
    expect(server.path).toBe(controlSocketPlace(deep).path);
    expect(fs.statSync(place.privateDir!).mode & 0o777).toBe(0o700);
    expect((await connect(deep)).scheduler).toEqual(who);
    // A folder others may write in is not ours to trust: someone could have put their socket there.
    fs.chmodSync(place.privateDir!, 0o777);
    await expect(connectControl(deep)).rejects.toMatchObject({
      message: expect.stringContaining('open to other users'),
    });
  });
});
