/**
 * `/mcp`: the MCP server (electron/core/mcp) over Streamable HTTP, behind the same request guard as every route
 * (Host, Origin, bearer token: the onRequest hook in api-server.ts runs first). Stateless: each POST gets its own
 * server and transport answering with JSON, as the SDK's stateless pattern does, so nothing is kept between requests
 * and a client's session costs the scheduler nothing. The SDK loads at the first request.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { type Implementation, dispatch } from '../../../shared/api/dispatch';

export const MCP_PATH = '/mcp';

export interface McpRouteOptions {
  /** Off by default: tools that change anything answer with the read-only refusal. */
  allowChanges: boolean;
  version: string;
}

const loadMcp = () =>
  Promise.all([import('../mcp/mcp-server'), import('@modelcontextprotocol/sdk/server/streamableHttp.js')]);

export function registerMcpRoute(app: FastifyInstance, implementation: Implementation, options: McpRouteOptions): void {
  let loaded: ReturnType<typeof loadMcp> | null = null;
  app.post(MCP_PATH, async (request, reply) => {
    const [{ createCronbarMcpServer }, { StreamableHTTPServerTransport }] = await (loaded ??= loadMcp());
    const server = createCronbarMcpServer({
      call: (method, input) => dispatch(implementation, method, input),
      allowChanges: options.allowChanges,
      version: options.version,
    });
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    // The transport writes the answer itself.
    reply.hijack();
    reply.raw.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(request.raw, reply.raw, request.body);
  });
  // No server-sent stream and no session to end in stateless mode: the transport's own answer to them.
  const notAllowed = async (_request: unknown, reply: FastifyReply) =>
    reply
      .code(405)
      .header('allow', 'POST')
      .send({
        jsonrpc: '2.0',
        error: { code: -32000, message: 'Method not allowed: POST JSON-RPC to /mcp' },
        id: null,
      });
  app.get(MCP_PATH, notAllowed);
  app.delete(MCP_PATH, notAllowed);
}
