/**
 * Every imported OnCalendar= of the corpus gives the fire times `systemd-analyze calendar` gives (next 50, from
 * several base times around the DST changes of Europe and America), computed the way the engine computes them
 * (ScheduleCalculator on the shared croner cache). Where the import says systemd and Cronbar differ at a DST change,
 * the test checks that the difference is exactly that: extra Cronbar fires inside that change's skipped or repeated
 * hour, nothing else.
 */
import { describe, expect, it } from 'vitest';
import { ScheduleCalculator } from '../../../../electron/core/engine/schedule-calculator';
import { convertImport, prepareImport } from '../../../../electron/core/convert/import/import-jobs';
import { zoneTransitions } from '../../../../electron/core/convert/import/dst-differences';
import { hasSystemdAnalyze, systemdElapses } from '../../../helpers/systemd-calendar';
import { ONCALENDAR_CORPUS, ONCALENDAR_REFUSED } from './oncalendar-corpus';

const BASES = [
  '2026-12-01T00:00:00Z',
  '2027-03-13T12:00:00Z', // the US springs forward on 2027-03-14
  '2027-03-27T12:00:00Z', // Europe springs forward on 2027-03-28
  '2027-10-30T12:00:00Z', // Europe falls back on 2027-10-31
  '2027-11-06T12:00:00Z', // the US falls back on 2027-11-07
].map((iso) => new Date(iso));
const NOW = Date.parse('2026-12-01T00:00:00Z');
const SYSTEMD_HORIZON = Date.parse('2200-01-01T00:00:00Z');

async function importTimer(expression: string) {
  const result = await convertImport(
    'systemd',
    [
      { name: '/units/corpus.timer', text: `[Timer]\nOnCalendar=${expression}\nPersistent=true\n` },
      { name: '/units/corpus.service', text: '[Service]\nType=oneshot\nExecStart=/bin/true\n' },
    ],
    { currentUser: 'me', localZone: 'UTC', now: NOW, dstYears: 2 },
  );
  return { result, jobs: prepareImport(result, { takenIds: [] }) };
}

const calculator = new ScheduleCalculator();

describe.skipIf(!hasSystemdAnalyze())('systemd OnCalendar import against systemd-analyze', () => {
  it('has a corpus of at least 40 real-world lines', async () => {
    expect(ONCALENDAR_CORPUS.length).toBeGreaterThanOrEqual(40);
  });

  for (const expression of ONCALENDAR_CORPUS) {
    it(`OnCalendar=${expression}`, async () => {
      const { result, jobs } = await importTimer(expression);
      expect(jobs, JSON.stringify(result.losses)).toHaveLength(1);
      const job = jobs[0]!.job;
      const zone = job.timezone ?? 'UTC';
      const dstNote = result.losses.find((loss) => /DST change/.test(loss.reason));
      for (const base of BASES) {
        const expected = systemdElapses(expression, 50, base);
        const fires = calculator.nextFires(
          { schedule: { kind: 'cron', expr: job.cron! }, timezone: zone, anchorAt: null },
          50,
          base.getTime() + 1,
        );
        // systemd computes no elapse after 2199; a rare pattern (a weekend 5 December) runs out before 50.
        const actual = expected.length < 50 ? fires.filter((at) => at < SYSTEMD_HORIZON) : fires;
        if (!dstNote) {
          expect(actual.map(iso), `${job.cron} in ${zone} from ${base.toISOString()}`).toEqual(expected.map(iso));
          continue;
        }
        // Only extra Cronbar fires, each inside a DST change's skipped or repeated hour.
        const until = Math.min(expected[expected.length - 1]!, actual[actual.length - 1]!);
        const mine = actual.filter((at) => at <= until);
        const theirs = expected.filter((at) => at <= until);
        for (const at of theirs) expect(mine, `systemd's ${iso(at)} missing from Cronbar`).toContain(at);
        const changes = zoneTransitions(zone, base.getTime() - 86_400_000, until + 86_400_000);
        for (const at of mine.filter((fire) => !theirs.includes(fire))) {
          const near = changes.some((change) => at >= change.at - 3_600_000 && at <= change.at + 2 * 3_600_000);
          expect(near, `extra Cronbar fire ${iso(at)} is not at a DST change`).toBe(true);
        }
      }
    });
  }

  it('says which lines differ at DST changes, and only those', async () => {
    const noted: string[] = [];
    for (const expression of ONCALENDAR_CORPUS)
      if ((await importTimer(expression)).result.losses.some((loss) => /DST change/.test(loss.reason)))
        noted.push(expression);
    expect(noted).toEqual([
      '*-*-* 02:30:00 Europe/Berlin',
      'Sun 02:30 Europe/Paris',
      '*:0/15 Europe/London',
      'hourly America/New_York',
      '*-*-* 02:30:00 America/Chicago',
    ]);
  });

  for (const expression of ONCALENDAR_REFUSED) {
    it(`refuses OnCalendar=${expression} and says why`, async () => {
      const { result, jobs } = await importTimer(expression);
      expect(jobs).toHaveLength(0);
      expect(result.losses.map((loss) => loss.reason).join('\n')).toMatch(/has no Cronbar form/);
      expect(result.losses.find((loss) => /no Cronbar form/.test(loss.reason))).toMatchObject({
        file: '/units/corpus.timer',
        line: 2,
      });
    });
  }
});

function iso(at: number): string {
  return new Date(at).toISOString();
}
