/** The jobs file history through the service: every writer's changes, outside edits, revert, previews, pruning. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openCronbar } from '../../../electron/core/service/open-cronbar';
import type { CronbarService } from '../../../electron/core/service/types';
import { FakeClock } from '../../helpers/fake-clock';
import { ConfigHistory } from '../../../electron/core/service/config-history';
import { jobsTextVersion } from '../../../electron/core/config/jobs-file-text';
import type { Store } from '../../../electron/core/ports';

const HOUR = 3_600_000;
const opened: CronbarService[] = [];
afterEach(async () => {
  for (const service of opened.splice(0)) await service.shutdown({ graceMs: 100 });
});

const nightly = (time: string, extra = '') =>
  `defaults:\n  timezone: UTC\njobs:\n  - id: backup\n    cron: "0 ${time} * * *"\n    command: "true"\n${extra}`;

function dataDir(yaml: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-config-history-'));
  fs.writeFileSync(path.join(dir, 'jobs.yaml'), yaml);
  return { dir, configPath: path.join(dir, 'jobs.yaml') };
}

async function open(dir: string, options: { schedule?: boolean; clock?: FakeClock } = {}) {
  const service = await openCronbar({
    dataDir: dir,
    schedule: options.schedule ?? false,
    clock: options.clock ?? new FakeClock('2027-01-04T10:00:00Z'),
    runs: options.schedule ?? false,
  });
  opened.push(service);
  return service;
}

describe('the jobs file history', () => {
  it('records each write with its writer, a summary by id and field, the texts and what moves', async () => {
    const { dir } = dataDir(nightly('2'));
    const service = await open(dir);
    const { version } = await service.readConfig({});
    await service.writeConfig({ text: nightly('14'), baseVersion: version });
    await service.forOrigin('api').setJobEnabled({ id: 'backup', enabled: false });

    const { revisions } = await service.configHistory({ limit: 50 });
    expect(revisions.map((entry) => [entry.rev, entry.origin, entry.summary.changed])).toEqual([
      [2, 'api', [{ id: 'backup', fields: ['enabled'] }]],
      [1, 'cli', [{ id: 'backup', fields: ['cron'] }]],
    ]);
    const first = await service.configRevision({ rev: 1 });
    expect([first.beforeText, first.afterText]).toEqual([nightly('2'), nightly('14')]);
    expect(first.moves.jobs[0]).toMatchObject({ id: 'backup', shiftedByMs: 12 * HOUR, after: { count: 7 } });
    const second = await service.configRevision({ rev: 2 });
    expect(second.moves.jobs[0]).toMatchObject({ after: { count: 0 }, removed: { count: 7 } });
  });

  it('records an edit made while no Cronbar watched as an outside edit, once', async () => {
    const { dir, configPath } = dataDir(nightly('2'));
    const first = await open(dir);
    expect((await first.configHistory({ limit: 50 })).revisions).toEqual([]); // the baseline, no change yet
    await first.shutdown();
    fs.writeFileSync(configPath, nightly('3', '  - id: new-one\n    every: 1h\n    command: "true"\n'));

    const later = await open(dir);
    const { revisions } = await later.configHistory({ limit: 50 });
    expect(revisions).toHaveLength(1);
    expect(revisions[0]).toMatchObject({
      origin: 'outside',
      valid: true,
      summary: { added: ['new-one'], removed: [], changed: [{ id: 'backup', fields: ['cron'] }] },
    });
    const { moves } = await later.configRevision({ rev: revisions[0]!.rev });
    expect(moves.jobs.find((job) => job.id === 'backup')!.shiftedByMs).toBe(HOUR);
    expect((await later.configHistory({ limit: 50 })).revisions).toHaveLength(1);
  });

  it('a scheduler records a hand edit it sees, and a write by another process is that writer’s, not an outside edit', async () => {
    const { dir, configPath } = dataDir(nightly('2'));
    const scheduler = await open(dir, { schedule: true });
    fs.writeFileSync(configPath, nightly('5'));
    await vi.waitFor(async () => expect((await scheduler.configHistory({ limit: 5 })).revisions).toHaveLength(1), {
      timeout: 10_000,
    });
    // Without the watcher this would still be found by the read above: prove the scheduler itself applied it.
    await vi.waitFor(async () =>
      expect((await scheduler.getJob({ id: 'backup', fireCount: 1 })).source.cron).toBe('0 5 * * *'),
    );

    const cli = await open(dir);
    await cli.writeConfig({ text: nightly('6'), baseVersion: (await cli.readConfig({})).version });
    await vi.waitFor(
      async () => expect((await scheduler.getJob({ id: 'backup', fireCount: 1 })).source.cron).toBe('0 6 * * *'),
      {
        timeout: 10_000,
      },
    );
    const { revisions } = await scheduler.configHistory({ limit: 5 });
    expect(revisions.map((entry) => entry.origin)).toEqual(['cli', 'outside']);
  });

  it('a writer claims the outside record another process made of its change first', async () => {
    const { dir, configPath } = dataDir(nightly('2'));
    const service = await open(dir);
    await service.configHistory({ limit: 1 });
    // `cronbar edit`: the editor saves, a scheduler's watcher records the text as an outside edit, then the CLI
    // records its own change.
    fs.writeFileSync(configPath, nightly('7'));
    await service.configHistory({ limit: 1 });
    const history = new ConfigHistory({
      dbPath: path.join(dir, 'cronbar.db'),
      clock: new FakeClock(),
      store: { allJobStates: () => [] } as unknown as Store,
      fileName: 'jobs.yaml',
      log: () => {},
    });
    await history.ready();
    const text = (hour: string) => ({ text: nightly(hour), version: jobsTextVersion(nightly(hour)) });
    expect(history.recordWrite(text('2'), text('7'), 'cli')).toBeNull();
    history.close();
    const { revisions } = await service.configHistory({ limit: 50 });
    expect(revisions.map((entry) => [entry.origin, entry.summary.changed])).toEqual([
      ['cli', [{ id: 'backup', fields: ['cron'] }]],
    ]);
  });

  it('reverts a change (and the ones after it) through the version check; the revert is a revision', async () => {
    const { dir, configPath } = dataDir(nightly('2'));
    const service = await open(dir);
    await service.writeConfig({ text: nightly('14'), baseVersion: (await service.readConfig({})).version });
    await service.writeConfig({ text: nightly('15'), baseVersion: (await service.readConfig({})).version });

    await expect(service.revertConfig({ rev: 1, baseVersion: 'stale' })).rejects.toMatchObject({ code: 'conflict' });
    expect(fs.readFileSync(configPath, 'utf8')).toBe(nightly('15'));

    const reverted = await service.forOrigin('app').revertConfig({ rev: 1 });
    expect(fs.readFileSync(configPath, 'utf8')).toBe(nightly('2'));
    expect(reverted.rev).toBe(3);
    const revision = await service.configRevision({ rev: 3 });
    expect(revision).toMatchObject({ origin: 'app', afterVersion: reverted.version });
    // 15:00 → 02:00: the smallest move is to the 02:00 eleven hours later.
    expect(revision.moves.jobs[0]!.shiftedByMs).toBe(11 * HOUR);
    expect((await service.getJob({ id: 'backup', fireCount: 1 })).source.cron).toBe('0 2 * * *');
    await expect(service.revertConfig({ rev: 99 })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('diffs a revision as a unified diff, and two revisions with what moves between them', async () => {
    const { dir } = dataDir(nightly('2'));
    const service = await open(dir);
    await service.writeConfig({ text: nightly('14'), baseVersion: (await service.readConfig({})).version });
    await service.writeConfig({ text: nightly('16'), baseVersion: (await service.readConfig({})).version });
    const one = await service.configDiff({ rev: 1 });
    expect(one.diff).toContain('-    cron: "0 2 * * *"\n+    cron: "0 14 * * *"\n');
    const span = await service.configDiff({ rev: 1, to: 2 });
    expect(span.diff).toContain('-    cron: "0 14 * * *"\n+    cron: "0 16 * * *"\n');
    expect(span.moves.jobs[0]!.shiftedByMs).toBe(2 * HOUR);
  });

  it('previews every kind of write without writing, with the version to apply it with', async () => {
    const { dir, configPath } = dataDir(nightly('2'));
    const service = await open(dir);
    const { version } = await service.readConfig({});
    const preview = await service.previewConfigChange({ change: { kind: 'writeConfig', text: nightly('14') } });
    expect(preview).toMatchObject({ baseVersion: version, valid: true, issues: [] });
    expect(preview.moves.jobs[0]!.shiftedByMs).toBe(12 * HOUR);

    const disable = await service.previewConfigChange({
      change: { kind: 'setJobEnabled', id: 'backup', enabled: false },
    });
    expect(disable.text).toContain('enabled: false');
    expect(disable.moves.summary.changed).toEqual([{ id: 'backup', fields: ['enabled'] }]);
    const add = await service.previewConfigChange({
      change: { kind: 'saveJob', job: { id: 'hourly', cron: '0 * * * *', command: 'true' } },
    });
    expect(add.moves.summary.added).toEqual(['hourly']);
    const remove = await service.previewConfigChange({ change: { kind: 'deleteJob', id: 'backup' } });
    expect(remove.moves.summary.removed).toEqual(['backup']);

    const broken = await service.previewConfigChange({
      change: { kind: 'writeConfig', text: 'jobs:\n  - id: x\n    cron: "61 * * * *"\n    command: y\n' },
    });
    expect(broken.valid).toBe(false);
    expect(broken.issues[0]).toMatchObject({ file: 'jobs.yaml', line: 3, path: 'jobs[0].cron' });
    expect(broken.moves.invalid).toBe('after');

    expect(fs.readFileSync(configPath, 'utf8')).toBe(nightly('2'));
    expect((await service.configHistory({ limit: 5 })).revisions).toEqual([]);
  });

  it('prune-history keeps the newest keepRevisions revisions of the jobs file', async () => {
    const prune = '  - id: prune\n    builtin: prune-history\n    every: 1d\n    with: { keepRevisions: 2 }\n';
    const { dir } = dataDir(nightly('1', prune));
    const service = await open(dir, { schedule: true });
    for (const hour of [2, 3, 4, 5])
      await service.writeConfig({
        text: nightly(String(hour), prune),
        baseVersion: (await service.readConfig({})).version,
      });
    expect((await service.configHistory({ limit: 50 })).revisions).toHaveLength(4);
    const finished = new Promise((resolve) => service.on('run:finished', resolve));
    await service.runNow({ id: 'prune', force: false });
    await finished;
    expect((await service.configHistory({ limit: 50 })).revisions.map((entry) => entry.rev)).toEqual([4, 3]);
  });
});
