/**
 * The service plans imports on a worker thread: a 30 000-line crontab leaves the scheduler's event loop free, the
 * preview is the one planning on this thread gives, and an import over the size limit is refused up front.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ParsedInput } from '../../../shared/api/contract';
import { describeSchedule } from '../../../shared/config/describe-schedule';
import { parseJobsText } from '../../../electron/core/config/load-jobs-file';
import { ScheduleCalculator } from '../../../electron/core/engine/schedule-calculator';
import { MAX_IMPORT_LINES, planImport } from '../../../electron/core/service/import-plan';
import { openCronbar } from '../../../electron/core/service/open-cronbar';
import type { CronbarService } from '../../../electron/core/service/types';
import { FakeClock } from '../../helpers/fake-clock';
import { CRONTAB_CORPUS } from '../convert/import/crontab-corpus';

const NOW = Date.parse('2027-01-04T10:00:00Z');
let service: CronbarService | null = null;
afterEach(async () => {
  await service?.shutdown({ graceMs: 100 });
  service = null;
});

async function open(yaml: string, clock?: FakeClock) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-import-thread-'));
  const configPath = path.join(dataDir, 'jobs.yaml');
  fs.writeFileSync(configPath, yaml);
  service = await openCronbar({
    dataDir,
    configPath,
    dbPath: ':memory:',
    schedule: false,
    ...(clock ? { clock } : {}),
  });
  return { service, configPath };
}

/** The longest stretch the event loop went without running a 10 ms timer, until `stop()`. */
function loopBlockProbe(): { stop: () => number } {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(longest, performance.now() - last);
    },
  };
}

describe('imports planned off the scheduler thread', () => {
  it('previews a 30 000-line crontab without blocking the event loop', async () => {
    const { service } = await open('jobs: []\n');
    const lines = Array.from({ length: 30_000 }, (_, n) => `${n % 60} * * * * echo ${n}`);
    const probe = loopBlockProbe();
    const started = performance.now();
    const preview = await service.previewImport({
      format: 'crontab',
      files: [{ name: 'c', text: `${lines.join('\n')}\n` }],
    });
    const tookMs = performance.now() - started;
    const blockedMs = probe.stop();
    expect(preview.jobs).toHaveLength(30_000);
    expect(preview.jobs[29_999]).toMatchObject({ id: 'echo-30000', file: 'c', line: 30_000 });
    // Planned here, the loop was blocked for the whole preview (13 s of CPU before it was made faster, still seconds
    // after); on a worker only the hand-over of each 500-job batch runs here. A timer of the scheduler fires within
    // this much of its time, on a machine shared with other work.
    expect(blockedMs, `the preview took ${Math.round(tookMs)} ms`).toBeLessThan(500);
  }, 60_000);

  it('gives the preview that planning on this thread gives: the same jobs, words, fires, losses and YAML', async () => {
    const clock = new FakeClock(NOW);
    const current = 'jobs:\n  - id: backup\n    every: 1h\n    command: "true"\n';
    const { service } = await open(current, clock);
    const inputs: Array<ParsedInput<'previewImport'>> = [
      { format: 'crontab', files: [{ name: 'crontab', text: CRONTAB_CORPUS }], prefix: 'old' },
      {
        format: 'crontab',
        files: [
          {
            name: '/etc/cron.d/php',
            text: '# Purge sessions\n09,39 * * * * root [ -x /usr/lib/php/sessionclean ] && /usr/lib/php/sessionclean\n',
          },
        ],
      },
      {
        format: 'systemd',
        files: [
          {
            name: '/u/backup.timer',
            text: '[Unit]\nDescription=Nightly backup\n\n[Timer]\nOnCalendar=Mon..Fri *-*-* 02:30 Europe/Paris\nPersistent=true\nRandomizedDelaySec=15min\n',
          },
          {
            name: '/u/backup.service',
            text: '[Service]\nType=oneshot\nExecStart=/usr/bin/restic backup /home\nTimeoutStartSec=2h 30min\n',
          },
          { name: '/u/sync.timer', text: '[Timer]\nOnCalendar=hourly\nOnCalendar=*:0/15\nOnUnitActiveSec=1h\n' },
        ],
      },
      {
        format: 'launchd',
        files: [
          {
            name: '/L/agent.plist',
            text: '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict><key>Label</key><string>com.example.backup</string><key>ProgramArguments</key><array><string>/usr/local/bin/backup</string></array><key>StartCalendarInterval</key><dict><key>Hour</key><integer>3</integer><key>Weekday</key><integer>0</integer></dict></dict></plist>\n',
          },
        ],
      },
    ];
    const calculator = new ScheduleCalculator();
    for (const input of inputs) {
      const offThread = await service.previewImport(input);
      const here = (await planImport(input, current, { fileName: 'jobs.yaml', now: NOW, fireCount: 3 })).preview();
      expect(offThread).toEqual(here);
      expect(offThread.jobs.length).toBeGreaterThan(0);
      // Each schedule is worded and computed once per preview; every job still gets what its own schedule gives.
      const written = parseJobsText(offThread.yaml);
      if (!written.ok) throw new Error('the preview YAML does not validate');
      const specs = new Map(written.config.jobs.map((spec) => [spec.id, spec]));
      for (const job of offThread.jobs) {
        const spec = specs.get(job.id)!;
        expect(job.description).toBe(describeSchedule(spec.schedule));
        const ref = { schedule: spec.schedule, timezone: spec.timezone, anchorAt: null };
        expect(job.nextFires).toEqual(calculator.nextFires(ref, 3, NOW));
      }
    }
  }, 60_000);

  it(`refuses an import over ${MAX_IMPORT_LINES} lines, naming where, and writes nothing`, async () => {
    const { service, configPath } = await open('jobs: []\n');
    const text = '0 * * * * true\n'.repeat(MAX_IMPORT_LINES / 2);
    const files = [
      { name: 'a', text },
      { name: 'b', text: `${text}0 * * * * true\n` },
    ];
    await expect(service.previewImport({ format: 'crontab', files })).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/^b:50001: the import is over 100,000 lines, the most one import takes/),
    });
    await expect(service.importJobs({ format: 'crontab', files })).rejects.toMatchObject({ code: 'invalid-input' });
    expect(fs.readFileSync(configPath, 'utf8')).toBe('jobs: []\n');
  });
});
