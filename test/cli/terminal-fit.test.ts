/**
 * The CLI as an admin meets it in an 80-column terminal and in a script: every line fits, status words are coloured
 * only when asked for or on a terminal, a usage error is one line with a hint (exit 2), a mistyped job id gets a
 * did-you-mean, and `run` exits with the job's own code. Real processes, COLUMNS=80, piped stdout.
 */
import fs from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, cronbar, tempHome } from './cli-helpers';

const JOBS = `defaults:
  expect: { succeededWithin: 26h }
jobs:
  - id: restic-home
    name: Back up the home directory to the NAS with restic (nightly)
    cron: "0 2 * * *"
    command: restic backup ~/ --tag nightly --exclude-caches
  - id: certbot
    name: Renew the TLS certificates for every site on this box
    cron: "*/15 9-17 * * 1-5"
    command: "echo renewing; echo 'error: rate limited by the CA'; exit 3"
  - id: flaky
    every: 5m
    command: "echo 'this job fails with a long message that goes on and on and on and on and on'; exit 2"
  - id: killed
    every: 1h
    command: "kill -TERM $$"
  - id: pg-dump
    name: Dump the Postgres database
    cron: "30 1 * * *"
    command: pg_dump mydb
  - id: quiet
    enabled: false
    every: 1h
    command: "true"
checks:
  - id: nas-backup
    name: NAS backup via Hyper Backup on the Synology
    cron: "30 3 * * *"
    grace: 2h
`;

const env = { COLUMNS: '80', NO_COLOR: '', FORCE_COLOR: '' };
let home: string;
const run = (args: string[], extraEnv: Record<string, string> = {}) =>
  cronbar(args, { home, env: { ...env, ...extraEnv } });

/** The widest line a user sees, colour codes not counted. */
function widest(result: CliResult): number {
  const lines = stripVTControlCharacters(`${result.stdout}\n${result.stderr}`).split('\n');
  return Math.max(...lines.map((line) => Array.from(line).length));
}

beforeAll(async () => {
  home = tempHome();
  fs.writeFileSync(path.join(home, 'jobs.yaml'), JOBS);
  for (const job of ['flaky', 'flaky', 'certbot']) await run(['run', job]);
  await run(['pause', 'pg-dump', '--for', '2h']);
}, 30_000);

describe('output fits an 80-column terminal', () => {
  it('list, status, history, next, logs and every help page stay within 80 columns', async () => {
    const commands = [
      ['list'],
      ['status'],
      ['history'],
      ['next', 'certbot'],
      ['logs', 'flaky'],
      ['validate'],
      ['service', 'status'],
      ['api', 'token'],
      ['help'],
      ['help', 'export'],
      ['help', 'daemon'],
      ['help', 'import'],
    ];
    for (const args of commands) {
      const result = await run(args);
      // status is a probe: 3 says no scheduler runs (none does here); every other command succeeds.
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(args[0] === 'status' ? 3 : 0);
      expect(widest(result), `cronbar ${args.join(' ')}:\n${result.stdout}${result.stderr}`).toBeLessThanOrEqual(80);
    }
  });

  it('list marks a paused job with its end and a failing one with its streak and 7-day failures', async () => {
    const list = await run(['list']);
    expect(list.stdout).toMatch(/^pg-dump .*paused until \S+/m);
    expect(list.stdout).toMatch(/^flaky .*failed ×2, 2 in 7 d/m);
    expect(list.stdout).toMatch(/^quiet .*disabled/m);
    expect(list.stderr).toContain('no scheduler runs these jobs');
    // A wider terminal shows more (the names), a narrower one still fits.
    const wide = await run(['list'], { COLUMNS: '200' });
    expect(wide.stdout).toContain('Back up the home directory to the NAS with restic (nightly)');
    const narrow = await run(['list'], { COLUMNS: '60' });
    expect(widest({ ...narrow, stderr: '' })).toBeLessThanOrEqual(60);
  });
});

describe('colour', () => {
  it('is off in a pipe and with NO_COLOR, on with --color=always', async () => {
    const piped = await run(['list']);
    expect(piped.stdout).not.toContain('\x1b[');
    const forced = await run(['list', '--color=always']);
    expect(forced.stdout).toContain('\x1b[31mfailed');
    const noColor = await run(['list'], { NO_COLOR: '1', FORCE_COLOR: '1' });
    expect(noColor.stdout).not.toContain('\x1b[');
    const never = await run(['history', '--color=never'], { FORCE_COLOR: '1' });
    expect(never.stdout).not.toContain('\x1b[');
    const bad = await run(['list', '--color=sometimes']);
    expect(bad.code).toBe(2);
  });
});

