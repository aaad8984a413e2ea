/** `cronbar export` run as a user would: the built CLI, a temp CRONBAR_HOME, real exit codes and files. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasSystemdAnalyze } from '../helpers/systemd-calendar';
import { cronbar, tempHome } from './cli-helpers';

const JOBS = `defaults:
  timezone: Europe/Paris
jobs:
  - id: hello
    name: Say hello
    cron: "30 2 * * *"
    command: echo hello from the timer
  - id: site-up
    every: 1m
    http: { url: "https://example.org/health" }
  - id: queued
    cron: "0 * * * *"
    overlap: queue
    catchUp: skip
    command: ["/bin/true"]
`;

let home: string;
beforeAll(() => {
  home = tempHome();
  fs.writeFileSync(path.join(home, 'jobs.yaml'), JOBS);
});
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

describe('cronbar export', () => {
  it('--exec native says once, not per job, that Cronbar then sends no failure notification', async () => {
    const result = await cronbar(['export', 'crontab', 'hello', 'queued', '--exec', 'native'], { home });
    expect(result.code).toBe(0);
    const notes = result.stderr.split('\n').filter((line) => /no failure notification/.test(line));
    expect(notes).toEqual([
      'note: with --exec native crontab runs the commands itself: Cronbar sends no failure notification and keeps no history for them (--exec cronbar keeps both)',
    ]);
    expect(result.stderr).not.toMatch(/notify: no desktop notification on failure when/);
  });

  it.skipIf(!hasSystemdAnalyze())(
    "writes systemd units into --out that verify, and whose ExecStart runs the job into Cronbar's history",
    async () => {
      const out = path.join(home, 'units');
      const result = await cronbar(['export', 'systemd', 'hello', '--out', out], { home });
      expect(result.stderr).toContain('hello: warning: DST in Europe/Paris');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`wrote 2 files to ${out}`);
      expect(fs.readdirSync(out).sort()).toEqual(['cronbar-hello.service', 'cronbar-hello.timer']);
      const verify = spawnSync(
        'systemd-analyze',
        ['verify', path.join(out, 'cronbar-hello.service'), path.join(out, 'cronbar-hello.timer')],
        { encoding: 'utf8' },
      );
      expect(`${verify.stdout}${verify.stderr}`.trim()).toBe('');
      expect(verify.status).toBe(0);
      // What systemd would start: ExecStart= with Environment=.
      const service = fs.readFileSync(path.join(out, 'cronbar-hello.service'), 'utf8');
      const argv = /^ExecStart=(.+)$/m.exec(service)![1]!.split(' ');
      const env = Object.fromEntries(
        [...service.matchAll(/^Environment="([^=]+)=(.*)"$/gm)].map((m) => [m[1]!, m[2]!]),
      );
      expect(env).toEqual({ CRONBAR_HOME: home });
      const ran = spawnSync(argv[0]!, argv.slice(1), {
        encoding: 'utf8',
        env: { ...process.env, CRONBAR_HOME: '', ...env },
      });
      expect(ran.stdout).toContain('hello from the timer');
      expect(ran.status).toBe(0);
      const history = await cronbar(['history', 'hello', '--json'], { home });
      expect(JSON.parse(history.stdout)).toEqual([
        expect.objectContaining({ jobId: 'hello', status: 'succeeded', trigger: 'manual' }),
      ]);
    },
  );

  it('prints Kubernetes manifests, names each loss by job on stderr and exits 1 when a job is refused', async () => {
    const result = await cronbar(['export', 'kubernetes', '--image', 'alpine:3.20'], { home });
    expect(result.code).toBe(1);
    const names = parseAllDocuments(result.stdout).map(
      (doc) => (doc.toJS() as { metadata: { name: string } }).metadata.name,
    );
    expect(names).toEqual(['hello', 'queued']);
    expect(result.stdout).toContain('a workstation command does not run by itself in a cluster');
    expect(result.stderr).toMatch(/^site-up: not exported: an http check runs only inside Cronbar/m);
    expect(result.stderr).toMatch(/^queued: warning: overlap queue: Kubernetes has no queue/m);
    expect(result.stderr).toMatch(/kubernetes: 2 jobs exported, 1 not exported \(site-up\)/);
    expect(result.stderr).toContain(
      'note: each command runs in a container of alpine:3.20; a workstation command does not run by itself in a cluster',
    );
  });

  it('--strict refuses the jobs that only had warnings', async () => {
    const result = await cronbar(['export', 'crontab', 'queued', '--strict'], { home });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^queued: not exported: overlap queue: .* \(--strict\)$/m);
    const loose = await cronbar(['export', 'crontab', 'queued'], { home });
    expect(loose.code).toBe(0);
    expect(loose.stdout).toMatch(/^0 \* \* \* \* env CRONBAR_HOME=\S+ \S+ \S+ run queued$/m);
  });

  it('carries a --config given to the export into the cronbar run it writes', async () => {
    const config = path.join(home, 'elsewhere.yaml');
    fs.writeFileSync(config, JOBS);
    const result = await cronbar(['export', 'launchd', 'hello', '--config', config], { home });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(
        `<string>--config</string>\\s*<string>${config.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</string>\\s*<string>run</string>\\s*<string>hello</string>`,
      ),
    );
  });

  it('explains usage mistakes and unknown jobs', async () => {
    const noImage = await cronbar(['export', 'kubernetes'], { home });
    expect(noImage.code).toBe(2);
    expect(noImage.stderr).toContain(
      'kubernetes needs --image IMG: a workstation command does not run by itself in a cluster',
    );
    const typo = await cronbar(['export', 'sytemd'], { home });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('did you mean "systemd"?');
    const badExec = await cronbar(['export', 'systemd', '--exec', 'docker'], { home });
    expect(badExec.code).toBe(2);
    const unknown = await cronbar(['export', 'launchd', 'helo'], { home });
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('no job "helo" — did you mean "hello"?');
  });

  it('leaves the jobs file untouched', () => {
    expect(fs.readFileSync(path.join(home, 'jobs.yaml'), 'utf8')).toBe(JOBS);
  });
});
