/**
 * "Works in my shell, fails in Cronbar": `cronbar env` shows the environment the scheduling process gives a job,
 * spawned as a user would, with a daemon started from another environment than the caller's, and without one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobEnvironmentView } from '../../shared/api/environment-methods';
import { writeFakeLoginShell } from '../helpers/fake-login-shell';
import { Daemon, type LiveCli, cronbar, tempHome } from './cli-helpers';

const processes: LiveCli[] = [];
afterEach(async () => {
  for (const cli of processes.splice(0)) await cli.stop('SIGKILL');
});

function home(yaml: string): string {
  const dir = tempHome();
  fs.writeFileSync(path.join(dir, 'jobs.yaml'), yaml);
  return dir;
}

const BACKUP =
  'jobs:\n  - id: backup\n    every: 1h\n    command: restic backup ~\n    path: [/opt/homebrew/bin]\n    env: { REGION: eu }\n';

describe.skipIf(process.platform === 'win32')('cronbar env', () => {
  it("asks the running daemon: its own environment, not the caller's, with path: in front", async () => {
    const dir = home(BACKUP);
    const daemon = new Daemon(dir, [], { env: { PATH: '/usr/bin:/bin', ONLY_IN_DAEMON: 'yes' } });
    processes.push(daemon);
    await daemon.waitFor(/scheduling 1 jobs/, 15_000);

    const shown = await cronbar(['env', 'backup'], { home: dir, env: { ONLY_IN_CALLER: 'me' } });
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain(
      `# backup: as run by the daemon (pid ${daemon.pid}), starting from the daemon's own environment\n`,
    );
    expect(shown.stdout).toMatch(/^# shell \S+; cwd \S+; user \S+$/m);
    expect(shown.stdout).toContain('\nPATH=/opt/homebrew/bin:/usr/bin:/bin\n');
    expect(shown.stdout).toContain('\nONLY_IN_DAEMON=yes\n');
    expect(shown.stdout).toContain('\nREGION=eu\n');
    expect(shown.stdout).not.toContain('ONLY_IN_CALLER');

    const diff = await cronbar(['env', 'backup', '--diff'], {
      home: dir,
      env: { ONLY_IN_CALLER: 'me', PATH: `/home/me/.local/bin:/usr/bin:/bin` },
    });
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stdout).toContain('\n+ ONLY_IN_DAEMON=yes\n');
    expect(diff.stdout).toContain('\n- ONLY_IN_CALLER\n');
    expect(diff.stdout).toContain(
      'PATH (the job searches top to bottom):\n  + /opt/homebrew/bin\n    /usr/bin\n    /bin\n  - /home/me/.local/bin\n',
    );
  });

  it('with no scheduler: says so and gives what `cronbar run` here would get; --json masks nothing for the user', async () => {
    const dir = home(BACKUP.replace('env: { REGION: eu }', 'env: { REGION: eu, API_TOKEN: hunter2 }'));
    const shown = await cronbar(['env', 'backup', '--json'], { home: dir, env: { PATH: '/usr/bin:/bin' } });
    expect(shown.code, shown.stderr).toBe(0);
    const view = JSON.parse(shown.stdout) as JobEnvironmentView;
    expect(view).toMatchObject({
      jobId: 'backup',
      scheduler: false,
      source: "this cronbar command's own environment",
      pathEntries: ['/opt/homebrew/bin', '/usr/bin', '/bin'],
      masked: [],
      problem: null,
    });
    expect(view.env.API_TOKEN).toBe('hunter2');
    const text = await cronbar(['env', 'backup'], { home: dir });
    expect(text.stdout).toMatch(/^# backup: no scheduler runs; this is what `cronbar run backup` here would give/);
  });

  it('names a broken env file at file:line:col and exits 1', async () => {
    const dir = tempHome();
    const envFile = path.join(dir, 'job.env');
    fs.writeFileSync(path.join(dir, 'jobs.yaml'), BACKUP.replace('path: [/opt/homebrew/bin]', `envFile: ${envFile}`));
    fs.writeFileSync(envFile, 'A=1\nsecret-without-a-name\n');
    const shown = await cronbar(['env', 'backup'], { home: dir });
    expect(shown.code).toBe(1);
    expect(shown.stdout).toContain(`# a run would fail before starting: ${envFile}:2:1 not a KEY=value line\n`);
    expect(shown.stdout).not.toContain('secret-without-a-name');
  });
});

describe.skipIf(process.platform === 'win32')('cronbar validate: a program the jobs will not find', () => {
  /** A data directory whose job calls `fakeprog`, which only the fake login shell's PATH has. */
  function setup() {
    const dir = home('jobs:\n  - id: backup\n    every: 1h\n    command: RESTIC_CACHE=/tmp fakeprog backup ~\n');
    const bin = path.join(dir, 'login-bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'fakeprog'), '#!/bin/sh\necho ok\n', { mode: 0o755 });
    const shell = writeFakeLoginShell(dir, { PATH: `${bin}:/usr/bin:/bin` });
    return { dir, bin, shell };
  }

  it('with no scheduler: warns at the command, naming where the login shell finds it; the file is still valid', async () => {
    const { dir, bin, shell } = setup();
    const checked = await cronbar(['validate'], { home: dir, env: { PATH: '/usr/bin:/bin', SHELL: shell } });
    expect(checked.code, checked.stderr).toBe(0);
    // Wrapped to 80 columns; the words are what count.
    expect(checked.stderr.replace(/\s+/g, ' ')).toContain(
      `jobs.yaml:4:14 jobs[0].command: warning: \`fakeprog\`: not on the PATH jobs get (/usr/bin:/bin); found at ${bin}/fakeprog — add \`path: [${bin}]\` or use the full path `,
    );
    const json = await cronbar(['validate', '--json'], { home: dir, env: { PATH: '/usr/bin:/bin', SHELL: shell } });
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: true,
      warnings: [{ line: 4, col: 14, path: 'jobs[0].command' }],
    });

    fs.writeFileSync(
      path.join(dir, 'jobs.yaml'),
      `jobs:\n  - id: backup\n    every: 1h\n    command: RESTIC_CACHE=/tmp fakeprog backup ~\n    path: [${bin}]\n`,
    );
    const fixed = await cronbar(['validate'], { home: dir, env: { PATH: '/usr/bin:/bin', SHELL: shell } });
    expect(fixed.stderr).toBe('');
  });

  it("asks the running daemon: its PATH counts, not the caller's", async () => {
    const { dir, bin, shell } = setup();
    const daemon = new Daemon(dir, [], { env: { PATH: '/usr/bin:/bin', SHELL: shell } });
    processes.push(daemon);
    await daemon.waitFor(/scheduling 1 jobs/, 15_000);
    // The caller's own PATH has the program: only the daemon's view finds the problem.
    const checked = await cronbar(['validate'], { home: dir, env: { PATH: `${bin}:/usr/bin:/bin` } });
    expect(checked.code, checked.stderr).toBe(0);
    const words = checked.stderr.replace(/\s+/g, ' ');
    expect(words).toContain(`checked against the PATH of the daemon (pid ${daemon.pid}) that runs the jobs`);
    expect(words).toContain(`found at ${bin}/fakeprog`);
  });
});

