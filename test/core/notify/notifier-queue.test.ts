/**
 * The notifier's queue on a fake clock against a real HTTP receiver: a receiver that is down gets every message once
 * it is back, in order; past the bound the oldest give way, each with its reason recorded.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type HttpReceiver, startHttp } from '../../helpers/notify-receivers';
import { type NotifierHarness, startNotifier } from '../../helpers/notifier-harness';

let harness: NotifierHarness | null = null;
let web: HttpReceiver | null = null;
afterEach(async () => {
  await harness?.close();
  await web?.close();
  harness = null;
  web = null;
});

const MINUTE = 60_000;

function jobsFile(url: string, jobs: number): string {
  return `notifications:
  hook: { webhook: { url: "${url}/hook" }, retry: { delay: 10s, maxDelay: 10s } }
defaults:
  notify: { channels: [hook] }
jobs:
${Array.from({ length: jobs }, (_, index) => `  - { id: job-${index + 1}, cron: "0 3 * * *", command: "false" }\n`).join('')}`;
}

describe('notifier queue', () => {
  it('keeps at most queueLimit messages per channel while the receiver is down, drops the oldest with a reason, sends the rest once it is back', async () => {
    web = await startHttp();
    web.answer = { status: 503, body: 'Service Unavailable\nmaintenance' };
    harness = startNotifier(jobsFile(web.url, 5), { queueLimit: 3 });
    // Five failures two minutes apart: five separate notices (no summary), each queued behind the first.
    for (let index = 1; index <= 5; index++) {
      harness.finish(`job-${index}`, 'failed', `job ${index} broke\n`);
      await harness.advance(2 * MINUTE);
    }
    const rows = harness.queue.recent(10).reverse();
    expect(rows.map((row) => `${row.subject} ${row.status}`)).toEqual([
      'job-1 dropped',
      'job-2 dropped',
      'job-3 pending',
      'job-4 pending',
      'job-5 pending',
    ]);
    expect(rows[0]!.reason).toBe('dropped: 3 messages were waiting for hook; the oldest gave way');
    expect(harness.log).toContain('notify: hook: 1 old message dropped (3 waiting)');
    expect(harness.log.some((line) => line.includes('HTTP 503 Service Unavailable: Service Unavailable'))).toBe(true);

    web.answer = { status: 200, body: 'ok' };
    const before = web.requests.length;
    await harness.advance(10_000);
    const delivered = web.requests
      .slice(before)
      .map((request) => (JSON.parse(request.body) as { title: string }).title);
    expect(delivered).toEqual(['job-3 failed', 'job-4 failed', 'job-5 failed']);
    expect(harness.queue.recent(10).map((row) => row.status)).toEqual(['sent', 'sent', 'sent', 'dropped', 'dropped']);
  });
});
