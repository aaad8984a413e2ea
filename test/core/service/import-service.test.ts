/** previewImport and importJobs on a real service: ids unique in the file, version checks, nothing written on refusal. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCronbar } from '../../../electron/core/service/open-cronbar';
import type { CronbarService } from '../../../electron/core/service/types';
import { FakeClock } from '../../helpers/fake-clock';

let service: CronbarService | null = null;
afterEach(async () => {
  await service?.shutdown({ graceMs: 100 });
  service = null;
});

async function open(yaml: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-import-'));
  const configPath = path.join(dataDir, 'jobs.yaml');
  fs.writeFileSync(configPath, yaml);
  const clock = new FakeClock(Date.parse('2027-01-04T10:00:00Z'));
  service = await openCronbar({ dataDir, configPath, dbPath: ':memory:', schedule: false, clock });
  return { service, configPath };
}

const crontab = (text: string) => ({ format: 'crontab' as const, files: [{ name: 'pasted', text }] });

describe('import through the service', () => {
  it('previews jobs with ids unique in the file, schedules in words and next fires, and writes nothing', async () => {
    const yaml = 'defaults:\n  timezone: UTC\njobs:\n  - id: backup\n    every: 1h\n    command: "true"\n';
    const { service, configPath } = await open(yaml);
    const preview = await service.previewImport({
      ...crontab('0 9 * * 1-5 /usr/local/bin/backup.sh\n0 6 L * * x\n'),
      systemCrontab: false,
    });
    expect(preview.jobs.map((job) => [job.id, job.description, job.file, job.line])).toEqual([
      ['backup-2', 'At 09:00, Monday through Friday', 'pasted', 1],
    ]);
    // 2027-01-04 is a Monday, 10:00 now: next is Tuesday 09:00 in the machine's zone.
    expect(preview.jobs[0]!.nextFires).toHaveLength(3);
    expect(preview.losses).toEqual([{ file: 'pasted', line: 2, reason: expect.stringContaining('L') }]);
    expect(preview.yaml.startsWith('jobs:\n  - id: backup-2\n')).toBe(true);
    expect(fs.readFileSync(configPath, 'utf8')).toBe(yaml);
  });

  it('imports, and the jobs are scheduled at once', async () => {
    const { service, configPath } = await open('jobs: []\n');
    const { version } = await service.readConfig({});
    const result = await service.importJobs({
      ...crontab('# payroll\n0 9 1,15 * 5 /usr/local/bin/payroll\n'),
      prefix: 'old',
      baseVersion: version,
    });
    expect(result.ids).toEqual(['old-payroll']);
    expect(fs.readFileSync(configPath, 'utf8')).toContain('  - id: old-payroll\n    description: payroll\n');
    expect((await service.listJobs({})).map((job) => job.id)).toEqual(['old-payroll']);
  });

  it('refuses when nothing can be imported or the file changed since the preview, and changes nothing', async () => {
    const yaml = 'jobs: []\n';
    const { service, configPath } = await open(yaml);
    await expect(service.importJobs(crontab('0 6 L * * /bin/month-end\n'))).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/^nothing could be imported/),
    });
    await expect(service.importJobs({ ...crontab('0 1 * * * x\n'), baseVersion: 'stale' })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(fs.readFileSync(configPath, 'utf8')).toBe(yaml);
  });

  it('previews an import into a file whose 100 jobs share one env: through aliases', async () => {
    let yaml = 'jobs:\n  - id: j0\n    every: 1h\n    command: "true"\n    env: &common { A: "1" }\n';
    for (let index = 1; index <= 100; index += 1)
      yaml += `  - id: j${index}\n    every: 1h\n    command: "true"\n    env: *common\n`;
    const { service } = await open(yaml);
    const preview = await service.previewImport(crontab('0 2 * * * x\n'));
    expect(preview.jobs).toHaveLength(1);
  });

  it('writes the machine zone on zone-less jobs when the file defaults to another zone', async () => {
    const local = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const other = local === 'Asia/Tokyo' ? 'Europe/Lisbon' : 'Asia/Tokyo';
    const { service } = await open(`defaults:\n  timezone: ${other}\njobs: []\n`);
    const preview = await service.previewImport(crontab('0 2 * * * x\nCRON_TZ=America/Chicago\n0 3 * * * y\n'));
    expect(preview.jobs.map((job) => job.timezone)).toEqual([local, 'America/Chicago']);
  });
});
