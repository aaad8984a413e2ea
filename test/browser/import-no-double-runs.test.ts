/**
 * Import without double runs, in the window on the realistic jobs file at the app's default size (1100×720) and its
 * minimum (640×420): the preview flags the line the file has already and shows cron's policies (with Cronbar's
 * defaults a click away); after adding, the window says cron still runs the job and comments out exactly that line in
 * the user's crontab (a stand-in crontab(1) on PATH keeps its table in a file); importing again adds nothing.
 * Screenshots in test-results/browser/import-twice-*.png.
 */
import AxeBuilder from '@axe-core/playwright';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { realisticJobsYaml } from '../fixtures/window/seed-realistic-history';
import { type WindowSession, useWindowRig } from './helpers/window-harness';

const open = useWindowRig();

const CRONTAB = [
  '# Certificates (already in Cronbar as certbot-renew)',
  '0 3 * * * certbot renew --quiet',
  '# Mail the backup report',
  '15 7 * * 1 /usr/local/bin/backup-report --mail',
  '',
].join('\n');

// The core runs in this process: its `crontab` is found on this PATH.
const fakeBin = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-fake-crontab-'));
const table = path.join(fakeBin, 'table');
const pathBefore = process.env.PATH;
beforeAll(() => {
  fs.writeFileSync(
    path.join(fakeBin, 'crontab'),
    `#!/bin/sh\ncase "$1" in -l) cat '${table}' ;; -) cat > '${table}' ;; *) exit 2 ;; esac\n`,
    { mode: 0o755 },
  );
  process.env.PATH = `${fakeBin}:${pathBefore}`;
});
afterAll(() => {
  process.env.PATH = pathBefore;
  fs.rmSync(fakeBin, { recursive: true, force: true });
});

async function seriousAxe(s: WindowSession): Promise<string[]> {
  const axe = await new AxeBuilder({ page: s.page }).analyze();
  return axe.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

async function pasteAndPreview(s: WindowSession) {
  // The Jobs view's Import… button is left out of the narrowest toolbar; the Editor tab has it at every size.
  await s.page.getByRole('button', { name: 'Editor', exact: true }).click();
  await s.page.getByRole('button', { name: 'Import…' }).click();
  await s.page.getByRole('heading', { name: 'Import jobs' }).waitFor();
  await s.page.getByLabel('Crontab to import').fill(CRONTAB);
  await s.page.getByRole('button', { name: 'Preview' }).click();
}

describe('import without double runs', () => {
  for (const [label, viewport] of [
    ['1100x720', { width: 1100, height: 720 }],
    ['640x420', { width: 640, height: 420 }],
  ] as const) {
    test(`at ${label}: flagged, policies shown, the crontab line commented out, a second import adds nothing`, async () => {
      fs.writeFileSync(table, CRONTAB);
      const s = await open(realisticJobsYaml(), { viewport });
      const { page } = s;
      await page.getByRole('table', { name: 'Jobs' }).getByText('Renew certificates').waitFor();
      await pasteAndPreview(s);

      const already = page.getByRole('list', { name: 'Already in Cronbar' });
      await already.getByText(/same schedule and command as certbot-renew/).waitFor();
      const jobs = page.getByRole('list', { name: 'Jobs to import' });
      expect(await jobs.getByRole('listitem').count()).toBe(1);
      await jobs.getByText(/runs may overlap \(from the source\).*no timeout \(from the source\)/).waitFor();
      await page.getByRole('heading', { name: '1 job to add' }).scrollIntoViewIfNeeded();
      await s.screenshot(`import-twice-preview-${label}`);

      // Cronbar's defaults instead of cron's: the realistic file's skip / catch up once / 1 h.
      await page.getByLabel(/Use Cronbar's defaults/).check();
      await jobs.getByText('no overlapping runs · a missed run is caught up once · timeout 1h 00m').waitFor();
      expect(await seriousAxe(s)).toEqual([]);

      await page.getByRole('button', { name: 'Add 1 job' }).click();
      await page.getByText('Added 1 job: backup-report').waitFor();
      const text = fs.readFileSync(s.configPath, 'utf8');
      expect(text).toContain('  - id: backup-report\n');
      expect(text).not.toMatch(/id: backup-report[\s\S]*(overlap|timeout):/);
      const still = page.getByRole('list', { name: 'Crontab lines still running' });
      // Both lines still run in cron: the one just imported and the one the file had already.
      await still.getByText('15 7 * * 1 /usr/local/bin/backup-report --mail').waitFor();
      await still.getByText('0 3 * * * certbot renew --quiet').waitFor();
      await page.getByRole('button', { name: 'Comment out these 2 lines in my crontab' }).scrollIntoViewIfNeeded();
      await s.screenshot(`import-twice-still-runs-${label}`);
      expect(await seriousAxe(s)).toEqual([]);

      await page.getByRole('button', { name: 'Comment out these 2 lines in my crontab' }).click();
      await page.getByText(/Commented out 2 lines in your crontab \(lines 2, 4\)/).waitFor();
      const after = fs.readFileSync(table, 'utf8').split('\n');
      expect(after[1]).toMatch(/^# moved to Cronbar \d{4}-\d\d-\d\d \(job certbot-renew\): 0 3 \* \* \* certbot/);
      expect(after[3]).toMatch(/^# moved to Cronbar .* \(job backup-report\): 15 7 \* \* 1 /);
      expect([after[0], after[2], after[4]]).toEqual([
        '# Certificates (already in Cronbar as certbot-renew)',
        '# Mail the backup report',
        '',
      ]);
      const backups = fs.readdirSync(path.join(s.dataDir, 'backups'));
      expect(backups.map((name) => fs.readFileSync(path.join(s.dataDir, 'backups', name), 'utf8'))).toEqual([CRONTAB]);
      await s.screenshot(`import-twice-commented-${label}`);

      // The same crontab again (as crontab -l now prints it): nothing new, and nothing left running twice.
      await page.getByLabel('Crontab to import').fill(after.join('\n'));
      await page.getByRole('button', { name: 'Preview' }).click();
      await page.getByRole('heading', { name: 'Nothing new: every job is in Cronbar already' }).waitFor();
      await already.getByText(/commented out by an earlier import; runs in Cronbar as backup-report/).waitFor();
      expect(await page.getByRole('button', { name: /in my crontab/ }).count()).toBe(0);
      expect(await page.getByRole('button', { name: /^Add/ }).isDisabled()).toBe(true);
      await s.screenshot(`import-twice-again-${label}`);
    }, 90_000);
  }
});
