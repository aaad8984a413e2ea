/**
 * Every exported OnCalendar= set fires when Cronbar fires: the next 50 elapses systemd itself computes
 * (`systemd-analyze calendar --iterations=50`, several lines merged as systemd ORs them) equal Cronbar's next 50,
 * for the whole corpus, from several base times around the DST changes of Europe/Paris, America/New_York and
 * Australia/Lord_Howe.
 */
import { describe, expect, it } from 'vitest';
import { JobLosses } from '../../../../electron/core/convert/export/losses';
import { timerScheduleLines } from '../../../../electron/core/convert/export/systemd-target';
import { hasSystemdAnalyze, systemdElapses } from '../../../helpers/systemd-calendar';
import { CORPUS, basesFor, context, cronbarFires, iso, job } from './export-fixtures';
import { mergedElapses } from './systemd-oracle';

const N = 50;
/** systemd's calendar ends with the year 2199 (it refuses `2200-01-01`); a Feb-29 job's 50 fires go beyond. */
const SYSTEMD_LAST = Date.parse('2200-01-01T00:00:00Z');

function calendarValues(lines: string[]): string[] {
  return lines.filter((line) => line.startsWith('OnCalendar=')).map((line) => line.slice('OnCalendar='.length));
}

describe.skipIf(!hasSystemdAnalyze())('OnCalendar export against systemd-analyze calendar', () => {
  it('has a corpus of at least 60 expressions', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(60);
  });

  it('merges several lines the way the one-expression helper reads each', () => {
    const base = new Date('2026-01-15T00:00:00Z');
    const lines = ['*-*-01 12:00:00 UTC', 'Fri *-*-* 12:00:00 UTC'];
    const oneByOne = [...new Set(lines.flatMap((line) => systemdElapses(line, 5, base)))]
      .sort((a, b) => a - b)
      .slice(0, 5);
    expect(mergedElapses(lines, 5, base)).toEqual(oneByOne);
  });

  for (const entry of CORPUS) {
    it(`${entry.cron} in ${entry.zone}`, () => {
      for (const base of basesFor(entry.zone)) {
        const losses = new JobLosses('job');
        const lines = timerScheduleLines(
          job({ cron: entry.cron, timezone: entry.zone }),
          context({ now: base.getTime() }),
          losses,
        );
        expect(losses.refused, losses.list.map((loss) => loss.reason).join('; ')).toBe(false);
        const expected = cronbarFires(entry.cron, entry.zone, N, base).filter((at) => at < SYSTEMD_LAST);
        expect(expected.length).toBeGreaterThan(0);
        expect(
          iso(mergedElapses(calendarValues(lines!), N, base).slice(0, expected.length)),
          `from ${base.toISOString()}:\n${lines!.join('\n')}`,
        ).toEqual(iso(expected));
      }
    });
  }
});
