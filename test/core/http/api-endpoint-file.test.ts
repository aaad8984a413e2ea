/** `<data>/api.json`: who serves the API, trusted only while that very process lives. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEndpoint, removeEndpoint, writeEndpoint } from '../../../electron/core/http/api-endpoint-file';

const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-endpoint-'));
const endpoint = (pid: number, startedAt: number) => ({
  pid,
  kind: 'daemon',
  url: 'http://127.0.0.1:7370',
  startedAt,
  metricsNoAuth: false,
});

describe('the api.json endpoint file', () => {
  it('names a live server, and is removed only by the process it names', () => {
    const data = dir();
    writeEndpoint(data, endpoint(process.pid, Date.now()));
    expect(readEndpoint(data)).toMatchObject({ pid: process.pid, url: 'http://127.0.0.1:7370' });
    removeEndpoint(data, process.pid + 1);
    expect(fs.existsSync(path.join(data, 'api.json'))).toBe(true);
    removeEndpoint(data);
    expect(fs.existsSync(path.join(data, 'api.json'))).toBe(false);
  });

  it('is ignored when left behind by a dead process, damaged, or when its pid now names a newer process', () => {
    const data = dir();
    writeEndpoint(data, endpoint(2 ** 22 + 12_345, Date.now()));
    expect(readEndpoint(data)).toBeNull();
    fs.writeFileSync(path.join(data, 'api.json'), '{"pid": ');
    expect(readEndpoint(data)).toBeNull();
    if (process.platform === 'linux') {
      // Our pid, but "written" before this process started: a reboot or a reused pid.
      writeEndpoint(data, endpoint(process.pid, Date.now() - 10 * 365 * 24 * 3_600_000));
      expect(readEndpoint(data)).toBeNull();
    }
  });
});
