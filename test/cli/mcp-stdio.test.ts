/**
 * `cronbar mcp` spawned as an assistant's client does (the built CLI, the SDK's own client over stdio): the tools,
 * "why didn't it run" on a seeded night asleep, propose → apply with a stale-file refusal, the read-only refusal, and
 * every tool's structured answer checked against the output schema it lists.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { Ajv } from 'ajv';
import { afterEach, describe, expect, it } from 'vitest';
import { MCP_TOOLS } from '../../electron/core/mcp/mcp-tools';
import { realisticJobsYaml, seedRealisticHistory } from '../fixtures/window/seed-realistic-history';
import { BIN, Daemon, cronbar, tempHome } from './cli-helpers';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function homeDir(): string {
  const home = tempHome();
  cleanups.push(() => fs.rmSync(home, { recursive: true, force: true }));
  return home;
}

async function mcpClient(home: string, args: string[] = []): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'mcp', ...args],
    env: { ...process.env, CRONBAR_HOME: home } as Record<string, string>,
    stderr: 'pipe',
  });
  const client = new Client({ name: 'cronbar-test', version: '1' });
  await client.connect(transport);
  cleanups.push(() => client.close());
  return client;
}

type ToolResult = { isError?: boolean; content: Array<{ type: string; text: string }>; structuredContent?: unknown };
const call = async (client: Client, name: string, args: Record<string, unknown> = {}) =>
  (await client.callTool({ name, arguments: args }, undefined, { timeout: 30_000 })) as ToolResult;
const text = (result: ToolResult) => result.content[0]!.text;

const pad = (value: number) => String(value).padStart(2, '0');
const localDate = (ms: number) => {
  const date = new Date(ms);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
};

describe('cronbar mcp over stdio', () => {
  it('lists the jobs and answers why restic did not run at 02:00 on the night the machine slept', async () => {
    const home = homeDir();
    fs.writeFileSync(path.join(home, 'jobs.yaml'), realisticJobsYaml());
    const { asleep } = seedRealisticHistory(path.join(home, 'cronbar.db'), Date.now());
    const client = await mcpClient(home);

    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(
      expect.arrayContaining(['list_jobs', 'why_not_run', 'propose_edit']),
    );
    const jobs = (await call(client, 'list_jobs')).structuredContent as { jobs: Array<{ id: string }> };
    expect(jobs.jobs.map((job) => job.id)).toContain('restic-home');

    const night = localDate(asleep.from);
    const why = await call(client, 'why_not_run', { id: 'restic-home', at: `${night}T02:00` });
    expect(why.isError ?? false).toBe(false);
    expect(why.structuredContent).toMatchObject({
      verdict: 'caught-up',
      downtime: { kind: 'suspend', from: asleep.from, to: asleep.to },
      run: { status: 'failed', attempt: 2 },
    });
    expect((why.structuredContent as { answer: string }).answer).toContain(
      `the machine was asleep from ${night} 00:40 to ${localDate(asleep.to)} 05:34. It ran as a catch-up at ${localDate(asleep.to)} 05:34:02`,
    );
  });

  it('is read-only unless started with --allow-changes: writes are refused, saying how to allow them', async () => {
    const home = homeDir();
    const before = 'jobs:\n  - id: nightly\n    cron: "0 2 * * *"\n    command: "true"\n';
    fs.writeFileSync(path.join(home, 'jobs.yaml'), before);
    const client = await mcpClient(home);
    const proposal = await call(client, 'propose_edit', { deleteId: 'nightly' });
    expect(proposal.isError ?? false).toBe(false);
    const { token } = proposal.structuredContent as { token: string };
    const refused = await call(client, 'apply_edit', { token });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toContain('apply_edit changes things, and this Cronbar MCP server is read-only');
    expect(text(refused)).toContain('cronbar mcp --allow-changes');
    expect(fs.readFileSync(path.join(home, 'jobs.yaml'), 'utf8')).toBe(before);
  });

  it('applies a proposal only while the jobs file is as proposed on', async () => {
    const home = homeDir();
    const file = path.join(home, 'jobs.yaml');
    fs.writeFileSync(file, 'jobs:\n  # mine\n  - id: nightly\n    cron: "0 2 * * *"\n    command: "true"\n');
    const client = await mcpClient(home, ['--allow-changes']);
    const patch = { job: { id: 'nightly', cron: '0 14 * * *', command: 'true' }, replaceId: 'nightly' };

    const stale = (await call(client, 'propose_edit', patch)).structuredContent as { token: string };
    const outside = fs.readFileSync(file, 'utf8').replace('# mine', '# mine, edited by hand');
    fs.writeFileSync(file, outside);
    const refused = await call(client, 'apply_edit', { token: stale.token });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toContain('apply_edit failed (conflict): jobs.yaml changed since this edit was proposed');
    expect(fs.readFileSync(file, 'utf8')).toBe(outside);

    const fresh = (await call(client, 'propose_edit', patch)).structuredContent as {
      token: string;
      summary: { changed: unknown };
    };
    expect(fresh.summary.changed).toEqual([{ id: 'nightly', fields: ['cron'] }]);
    const applied = await call(client, 'apply_edit', { token: fresh.token });
    expect(applied.isError ?? false).toBe(false);
    expect(fs.readFileSync(file, 'utf8')).toContain('# mine, edited by hand');
    expect(fs.readFileSync(file, 'utf8')).toContain('cron: "0 14 * * *"');
    // The jobs file's history says who made the change.
    const log = JSON.parse((await cronbar(['config', 'log', '--json'], { home })).stdout) as Array<{ origin: string }>;
    expect(log[0]!.origin).toBe('mcp');
  });

  it("answers every tool, through a running daemon, with structured content valid against the tool's output schema", async () => {
    const home = homeDir();
    fs.writeFileSync(
      path.join(home, 'jobs.yaml'),
      'jobs:\n  - id: hello\n    cron: "0 0 1 1 *"\n    command: "echo hello"\nchecks:\n  - id: nas\n    every: 1d\n',
    );
    const daemon = new Daemon(home);
    cleanups.push(async () => void (await daemon.stop('SIGKILL')));
    await daemon.waitFor(/scheduling 1 jobs/, 15_000);
    const client = await mcpClient(home, ['--allow-changes']);
    const { tools } = await client.listTools();
    const ajv = new Ajv({ strict: false });
    const called = new Set<string>();
    const checked = async (name: string, args: Record<string, unknown> = {}) => {
      const result = await call(client, name, args);
      expect(result.isError ?? false, `${name}: ${text(result)}`).toBe(false);
      const schema = tools.find((tool) => tool.name === name)!.outputSchema!;
      const validate = ajv.compile(schema);
      expect(validate(result.structuredContent), `${name}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      expect(JSON.parse(text(result))).toEqual(result.structuredContent);
      called.add(name);
      return result.structuredContent as Record<string, unknown>;
    };

    const run = await checked('run_now', { id: 'hello' });
    const runId = run.runId as number;
    expect(runId).toBeGreaterThan(0);
    await daemon.waitFor(new RegExp(`run ${runId} hello succeeded`), 15_000);
    await checked('get_run', { runId });
    expect(((await checked('run_log', { runId })) as { text: string }).text).toBe('hello\n');
    await checked('history', { jobId: 'hello' });
    await checked('cancel_run', { runId });
    // The yearly job's last two slots, run by the daemon (forwarded over its socket) as backfill runs.
    const from = Date.UTC(new Date().getUTCFullYear() - 2, 0, 2);
    const slots = { id: 'hello', from, to: Date.now(), overlap: 'parallel' };
    const backfill = (await checked('backfill', slots)) as { runs: Array<{ runId: number }>; by: string };
    expect(backfill.by).toMatch(/^the daemon/);
    for (const { runId: slotRun } of backfill.runs)
      await daemon.waitFor(new RegExp(`run ${slotRun} hello succeeded`), 15_000);
    expect(backfill.runs).toHaveLength(2);
    await checked('list_jobs');
    await checked('get_job', { id: 'hello' });
    await checked('list_checks');
    await checked('list_channels');
    await checked('run_deliveries', { runId });
    await checked('get_check', { id: 'nas' });
    await checked('next_runs');
    await checked('status');
    await checked('downtime');
    await checked('job_durations', { id: 'hello' });
    await checked('why_not_run', { id: 'hello', at: Date.now() - 86_400_000 });
    const config = await checked('read_config');
    await checked('validate_config', { text: config.text });
    await checked('import_preview', {
      format: 'crontab',
      files: [{ name: 'crontab', text: '0 5 * * * echo from cron\n' }],
    });
    const proposal = await checked('propose_edit', { job: { id: 'added', every: '1h', command: 'true' } });
    await checked('apply_edit', { token: proposal.token });
    const log = JSON.parse((await cronbar(['config', 'log', '--json'], { home })).stdout) as Array<{ origin: string }>;
    expect(log[0]!.origin).toBe('mcp'); // through the daemon's socket too
    await checked('pause_job', { id: 'hello', until: Date.now() + 3_600_000 });
    await checked('resume_job', { id: 'hello' });
    await checked('pause_all', { until: Date.now() + 3_600_000 });
    await checked('resume_all');
    await checked('set_job_enabled', { id: 'added', enabled: false });
    // Last: the revert takes the proposed job away again.
    const revisions = (await checked('config_log')) as { revisions: Array<{ rev: number }> };
    const newest = revisions.revisions[0]!.rev;
    await checked('config_revision', { rev: newest });
    await checked('config_diff', { rev: newest });
    await checked('revert_config', { rev: newest });
    expect([...called].sort()).toEqual(MCP_TOOLS.map((row) => row.name).sort());
  }, 60_000);
});

describe('cronbar mcp fed by a pipe', () => {
  it('answers every request written before stdin closed, then exits 0', async () => {
    const home = homeDir();
    fs.writeFileSync(
      path.join(home, 'jobs.yaml'),
      'jobs:\n  - id: nightly\n    cron: "0 2 * * *"\n    command: "true"\n',
    );
    const requests = [
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'sh', version: '1' } },
      },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      {
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: { name: 'why_not_run', arguments: { id: 'nightly', at: '02:00' } },
      },
    ];
    const result = await cronbar(['mcp'], {
      home,
      input: requests.map((request) => JSON.stringify(request)).join('\n') + '\n',
    });
    expect(result.code, result.stderr).toBe(0);
    const answers = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: number; result: { structuredContent?: { verdict: string } } });
    expect(answers.map((answer) => answer.id)).toEqual([1, 2]);
    expect(answers[1]!.result.structuredContent?.verdict).toBe('no-scheduler');
    expect(result.stderr).toContain('read-only (start with --allow-changes');
  });
});
