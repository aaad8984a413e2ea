/**
 * The launchd export. There is no launchd on Linux, so its calendar is evaluated by a small reading of
 * launchd.plist(5) (https://keith.github.io/xcode-man-pages/launchd.plist.5.html, StartCalendarInterval): "Missing
 * arguments are considered to be wildcard", Weekday "0 and 7 are Sunday", several dicts in an array are several
 * calendar intervals (a fire when any matches). The plists themselves are read back by Python's plistlib, an
 * independent parser.
 */
import { execFileSync } from 'node:child_process';
import * as plist from 'plist';
import { describe, expect, it } from 'vitest';
import { exportJobs } from '../../../../electron/core/convert/export/export-jobs';
import type { CalendarDict } from '../../../../electron/core/convert/export/launchd-target';
import { CORPUS, basesFor, context, cronbarFires, iso, job } from './export-fixtures';

const N = 50;
const DAY_MS = 86_400_000;

/** The next `count` fires after `base` of StartCalendarInterval dicts, in UTC (the Mac's zone in these tests). */
function launchdFires(dicts: CalendarDict[], count: number, base: Date): number[] {
  const fires: number[] = [];
  const firstDay = Math.floor(base.getTime() / DAY_MS) * DAY_MS;
  for (let day = firstDay; fires.length < count && day < firstDay + 400 * 366 * DAY_MS; day += DAY_MS) {
    const date = new Date(day);
    const today = new Set<number>();
    for (const dict of dicts) {
      if (dict.Month !== undefined && dict.Month !== date.getUTCMonth() + 1) continue;
      if (dict.Day !== undefined && dict.Day !== date.getUTCDate()) continue;
      if (dict.Weekday !== undefined && dict.Weekday % 7 !== date.getUTCDay()) continue;
      const hours = dict.Hour === undefined ? [...Array(24).keys()] : [dict.Hour];
      const minutes = dict.Minute === undefined ? [...Array(60).keys()] : [dict.Minute];
      for (const hour of hours) for (const minute of minutes) today.add(day + (hour * 60 + minute) * 60_000);
    }
    fires.push(...[...today].filter((at) => at > base.getTime()).sort((a, b) => a - b));
  }
  return fires.slice(0, count);
}

interface Plist {
  StartCalendarInterval?: CalendarDict | CalendarDict[];
  ProgramArguments?: string[];
  Disabled?: boolean;
}

function plistOf(text: string): Plist {
  return plist.parse(text) as Plist;
}

describe('launchd export', () => {
  const utcCorpus = CORPUS.filter((entry) => entry.zone === 'UTC');

  it('expands every corpus schedule launchd can hold into dicts that fire when Cronbar does', () => {
    let checked = 0;
    for (const entry of utcCorpus) {
      const result = exportJobs('launchd', [job({ cron: entry.cron })], context());
      if (result.exported.length === 0) {
        expect(result.losses.find((loss) => loss.level === 'refused')!.reason, entry.cron).toMatch(
          /launchd has no|cannot AND/,
        );
        continue;
      }
      checked++;
      const interval = plistOf(result.files[0]!.text).StartCalendarInterval!;
      const dicts = Array.isArray(interval) ? interval : [interval];
      for (const dict of dicts)
        expect(dict.Day !== undefined && dict.Weekday !== undefined, 'no dict mixes Day and Weekday').toBe(false);
      for (const base of basesFor('UTC')) {
        expect(iso(launchdFires(dicts, N, base)), `${entry.cron} from ${base.toISOString()}`).toEqual(
          iso(cronbarFires(entry.cron, 'UTC', N, base)),
        );
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('writes plists Python plistlib reads back, with cronbar run, the data directory and StartInterval', () => {
    const jobs = [job({ id: 'tick', every: '90s' }), job({ id: 'off', cron: '0 9 * * 1-5', enabled: false })];
    const result = exportJobs('launchd', jobs, context({ exec: 'cronbar' }));
    expect(result.files.map((file) => file.name)).toEqual(['org.cronbar.tick.plist', 'org.cronbar.off.plist']);
    const script = 'import plistlib,sys,json; print(json.dumps(plistlib.loads(sys.stdin.buffer.read())))';
    const [tick, off] = result.files.map((file) =>
      JSON.parse(execFileSync('python3', ['-c', script], { input: file.text, encoding: 'utf8' })),
    );
    expect(tick).toEqual({
      Label: 'org.cronbar.tick',
      ProgramArguments: ['/usr/bin/node', '/opt/cronbar/cronbar.cjs', 'run', 'tick'],
      EnvironmentVariables: { CRONBAR_HOME: '/home/ada/.config/Cronbar' },
      StartInterval: 90,
    });
    expect(off.Disabled).toBe(true);
    expect(off.StartCalendarInterval).toHaveLength(5);
  });

  it('says what launchd does differently: its zone, catch-up at wake, no timeout natively', () => {
    const result = exportJobs(
      'launchd',
      [
        job({
          id: 'paris',
          cron: '0 9 * * *',
          timezone: 'Europe/Paris',
          command: ['/bin/echo', 'hi'],
          timeout: '5m',
          catchUp: 'skip',
        }),
      ],
      context({ exec: 'native' }),
    );
    const reasons = result.losses.map((loss) => loss.reason);
    expect(reasons).toEqual([
      expect.stringMatching(/timezone Europe\/Paris: launchd schedules in the Mac's own zone/),
      expect.stringMatching(/catchUp skip: launchd runs a fire missed during sleep/),
      expect.stringMatching(/timeout 5m is dropped/),
    ]);
    expect(plistOf(result.files[0]!.text).ProgramArguments).toEqual(['/bin/echo', 'hi']);
  });
});
