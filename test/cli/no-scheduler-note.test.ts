/** `cronbar list` and `cronbar next` say once on stderr when nothing schedules the jobs they show. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Daemon, cronbar, tempHome } from './cli-helpers';

const daemons: Daemon[] = [];
afterEach(async () => {
  for (const daemon of daemons.splice(0)) await daemon.stop('SIGKILL');
});

const NOTE = 'cronbar: no scheduler runs these jobs (start one: cronbar daemon, or the app)\n';

describe('the no-scheduler note', () => {
  it('list and next print it once on stderr without a scheduler, and not while one runs', async () => {
    const home = tempHome();
    fs.writeFileSync(path.join(home, 'jobs.yaml'), 'jobs:\n  - { id: backup, cron: "0 2 * * *", command: "true" }\n');
    for (const args of [['list'], ['next', 'backup']]) {
      const alone = await cronbar(args, { home });
      expect(alone.code, alone.stderr).toBe(0);
      expect(alone.stderr).toBe(NOTE);
      expect(alone.stdout).not.toContain('no scheduler');
    }
    const daemon = new Daemon(home);
    daemons.push(daemon);
    await daemon.waitFor(/scheduling 1 jobs/);
    for (const args of [['list'], ['next', 'backup']]) {
      const served = await cronbar(args, { home });
      expect(served.code, served.stderr).toBe(0);
      expect(served.stderr).toBe('');
    }
  });
});
