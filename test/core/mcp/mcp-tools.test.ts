/** The MCP tools derived from the contract, served in-process to the SDK's own client (InMemoryTransport). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterEach, describe, expect, it } from 'vitest';
import { serviceMethods, type ServiceMethodName } from '../../../shared/api/contract';
import { dispatch, type Implementation } from '../../../shared/api/dispatch';
import { createCronbarMcpServer } from '../../../electron/core/mcp/mcp-server';
import { MCP_TOOLS, NOT_TOOLS } from '../../../electron/core/mcp/mcp-tools';
import { openCronbar } from '../../../electron/core/service/open-cronbar';
import type { CronbarService } from '../../../electron/core/service/types';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const JOBS = 'jobs:\n  - id: nightly\n    cron: "0 2 * * *"\n    command: "true"\n';

async function connected(allowChanges: boolean): Promise<{ client: Client; service: CronbarService }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cronbar-mcp-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, 'jobs.yaml'), JOBS);
  const service = await openCronbar({ dataDir: dir, schedule: false, runs: false });
  cleanups.push(async () => void (await service.shutdown({ graceMs: 0 })));
  const server = createCronbarMcpServer({
    call: (method, input) => dispatch(service as unknown as Implementation, method, input),
    allowChanges,
    version: 'test',
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'test', version: '1' });
  await client.connect(clientSide);
  cleanups.push(() => client.close());
  return { client, service };
}

const writeTools = MCP_TOOLS.filter((row) => !row.readOnly);

describe('the tool table', () => {
  it('gives every service method a tool or a reason it is none; names are unique snake_case', () => {
    const methods = Object.keys(serviceMethods) as ServiceMethodName[];
    const tooled = new Set(MCP_TOOLS.map((row) => row.method));
    for (const method of methods)
      expect(
        tooled.has(method) || NOT_TOOLS[method] !== undefined,
        `${method}: add a row to MCP_TOOLS or NOT_TOOLS`,
      ).toBe(true);
    for (const method of Object.keys(NOT_TOOLS)) expect(tooled.has(method as ServiceMethodName)).toBe(false);
    const names = MCP_TOOLS.map((row) => row.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });
});

describe('tools/list', () => {
  it("lists each tool with its method's schemas as JSON Schema and hints that say whether it changes anything", async () => {
    const { client } = await connected(false);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(MCP_TOOLS.map((row) => row.name));
    for (const tool of tools) {
      const row = MCP_TOOLS.find((candidate) => candidate.name === tool.name)!;
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.outputSchema?.type, tool.name).toBe('object');
      expect(tool.description).toContain(serviceMethods[row.method].doc);
      expect(tool.annotations?.readOnlyHint, tool.name).toBe(row.readOnly);
      if (!row.readOnly) expect(tool.annotations?.destructiveHint, tool.name).toBe(row.destructive === true);
    }
    const why = tools.find((tool) => tool.name === 'why_not_run')!;
    expect(why.inputSchema.required).toEqual(['id', 'at']);
    expect(tools.find((tool) => tool.name === 'apply_edit')?.annotations).toMatchObject({ destructiveHint: true });
    expect(tools.find((tool) => tool.name === 'list_jobs')?.outputSchema?.required).toEqual(['jobs']);
  });
});

describe('read-only unless allowed', () => {
  it('refuses every tool that changes something, saying how to allow it, and changes nothing', async () => {
    const { client, service } = await connected(false);
    const inputs: Record<string, Record<string, unknown>> = {
      apply_edit: { token: 'x' },
      run_now: { id: 'nightly' },
      backfill: { id: 'nightly', from: Date.now() - 3 * 86_400_000, to: Date.now(), dryRun: true },
      cancel_run: { runId: 1 },
      pause_job: { id: 'nightly' },
      resume_job: { id: 'nightly' },
      pause_all: {},
      resume_all: {},
      set_job_enabled: { id: 'nightly', enabled: false },
      revert_config: { rev: 1 },
    };
    for (const row of writeTools) {
      expect(inputs[row.name], `an input for ${row.name}`).toBeDefined();
      const result = await client.callTool({ name: row.name, arguments: inputs[row.name] });
      expect(result.isError, row.name).toBe(true);
      expect((result.content as Array<{ text: string }>)[0]!.text).toBe(
        `${row.name} changes things, and this Cronbar MCP server is read-only: nothing was done. The admin can allow changes by starting it with \`cronbar mcp --allow-changes\`.`,
      );
    }
    const [job] = await service.listJobs({});
    expect(job).toMatchObject({ paused: false, enabled: true });
    expect((await service.status({})).pausedAll).toBe(false);
  });

  it('with changes allowed, pause_job pauses the job until the time given', async () => {
    const { client, service } = await connected(true);
    const until = Date.now() + 3_600_000;
    const result = await client.callTool({ name: 'pause_job', arguments: { id: 'nightly', until } });
    expect(result.isError ?? false).toBe(false);
    expect((await service.listJobs({}))[0]).toMatchObject({ paused: true, pausedUntil: until });
  });

  it("a method's error comes back as the tool's error, with the code and message", async () => {
    const { client } = await connected(false);
    const result = await client.callTool({ name: 'get_job', arguments: { id: 'nope' } });
    expect(result.isError).toBe(true);
    expect((result.content as Array<{ text: string }>)[0]!.text).toMatch(/^get_job failed \(not-found\): /);
  });
});
