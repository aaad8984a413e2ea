/** `/mcp` on the local HTTP API: the SDK's Streamable HTTP client with the token, and the same guard as every route. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './api-harness';

const JOBS = 'jobs:\n  - id: nightly\n    cron: "0 2 * * *"\n    command: "true"\n';
const harnesses: Harness[] = [];
const clients: Client[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
  for (const harness of harnesses.splice(0)) await harness.close();
});

async function start(options: Parameters<typeof startHarness>[1] = {}): Promise<Harness> {
  const harness = await startHarness(JOBS, options);
  harnesses.push(harness);
  return harness;
}

async function connect(api: Harness, headers: Record<string, string>): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(`${api.server.url}/mcp`), { requestInit: { headers } });
  const client = new Client({ name: 'test', version: '1' });
  await client.connect(transport);
  clients.push(client);
  return client;
}

const initialize = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});
const mcpHeaders = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

describe('/mcp on the HTTP API', () => {
  it('serves the tools to a client with the token: list_jobs, why_not_run', async () => {
    const api = await start();
    const client = await connect(api, { authorization: `Bearer ${api.token}` });
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('why_not_run');
    const jobs = await client.callTool({ name: 'list_jobs', arguments: {} });
    expect((jobs.structuredContent as { jobs: Array<{ id: string }> }).jobs.map((job) => job.id)).toEqual(['nightly']);
    const why = await client.callTool({
      name: 'why_not_run',
      arguments: { id: 'nightly', at: Date.now() + 86_400_000 },
    });
    expect(why.structuredContent).toMatchObject({ verdict: expect.stringMatching(/^(not-due-yet|not-a-fire)$/) });
  });

  it('refuses a request without the token (401) or with a foreign Origin (403), as every route', async () => {
    const api = await start();
    const noToken = await api.request({
      method: 'POST',
      path: '/mcp',
      headers: mcpHeaders,
      body: initialize,
      noToken: true,
    });
    expect(noToken.status).toBe(401);
    expect(noToken.json()).toMatchObject({ ok: false, error: { code: 'refused' } });
    const foreign = await api.request({
      method: 'POST',
      path: '/mcp',
      headers: { ...mcpHeaders, origin: 'https://evil.example' },
      body: initialize,
    });
    expect(foreign.status).toBe(403);
    // The SDK client shows the refusal as sent: what is missing and where the token comes from.
    await expect(connect(api, {})).rejects.toThrow(
      /missing \\"Authorization: Bearer <token>\\"; `cronbar api token` prints the token/,
    );
    // With the token the same raw request is answered.
    const answered = await api.request({ method: 'POST', path: '/mcp', headers: mcpHeaders, body: initialize });
    expect(answered.status).toBe(200);
    expect(answered.json()).toMatchObject({ jsonrpc: '2.0', id: 1, result: { serverInfo: { name: 'cronbar' } } });
  });

  it('is read-only unless the server allows changes', async () => {
    const readOnly = await start();
    const refused = await (
      await connect(readOnly, { authorization: `Bearer ${readOnly.token}` })
    ).callTool({ name: 'pause_job', arguments: { id: 'nightly' } });
    expect(refused.isError).toBe(true);
    expect((await readOnly.service.listJobs({}))[0]!.paused).toBe(false);

    const allowing = await start({ mcpAllowChanges: true });
    const paused = await (
      await connect(allowing, { authorization: `Bearer ${allowing.token}` })
    ).callTool({ name: 'pause_job', arguments: { id: 'nightly' } });
    expect(paused.isError ?? false).toBe(false);
    expect((await allowing.service.listJobs({}))[0]!.paused).toBe(true);
  });

  it('GET /mcp (a server-sent stream) is not offered: 405', async () => {
    const api = await start();
    expect((await api.request({ path: '/mcp', headers: { accept: 'text/event-stream' } })).status).toBe(405);
  });
});
