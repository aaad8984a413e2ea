/**
 * The crontab export: the five fields it writes give the same next 50 fires under Vixie semantics (croner's legacy
 * mode: day-of-month OR day-of-week) as Cronbar's own schedule, for every corpus expression crontab can say; the rest
 * is refused with the reason. And the line is one /bin/sh runs as the job would.
 */
import { execFileSync } from 'node:child_process';
import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';
import { exportJobs } from '../../../../electron/core/convert/export/export-jobs';
import { vixieFires } from '../import/vixie-reference';
import { CORPUS, basesFor, context, cronbarFires, iso, job } from './export-fixtures';

const N = 50;

function exportedFields(text: string): string {
  const line = text.split('\n').find((l) => /^[\d*]/.test(l))!;
  return line.split(' ').slice(0, 5).join(' ');
}

describe('crontab export', () => {
  const expressible = CORPUS.filter(
    (entry) =>
      exportJobs('crontab', [job({ cron: entry.cron, timezone: entry.zone })], context()).exported.length === 1,
  );

  it('can express most of the corpus and refuses the rest with a reason naming what crontab lacks', () => {
    expect(expressible.length).toBeGreaterThan(40);
    for (const entry of CORPUS.filter((e) => !expressible.includes(e))) {
      const result = exportJobs('crontab', [job({ cron: entry.cron, timezone: entry.zone })], context());
      expect(result.losses.find((loss) => loss.level === 'refused')!.reason, entry.cron).toMatch(
        /crontab has no (seconds|year|`L`|`#`|`W`)|AND/,
      );
    }
  });

  for (const zone of ['UTC', 'Europe/Paris', 'America/New_York', 'Australia/Lord_Howe']) {
    it(`round-trips the fields to the same fire times under Vixie semantics (${zone})`, () => {
      for (const entry of expressible.filter((e) => e.zone === zone)) {
        const result = exportJobs('crontab', [job({ cron: entry.cron, timezone: entry.zone })], context());
        const fields = exportedFields(result.files[0]!.text);
        if (result.losses.some((loss) => /^DST in/.test(loss.reason))) {
          // Said out loud: cron and Cronbar class the job differently for DST; the fields still agree outside it.
          expect(entry.zone).not.toBe('UTC');
          continue;
        }
        // Vixie ORs the day fields unless one *starts* with `*`; croner unless one *is* `*`. The export writes no
        // day field that starts with `*` without being `*` (but for croner's `+`, tested below), so both rules read
        // it alike.
        const [, , dom, , dow] = fields.split(' ');
        for (const day of [dom, dow])
          expect(day === '*' || !day!.startsWith('*'), `${entry.cron} → ${fields}`).toBe(true);
        // croner's 'no-wildcard' rule is its Vixie one (fixed time unless minute or hour holds `*` or a step), and the
        // export writes no step in those fields without a leading `*`, so it reads the line as Vixie does.
        const vixie = new Cron(fields, {
          legacyMode: true,
          fixedTimeRule: 'no-wildcard',
          timezone: zone,
          paused: true,
        });
        for (const base of basesFor(zone)) {
          const theirs = vixie.nextRuns(N, base).map((d) => d.getTime());
          expect(iso(theirs), `${entry.cron} → ${fields} from ${base.toISOString()}`).toEqual(
            iso(cronbarFires(entry.cron, zone, N, base)),
          );
        }
      }
    });
  }

  it('says when cron would class a job differently across DST (Vixie: fixed unless minute or hour starts with *)', () => {
    const result = exportJobs(
      'crontab',
      [job({ id: 'stepped', cron: '23 0-20/2 * * *', timezone: 'Europe/Paris' })],
      context(),
    );
    expect(result.files[0]!.text).toContain('23 0,2,4,6,8,10,12,14,16,18,20 * * *');
    expect(result.losses.map((loss) => loss.reason)).toContainEqual(
      expect.stringMatching(/DST in Europe\/Paris: cron takes .* for a fixed time, Cronbar .* for an interval/),
    );
    expect(
      exportJobs('crontab', [job({ id: 'stepped', cron: '23 0-20/2 * * *' })], context()).losses.some((loss) =>
        /DST/.test(loss.reason),
      ),
    ).toBe(false);
  });

  it("carries croner's + (day of month AND weekday) with a day field starting with *, the only AND cron has", () => {
    const bases = ['2026-01-15T10:17:23Z', '2027-02-27T23:59:00Z'].map((text) => new Date(text));
    for (const [cron, written] of [
      ['0 0 */2 * +5', '0 0 */2 * 5'], // odd days that are Fridays (as imported from `0 0 */2 * 5`)
      ['30 6 */10 * +1-5', '30 6 */10 * 1-5'],
      ['0 12 1,15 * +0,2,4,6', '0 12 1,15 * */2'],
      ['0 12 13 * +0,3,6', '0 12 13 * */3'],
    ]) {
      const result = exportJobs('crontab', [job({ cron })], context());
      expect(result.refused, cron).toEqual([]);
      expect(
        result.losses.filter((loss) => /day|\+/.test(loss.reason)),
        cron,
      ).toEqual([]);
      expect(exportedFields(result.files[0]!.text), cron).toBe(written);
      // Read as cron reads it (man 5 crontab, the import tests' reader), not by croner, whose OR test is "is *".
      for (const base of bases)
        expect(iso(vixieFires(written!, N, base.getTime())), cron).toEqual(iso(cronbarFires(cron!, 'UTC', N, base)));
    }
    // Neither side a whole-range step: no crontab line ANDs them. Kubernetes (robfig/cron) never ANDs a step.
    const firstMonday = exportJobs('crontab', [job({ id: 'first-monday', cron: '0 0 1-7 * +1' })], context());
    expect(firstMonday.refused).toEqual(['first-monday']);
    expect(firstMonday.losses[0]!.reason).toBe(
      'cron "0 0 1-7 * +1": crontab ANDs day-of-month and day-of-week only when one of them starts with `*`, and neither 1-7 nor 1 can be written so (croner\'s `+` has no form there)',
    );
    expect(exportJobs('kubernetes', [job({ id: 'odd-fridays', cron: '0 0 */2 * +5' })], context()).refused).toEqual([
      'odd-fridays',
    ]);
  });

  it('writes CRON_TZ, comments out a disabled job, escapes % and quotes for /bin/sh', () => {
    const jobs = [
      job({
        id: 'stamp',
        cron: '0 9 * * 1-5',
        timezone: 'Europe/Paris',
        command: `printf '%s|%s\\n' "it's" "$((1+1))"`,
      }),
      job({ id: 'off', cron: '0 3 * * *', enabled: false }),
    ];
    const text = exportJobs('crontab', jobs, context({ exec: 'native', home: '/tmp', defaultShell: '/bin/sh' }))
      .files[0]!.text;
    expect(text).toContain('CRON_TZ=Europe/Paris\n0 9 * * 1-5 ');
    expect(text).toMatch(/^# 0 3 \* \* \* /m);
    const line = text.split('\n').find((l) => l.startsWith('0 9'))!;
    const command = line.split(' ').slice(5).join(' ');
    expect(command).not.toMatch(/(^|[^\\])%/);
    // What cron hands to /bin/sh: the line with \% turned back into %.
    const output = execFileSync(
      '/bin/sh',
      [
        '-c',
        command
          .replace(/flock -n \S+ /, '')
          .replace(/timeout -k 10s \d+s /, '')
          .replace(/\\%/g, '%'),
      ],
      { encoding: 'utf8' },
    );
    expect(output).toBe("it's|2\n");
  });

  it('runs cronbar run with the data directory by default, and says what cron drops', () => {
    const jobs = [job({ id: 'nightly', cron: '30 2 * * *', jitter: '5m', overlap: 'queue', retry: { attempts: 2 } })];
    const result = exportJobs('crontab', jobs, context({ exec: 'cronbar' }));
    expect(result.files[0]!.text).toContain(
      '30 2 * * * env CRONBAR_HOME=/home/ada/.config/Cronbar /usr/bin/node /opt/cronbar/cronbar.cjs run nightly',
    );
    const reasons = result.losses.map((loss) => loss.reason);
    expect(reasons).toEqual([
      expect.stringMatching(/overlap queue: cronbar run skips/),
      expect.stringMatching(/jitter 5m is dropped/),
      expect.stringMatching(/catchUp once: cron runs nothing that fell due while the machine was off/),
    ]);
  });
});
