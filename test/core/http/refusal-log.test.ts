/** Refused requests cannot fill the log: a few lines a minute however many come, each of bounded length. */
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_LOGGED_URL, REFUSAL_WINDOW_MS, RefusalLog } from '../../../electron/core/http/refusal-log';
import { type Harness, startHarness } from './api-harness';

const JOBS = 'jobs:\n  - id: ok\n    cron: "0 0 1 1 *"\n    command: "true"\n';
const LONG_PATH = `/x${'A'.repeat(16_000)}`;
const harnesses: Harness[] = [];
afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
});

/** A clock and timers the test moves by hand. */
function manualTime() {
  let now = 0;
  const timers: Array<{ at: number; callback: () => void }> = [];
  return {
    now: () => now,
    setTimer: (callback: () => void, ms: number) => {
      const timer = { at: now + ms, callback };
      timers.push(timer);
      return () => void timers.splice(timers.indexOf(timer) >>> 0, 1);
    },
    advance(ms: number) {
      now += ms;
      for (const timer of timers.filter((each) => each.at <= now)) {
        timers.splice(timers.indexOf(timer), 1);
        timer.callback();
      }
    },
  };
}

describe('the refusal log', () => {
  it('3 000 refusals with 16 KB URLs in 2.3 s: the first in full (URL cut), then one summary line', () => {
    const lines: string[] = [];
    const time = manualTime();
    const refusals = new RefusalLog({ log: (line) => lines.push(line), now: time.now, setTimer: time.setTimer });
    for (let index = 0; index < 3000; index++) {
      refusals.record('missing-token', { method: 'GET', url: LONG_PATH }, 'missing "Authorization: Bearer <token>"');
      time.advance(2300 / 3000);
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`GET /x${'A'.repeat(MAX_LOGGED_URL - 2)}… (16002 characters)`);
    time.advance(REFUSAL_WINDOW_MS);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(
      'api: refused 3000 requests in the last minute (missing token: 3000); only the first of each reason is logged in full',
    );
    expect(lines.join('\n').length).toBeLessThan(1000);
  });

  it('over ten minutes of steady refusals of every reason: at most reasons + 1 lines a minute', () => {
    const lines: string[] = [];
    const time = manualTime();
    const refusals = new RefusalLog({ log: (line) => lines.push(line), now: time.now, setTimer: time.setTimer });
    const reasons = ['bad-host', 'web-origin', 'missing-token', 'wrong-token'] as const;
    for (let index = 0; index < 60_000; index++) {
      refusals.record(reasons[index % reasons.length]!, { method: 'POST', url: LONG_PATH }, 'refused');
      time.advance(10);
    }
    refusals.flush();
    expect(lines.length).toBeLessThanOrEqual(10 * (reasons.length + 1) + 1);
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThan(400);
    expect(lines.filter((line) => line.includes('in the last minute'))).toHaveLength(10);
  });

  it('a lone refusal is logged once, with no summary', () => {
    const lines: string[] = [];
    const time = manualTime();
    const refusals = new RefusalLog({ log: (line) => lines.push(line), now: time.now, setTimer: time.setTimer });
    refusals.record('wrong-token', { method: 'GET', url: '/api/v1/schedules' }, 'wrong token');
    time.advance(REFUSAL_WINDOW_MS * 2);
    refusals.record('wrong-token', { method: 'GET', url: '/api/v1/schedules' }, 'wrong token');
    refusals.flush();
    expect(lines).toEqual([
      'api: refused GET /api/v1/schedules: wrong token',
      'api: refused GET /api/v1/schedules: wrong token',
    ]);
  });
});

describe('refused requests on a real server', () => {
  it('3 000 without the token on one connection log two short lines and count in cronbar_api_refused_total', async () => {
    const lines: string[] = [];
    const api = await startHarness(JOBS, { log: (line) => lines.push(line) });
    harnesses.push(api);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<number>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port: api.server.port, path: LONG_PATH, agent }, (response) => {
            response.resume();
            response.on('end', () => resolve(response.statusCode ?? 0));
          })
          .on('error', reject);
      });
    const before = lines.length;
    for (let index = 0; index < 3000; index++) expect(await get()).toBe(401);
    agent.destroy();
    const metrics = await api.request({ path: '/metrics' });
    expect(metrics.text).toContain('cronbar_api_refused_total{reason="missing-token"} 3000');
    expect(metrics.text).toContain('cronbar_api_refused_total{reason="bad-host"} 0');
    await api.server.close();
    const refusalLines = lines.slice(before).filter((line) => line.startsWith('api: refused'));
    expect(refusalLines).toHaveLength(2);
    expect(refusalLines[1]).toMatch(/^api: refused 3000 requests in the last \d+ s \(missing token: 3000\)/);
    expect(refusalLines.join('\n').length).toBeLessThan(1000);
  }, 30_000);
});
