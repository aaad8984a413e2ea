/** The desktop hands the core its login-shell environment as a promise: jobs wait for it, the caller does not. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../shared/model';
import { openCronbar } from '../../../electron/core/service/open-cronbar';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('the base environment of job runs', () => {
  it('is the promised one once it settles; until then the service answers and runs wait for it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-base-env-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    fs.writeFileSync(
      path.join(dir, 'jobs.yaml'),
      'jobs:\n  - id: show\n    cron: "0 0 1 1 *"\n    command: echo "from=$FROM_LOGIN path=$PATH"\n    path: [/opt/x]\n',
    );
    let settle!: (env: { env: Record<string, string>; source: string }) => void;
    const promised = new Promise<{ env: Record<string, string>; source: string }>((resolve) => (settle = resolve));
    const lines: string[] = [];
    const service = await openCronbar({
      dataDir: dir,
      lockKind: 'app',
      baseEnvironment: promised,
      log: (line) => lines.push(line),
    });
    cleanups.push(async () => void (await service.shutdown({ graceMs: 0 })));

    expect(service.baseEnvironment().source).toBe("the app's own environment (the login shell is still being read)");
    // A Run now clicked before the login shell is read waits for it, then runs in it (not refused, not the app's env).
    const finished = new Promise<RunRecord>((resolve) => service.on('run:finished', resolve));
    const asked = service.runNow({ id: 'show', force: false });

    settle({ env: { PATH: '/usr/bin:/bin', FROM_LOGIN: 'zsh' }, source: 'login shell /bin/zsh' });
    const started = await asked;
    expect(started.refused).toBeNull();
    expect(service.baseEnvironment().source).toBe('login shell /bin/zsh');
    expect(lines).toContain('jobs start from login shell /bin/zsh');
    const run = await finished;
    expect((await service.runOutput({ runId: run.id })).text).toBe('from=zsh path=/opt/x:/usr/bin:/bin\n');
  });

  it("is the process's own environment, named for the process, when none is handed in", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-base-env-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const service = await openCronbar({ dataDir: dir });
    cleanups.push(async () => void (await service.shutdown({ graceMs: 0 })));
    expect(service.baseEnvironment().source).toBe("the daemon's own environment");
    expect(service.baseEnvironment().env.PATH).toBe(process.env.PATH);
  });

  it('masks secret-looking values in the answer unless asked to reveal them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-base-env-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    fs.writeFileSync(
      path.join(dir, 'jobs.yaml'),
      'jobs:\n  - id: s3\n    every: 1h\n    command: aws s3 sync\n    env: { AWS_SECRET_ACCESS_KEY: k1, REGION: eu }\n',
    );
    const service = await openCronbar({ dataDir: dir, schedule: false, runs: false });
    cleanups.push(async () => void (await service.shutdown({ graceMs: 0 })));
    const shown = await service.jobEnvironment({ id: 's3', reveal: false });
    expect(shown.env.AWS_SECRET_ACCESS_KEY).toBe('********');
    expect(shown.masked).toContain('AWS_SECRET_ACCESS_KEY');
    expect(shown.env.REGION).toBe('eu');
    expect(JSON.stringify(shown)).not.toContain('k1');
    expect((await service.jobEnvironment({ id: 's3', reveal: true })).env.AWS_SECRET_ACCESS_KEY).toBe('k1');
  });
});