describe.skipIf(process.platform === 'win32')('cronbar run beside a running scheduler', () => {
  it('--as-scheduled: the daemon runs it in its environment, the output streams here, the exit code is the job’s, the run is a test', async () => {
    const dir = home(
      'jobs:\n  - id: probe\n    cron: "0 0 1 1 *"\n    command: echo "parent=$PPID mark=$MARK"; exit 3\n',
    );
    const daemon = new Daemon(dir, [], { env: { MARK: 'from-daemon' } });
    processes.push(daemon);
    await daemon.waitFor(/scheduling 1 jobs/, 15_000);

    const run = await cronbar(['run', 'probe', '--as-scheduled'], { home: dir, env: { MARK: 'from-caller' } });
    expect(run.code, run.stderr).toBe(3);
    // The job's parent is the daemon's process, and it saw the daemon's environment, not the caller's.
    expect(run.stdout).toBe(`parent=${daemon.pid} mark=from-daemon\n`);
    expect(run.stderr).toMatch(
      new RegExp(`^cronbar: run \\d+ probe started by the daemon \\(pid ${daemon.pid}\\), in its environment$`, 'm'),
    );
    expect(run.stderr).toMatch(/run \d+ probe failed \(exit 3\)/);

    const history = await cronbar(['history', 'probe', '--json'], { home: dir });
    const runs = JSON.parse(history.stdout) as Array<{ trigger: string; exitCode: number }>;
    expect(runs).toMatchObject([{ trigger: 'test', exitCode: 3 }]);

    // Plain `cronbar run` goes through the daemon too, recorded as a run by hand.
    const plain = await cronbar(['run', 'probe', '--json'], { home: dir, env: { MARK: 'from-caller' } });
    expect(plain.code).toBe(3);
    const result = JSON.parse(plain.stdout) as {
      run: { trigger: string };
      output: { text: string };
      by: { pid: number };
    };
    expect(result).toMatchObject({
      run: { trigger: 'manual' },
      output: { text: `parent=${daemon.pid} mark=from-daemon\n` },
      by: { pid: daemon.pid },
    });
  });

  it('with no scheduler: runs here, and --as-scheduled still records a test run', async () => {
    const dir = home('jobs:\n  - id: probe\n    cron: "0 0 1 1 *"\n    command: echo "mark=$MARK"\n');
    const run = await cronbar(['run', 'probe', '--as-scheduled'], { home: dir, env: { MARK: 'here' } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('mark=here\n');
    const history = await cronbar(['history', 'probe', '--json'], { home: dir });
    expect(JSON.parse(history.stdout)).toMatchObject([{ trigger: 'test', status: 'succeeded' }]);
  });
});
