/** The control inbox on a real folder: a request renamed in, its answer renamed back; what happens when no one is there. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CronbarError } from '../../../shared/api/contract';
import {
  type ControlRequest,
  inboxOf,
  openControlInbox,
  sendControlNotice,
  sendControlRequest,
} from '../../../electron/core/service/control-inbox';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-inbox-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('control inbox', () => {
  it("answers a request with the handler's value, or its error's code and message", async () => {
    const dir = dataDir();
    const seen: ControlRequest[] = [];
    const inbox = openControlInbox(dir, async (request) => {
      seen.push(request);
      if (request.input.id === 'nope') throw new CronbarError('not-found', 'no job with id "nope"');
      return { paused: request.input.id };
    });
    cleanups.push(() => inbox.stop());
    const ok = await sendControlRequest(dir, process.pid, 'pauseJob', { id: 'backup', until: null });
    expect(ok).toEqual({ answered: true, reply: { id: expect.any(String), ok: true, value: { paused: 'backup' } } });
    const failed = await sendControlRequest(dir, process.pid, 'pauseJob', { id: 'nope' });
    expect(failed).toEqual({
      answered: true,
      reply: { id: expect.any(String), ok: false, code: 'not-found', message: 'no job with id "nope"' },
    });
    expect(seen.map((request) => [request.method, request.from])).toEqual([
      ['pauseJob', process.pid],
      ['pauseJob', process.pid],
    ]);
    // Requests and replies are taken away once handled.
    expect(fs.readdirSync(inboxOf(dir, process.pid))).toEqual([]);
  });

  it('hands a notice to the handler and writes no reply; a failing one goes to the error callback', async () => {
    const dir = dataDir();
    const seen: ControlRequest[] = [];
    const errors: string[] = [];
    const inbox = openControlInbox(
      dir,
      async (request) => {
        seen.push(request);
        if (request.input.pingId === 2) throw new Error('the store is closed');
        return {};
      },
      (error) => errors.push(error.message),
    );
    cleanups.push(() => inbox.stop());
    expect(sendControlNotice(dir, process.pid, 'pingsArrived', { pingId: 1 })).toBe(true);
    expect(sendControlNotice(dir, process.pid, 'pingsArrived', { pingId: 2 })).toBe(true);
    await vi.waitFor(() => expect(seen.map((request) => request.input.pingId).sort()).toEqual([1, 2]), {
      timeout: 5_000,
      interval: 10,
    });
    await vi.waitFor(() => expect(errors).toEqual([`pingsArrived (from pid ${process.pid}): the store is closed`]), {
      timeout: 5_000,
      interval: 10,
    });
    expect(fs.readdirSync(inbox.dir)).toEqual([]);
  });

  it('a notice to a process with no inbox is not delivered, and says so', () => {
    expect(sendControlNotice(dataDir(), 999_999, 'pingsArrived', { pingId: 1 })).toBe(false);
  });

  it('refuses a method it does not know, as invalid input', async () => {
    const dir = dataDir();
    const inbox = openControlInbox(dir, async () => ({}));
    cleanups.push(() => inbox.stop());
    const sent = await sendControlRequest(dir, process.pid, 'shutdown' as never, {});
    expect(sent.answered && !sent.reply.ok && sent.reply.code).toBe('invalid-input');
  });

  it('says so when the process has no inbox, or does not answer in time, and withdraws the request', async () => {
    const dir = dataDir();
    expect(await sendControlRequest(dir, 999_999, 'resumeAll', {})).toEqual({ answered: false, why: 'no-inbox' });
    // An inbox folder nobody watches: a process that hangs.
    const silent = inboxOf(dir, process.pid);
    fs.mkdirSync(silent, { recursive: true });
    expect(await sendControlRequest(dir, process.pid, 'resumeAll', {}, { timeoutMs: 200 })).toEqual({
      answered: false,
      why: 'timeout',
    });
    expect(fs.readdirSync(silent)).toEqual([]);
  });

  it('removes the inboxes of processes that died when another opens', () => {
    const dir = dataDir();
    const dead = inboxOf(dir, 999_999);
    fs.mkdirSync(dead, { recursive: true });
    fs.writeFileSync(path.join(dead, 'x.request.json'), '{}');
    const inbox = openControlInbox(dir, async () => ({}));
    expect(fs.existsSync(dead)).toBe(false);
    expect(fs.existsSync(inbox.dir)).toBe(true);
    inbox.stop();
    expect(fs.existsSync(inbox.dir)).toBe(false);
  });
});