describe('usage errors', () => {
  it('are one line with a did-you-mean and where to look, exit 2', async () => {
    const typo = await run(['lsit']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe('cronbar: unknown command "lsit" — did you mean "list"? See cronbar help.\n');
    const option = await run(['list', '--jsno']);
    expect(option.code).toBe(2);
    expect(option.stderr).toBe(
      'cronbar: unknown option --jsno for list — did you mean --json? See cronbar help list.\n',
    );
    const missing = await run(['next']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('cronbar: next needs a job id. See cronbar help next.\n');
    const helpTypo = await run(['help', 'hisotry']);
    expect(helpTypo.code).toBe(2);
    expect(helpTypo.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a mistyped job id is not found (exit 3) with the id that was probably meant', async () => {
    const result = await run(['run', 'certbott']);
    expect(result.code).toBe(3);
    expect(result.stderr).toBe('cronbar: no job with id "certbott" — did you mean "certbot"?\n');
    const next = await run(['next', 'restic-hom']);
    expect(next.stderr).toContain('did you mean "restic-home"?');
  });

  it('help pages have examples', async () => {
    const help = await run(['help', 'history']);
    expect(help.stdout).toMatch(/Examples:\n[^]*\n {2}cronbar history --since 2d --status failed\n/);
  });
});

describe('scripting', () => {
  it('run exits with the job’s own code, 128+N for a signal', async () => {
    const failed = await run(['run', 'certbot', '--no-retry']);
    expect(failed.code).toBe(3);
    const killed = await run(['run', 'killed', '--no-retry']);
    expect(killed.code).toBe(128 + 15);
    const json = await run(['run', 'certbot', '--no-retry', '--json']);
    expect(json.code).toBe(3);
    const parsed = JSON.parse(json.stdout) as { run: { status: string; exitCode: number }; output: { text: string } };
    expect(parsed.run).toMatchObject({ status: 'failed', exitCode: 3 });
    expect(parsed.output.text).toContain('rate limited');
  });

  it('history filters by time and status; logs by line', async () => {
    const failed = await run(['history', '--since', '1h', '--status', 'failed', '--limit', '2', '--json']);
    expect(failed.code, failed.stderr).toBe(0);
    const runs = JSON.parse(failed.stdout) as Array<{ status: string }>;
    expect(runs).toHaveLength(2);
    expect(runs.every((item) => item.status === 'failed' || item.status === 'timed-out')).toBe(true);
    const future = await run(['history', '--since', '2099-01-01']);
    expect(future.stdout).toBe('no runs that match yet\n');
    const badSince = await run(['history', '--since', 'yesterdayish']);
    expect(badSince.code).toBe(2);

    const grep = await run(['logs', 'certbot', '--grep', '^error']);
    expect(grep.stdout).toBe('error: rate limited by the CA\n');
    const tail = await run(['logs', 'certbot', '--tail', '1']);
    expect(tail.stdout).toBe('error: rate limited by the CA\n');
  });

  it('--json on every command that prints parses', async () => {
    const commands = [
      ['validate', '--json'],
      ['list', '--json'],
      ['status', '--json'],
      ['history', '--json'],
      ['next', 'certbot', '--json'],
      ['logs', 'flaky', '--json'],
      ['api', 'token', '--json'],
      ['service', 'status', '--json'],
      ['export', 'crontab', '--json'],
    ];
    for (const args of commands) {
      const result = await run(args);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(args[0] === 'status' ? 3 : 0);
      expect(() => JSON.parse(result.stdout), args.join(' ')).not.toThrow();
    }
    const crontab = path.join(home, 'crontab');
    fs.writeFileSync(crontab, '0 4 * * * /usr/bin/true\n@reboot /usr/bin/true\n');
    const imported = await run(['import', 'crontab', crontab, '--dry-run', '--json']);
    expect(JSON.parse(imported.stdout)).toMatchObject({ dryRun: true, losses: [expect.objectContaining({})] });
    fs.writeFileSync(path.join(home, 'broken.yaml'), 'jobs:\n  - id: x\n    comand: true\n');
    const invalid = await run(['validate', '--json', '--config', path.join(home, 'broken.yaml')]);
    expect(invalid.code).toBe(1);
    expect(JSON.parse(invalid.stdout)).toMatchObject({
      ok: false,
      problems: expect.arrayContaining([expect.objectContaining({ line: 3, path: 'jobs[0]' })]),
    });
  });
});
