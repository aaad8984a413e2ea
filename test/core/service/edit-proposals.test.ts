/** Propose an edit of the jobs file, then apply it with its token only while the file is as it was proposed on. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch, type Implementation } from '../../../shared/api/dispatch';
import { changedLines } from '../../../electron/core/service/edit-proposals';
import { openCronbar } from '../../../electron/core/service/open-cronbar';
import type { CronbarService } from '../../../electron/core/service/types';
import { FakeClock } from '../../helpers/fake-clock';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const JOBS = `# my jobs
jobs:
  # nightly, keep this comment
  - id: backup
    cron: "0 2 * * *"
    command: restic backup ~
  - id: notes
    every: 15m
    command: git -C ~/notes pull
`;

async function open(clock = new FakeClock('2026-12-07T12:00:00Z')): Promise<{ service: CronbarService; file: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-propose-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'jobs.yaml');
  fs.writeFileSync(file, JOBS);
  const service = await openCronbar({ dataDir: dir, schedule: false, runs: false, clock });
  cleanups.push(async () => void (await service.shutdown({ graceMs: 0 })));
  return { service, file };
}

const call = (service: CronbarService, method: 'proposeEdit' | 'applyEdit', input: unknown) =>
  dispatch(service as unknown as Implementation, method, input);

describe('propose an edit, then apply it', () => {
  it('a job patch: summary by id and field, the changed lines, and a token that writes it with the comments kept', async () => {
    const { service, file } = await open();
    const proposal = await service.proposeEdit({
      job: { id: 'backup', cron: '0 14 * * *', command: 'restic backup ~' },
      replaceId: 'backup',
    });
    expect(proposal).toMatchObject({
      ok: true,
      issues: [],
      summary: { added: [], removed: [], changed: [{ id: 'backup', fields: ['cron'] }] },
    });
    expect(proposal.diff).toContain('-    cron: "0 2 * * *"');
    expect(proposal.diff).toContain('+    cron: "0 14 * * *"');
    expect(fs.readFileSync(file, 'utf8')).toBe(JOBS);

    const applied = await service.applyEdit({ token: proposal.token! });
    expect(applied.summary.changed).toEqual([{ id: 'backup', fields: ['cron'] }]);
    const written = fs.readFileSync(file, 'utf8');
    expect(written).toContain('# nightly, keep this comment');
    expect(written).toContain('cron: "0 14 * * *"');
    expect((await service.getJob({ id: 'backup', fireCount: 1 })).job.schedule.text).toBe('0 14 * * *');
    // Used once.
    expect(await call(service, 'applyEdit', { token: proposal.token })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('refused when the file changed since the proposal: nothing written, the outside edit kept', async () => {
    const { service, file } = await open();
    const proposal = await service.proposeEdit({ deleteId: 'notes' });
    expect(proposal.summary.removed).toEqual(['notes']);
    const outside = JOBS.replace('every: 15m', 'every: 30m');
    fs.writeFileSync(file, outside);
    const refused = await call(service, 'applyEdit', { token: proposal.token });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!refused.ok && refused.error.message).toContain('jobs.yaml changed since this edit was proposed');
    expect(fs.readFileSync(file, 'utf8')).toBe(outside);
  });

  it('an invalid text: its problems placed at file:line:col, no token, nothing written', async () => {
    const { service, file } = await open();
    const proposal = await service.proposeEdit({ text: JOBS.replace('0 2 * * *', '0 25 * * *') });
    expect(proposal.ok).toBe(false);
    expect(proposal.token).toBeNull();
    expect(proposal.issues[0]).toMatchObject({ file: 'jobs.yaml', line: 5, path: 'jobs[0].cron' });
    expect(fs.readFileSync(file, 'utf8')).toBe(JOBS);
  });

  it('a token expires after an hour; a job id taken is refused; input with none or two kinds of change is refused', async () => {
    const clock = new FakeClock('2026-12-07T12:00:00Z');
    const { service } = await open(clock);
    const proposal = await service.proposeEdit({
      text: `${JOBS}  - id: new\n    cron: "0 5 * * *"\n    command: "true"\n`,
    });
    expect(proposal.summary.added).toEqual(['new']);
    expect(proposal.expiresAt).toBe(clock.now() + 3_600_000);
    clock.jumpWallClock(3_600_001);
    expect(await call(service, 'applyEdit', { token: proposal.token })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });

    expect(
      await call(service, 'proposeEdit', { job: { id: 'backup', cron: '0 1 * * *', command: 'x' } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(await call(service, 'proposeEdit', {})).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await call(service, 'proposeEdit', { text: JOBS, deleteId: 'notes' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });
});

describe('the changed lines', () => {
  it('one hunk from the first to the last changed line, with two lines of context', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng\n';
    const after = 'a\nb\nc\nD\ne\nf\ng\n';
    expect(changedLines(before, after, 'jobs.yaml')).toBe(
      ['--- jobs.yaml', '+++ jobs.yaml (proposed)', '@@ -2,5 +2,5 @@', ' b', ' c', '-d', '+D', ' e', ' f'].join('\n'),
    );
  });
});
