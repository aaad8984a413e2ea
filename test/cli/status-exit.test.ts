/** `cronbar status` as a probe: its exit code says what `systemctl is-active` would, for scripts and monitors. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Daemon, cronbar, tempHome } from './cli-helpers';

const daemons: Daemon[] = [];
afterEach(async () => {
  for (const daemon of daemons.splice(0)) await daemon.stop('SIGKILL');
});

describe('cronbar status exit codes', () => {
  it('exits 3 with no scheduler, 0 when one runs and all is well, 1 when a job fails; --json says the same', async () => {
    const home = tempHome();
    fs.writeFileSync(
      path.join(home, 'jobs.yaml'),
      'jobs:\n  - { id: bad, cron: "0 0 1 1 *", command: "exit 1" }\n  - { id: fine, cron: "0 0 1 1 *", command: "true" }\n',
    );
    const none = await cronbar(['status', '--json'], { home });
    expect(none.code, none.stderr).toBe(3);
    expect(JSON.parse(none.stdout)).toMatchObject({ exitCode: 3, attention: [] });

    const daemon = new Daemon(home);
    daemons.push(daemon);
    await daemon.waitFor(/scheduling/);
    const well = await cronbar(['status'], { home });
    expect(well.code, well.stdout + well.stderr).toBe(0);

    expect((await cronbar(['run', 'bad'], { home })).code).toBe(1);
    const failing = await cronbar(['status', '--json'], { home });
    expect(failing.code).toBe(1);
    expect(JSON.parse(failing.stdout)).toMatchObject({ exitCode: 1, attention: ['job bad is failing (1 in a row)'] });
    expect((await cronbar(['status'], { home })).code).toBe(1);

    // No scheduler outranks a failing job, as inactive outranks failed units for systemctl is-active.
    await daemon.stop('SIGTERM');
    expect((await cronbar(['status'], { home })).code).toBe(3);
  });
});
