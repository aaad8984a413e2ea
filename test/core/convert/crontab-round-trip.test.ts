/**
 * Issue 13's round trip: a corpus of real crontab lines → `cronbar import crontab` → jobs → `cronbar export crontab
 * --exec native` → the exported lines read again, by cron's rules and by the importer. Every line keeps its next 50
 * fire times from each base time, or is named with the reason it does not come back.
 *
 * The crontab side is read with the import tests' independent reading of man 5 crontab (vixie-reference.ts), not
 * croner's legacy mode: cron ANDs the day fields when one *starts* with `*` (`0 0 *\/2 * 5`, odd days that are
 * Fridays), croner's legacy mode only when one *is* `*`, so croner would misread the very lines the `+` carries.
 */
import { describe, expect, it } from 'vitest';
import { exportJobs } from '../../../electron/core/convert/export/export-jobs';
import { convertImport, prepareImport } from '../../../electron/core/convert/import/import-jobs';
import { CRONTAB_CORPUS } from './import/crontab-corpus';
import { vixieFires } from './import/vixie-reference';
import { context, cronbarFires, iso, job } from './export/export-fixtures';

const N = 50;
const BASES = ['2026-12-01T00:00:00Z', '2027-02-27T23:59:00Z', '2028-02-28T12:00:00Z', '2026-03-29T00:30:00Z'].map(
  (text) => new Date(text),
);
const IMPORT_OPTIONS = { currentUser: 'ana', localZone: 'UTC' };

async function importCrontab(name: string, text: string) {
  const result = await convertImport('crontab', [{ name, text }], IMPORT_OPTIONS);
  return { result, jobs: prepareImport(result, { takenIds: [] }).map((entry) => entry.job) };
}

/** The five fields the export wrote for each job id, a commented-out (disabled) line included. */
function exportedSchedules(text: string): Map<string, string> {
  const schedules = new Map<string, string>();
  for (const block of text.split('\n\n')) {
    const [header, zone, line] = block.split('\n');
    const id = /^# ([^:\s]+): /.exec(header ?? '')?.[1];
    if (!id || zone !== 'CRON_TZ=UTC' || !line) continue;
    schedules.set(id, line.replace(/^# /, '').split(' ').slice(0, 5).join(' '));
  }
  return schedules;
}

/** The schedule part of a corpus line: a nickname or the five fields (a commented-out job line without its `#`). */
function scheduleOf(line: string): string {
  const text = line.replace(/^#\s*/, '');
  return text.startsWith('@') ? text.split(/\s+/)[0]! : text.split(/\s+/).slice(0, 5).join(' ');
}

describe('crontab import → Cronbar → crontab export', async () => {
  const lines = CRONTAB_CORPUS.split('\n');
  const imported = await importCrontab('crontab', CRONTAB_CORPUS);
  const specs = imported.jobs.map((raw) => job(raw, 'UTC'));
  const exported = exportJobs('crontab', specs, context({ exec: 'native', localZone: 'UTC' }));
  const text = exported.files[0]!.text;
  const schedules = exportedSchedules(text);
  const lineOf = (id: string) => imported.result.jobs[specs.findIndex((spec) => spec.id === id)]!.line;
  const again = await importCrontab('exported', text);

  it('names every corpus line that does not come back, with the reason', () => {
    // Lost or warned about on the way in (the import tests check these: the `%` line is imported as cron reads it, with
    // a warning), and refused on the way out: a `%` line's stdin became a multi-line printf, which no crontab line can
    // hold (cron's `%` splits the command from its stdin only once).
    const at = (pattern: RegExp) => lines.findIndex((line) => pattern.test(line)) + 1;
    expect(imported.result.losses.map((loss) => loss.line).sort((a, b) => a - b)).toEqual(
      [at(/^MAILTO/), at(/^0 6 L /), at(/^@reboot/), at(/^0 22 \* \* 1-5 +mail/)].sort((a, b) => a - b),
    );
    expect(
      exported.losses.map((loss) => ({ line: lineOf(loss.jobId), level: loss.level, reason: loss.reason })),
    ).toEqual([
      {
        line: at(/^0 22 \* \* 1-5 +mail/),
        level: 'refused',
        reason: 'the command spans several lines; a crontab line cannot hold a newline',
      },
    ]);
    expect(exported.refused).toHaveLength(1);
    expect(exported.exported).toHaveLength(specs.length - 1);
    expect(exported.exported.length).toBeGreaterThanOrEqual(40);
  });

  it('gives every exported line the fire times of the crontab line it came from, and of the imported job', () => {
    for (const id of exported.exported) {
      const spec = specs.find((candidate) => candidate.id === id)!;
      // @reboot became on: start and went back out as @reboot: no fire times (checked below).
      if (spec.schedule.kind === 'none') {
        expect(schedules.get(id)).toMatch(/^@reboot /);
        continue;
      }
      const cron = spec.schedule.kind === 'cron' ? spec.schedule.expr : '';
      const original = scheduleOf(lines[lineOf(id) - 1]!);
      const written = schedules.get(id)!;
      for (const base of BASES) {
        const label = `line ${lineOf(id)} "${original}" → cron "${cron}" → "${written}" from ${base.toISOString()}`;
        const cronbar = iso(cronbarFires(cron, 'UTC', N, base));
        expect(iso(vixieFires(original, N, base.getTime())), label).toEqual(cronbar);
        expect(iso(vixieFires(written, N, base.getTime())), label).toEqual(cronbar);
      }
    }
  });

  it("carries the + (day of month AND weekday) that cron's */n rule became, as cron's own */n", () => {
    const oddFridays = specs.find((spec) => spec.schedule.kind === 'cron' && spec.schedule.expr.includes('+'))!;
    expect(oddFridays.schedule).toEqual({ kind: 'cron', expr: '0 0 */2 * +5' });
    expect(schedules.get(oddFridays.id)).toBe('0 0 */2 * 5');
  });

  it('reads back through the importer as the same jobs: the same fire times, the disabled one still disabled', () => {
    // Only @reboot's note (it is on: start again); every other line comes back without a word.
    expect(again.result.losses.map((loss) => loss.reason)).toEqual([
      expect.stringMatching(/^@reboot imported as on: start/),
    ]);
    expect(again.jobs).toHaveLength(exported.exported.length);
    for (const [index, id] of exported.exported.entries()) {
      const before = specs.find((spec) => spec.id === id)!;
      const after = again.jobs[index]!;
      expect(after.enabled ?? true, id).toBe(before.enabled);
      if (before.schedule.kind === 'none') {
        expect(after.on, id).toBe('start');
        continue;
      }
      const cron = before.schedule.kind === 'cron' ? before.schedule.expr : '';
      for (const base of BASES) {
        expect(
          iso(cronbarFires(after.cron!, after.timezone ?? 'UTC', N, base)),
          `${id}: "${cron}" → "${after.cron}"`,
        ).toEqual(iso(cronbarFires(cron, 'UTC', N, base)));
      }
    }
  });
});
