/**
 * The Model Context Protocol server of Cronbar, built from the contract: every row of MCP_TOOLS becomes a tool whose
 * input schema is its method's, whose output schema is its method's (lists wrapped in an object), and whose answer is
 * the method's answer through the same `call` the other faces use. Changes are refused unless allowed. Transports
 * (stdio for `cronbar mcp`, Streamable HTTP at `/mcp`) are the caller's; the SDK loads only with this module.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { type ApiError, type Result, type ServiceMethodName, contract } from '../../../shared/api/contract';
import { formatConfigIssue } from '../../../shared/model';
import { MCP_TOOLS, type McpToolRow, readOnlyRefusal } from './mcp-tools';

export interface CronbarMcpOptions {
  /** Calls a contract method: the scheduler's dispatch, or this process's service. */
  call(method: ServiceMethodName, input: unknown): Promise<Result<unknown>>;
  /** Off by default: every tool that is not read-only answers with the refusal. */
  allowChanges: boolean;
  version: string;
}

/** The object schema a tool's structured answer has: the method's output, or `{ [wrap]: output }` for a list. */
export function toolOutputSchema(row: McpToolRow): z.ZodObject {
  const output = contract[row.method].output as z.ZodType;
  if (output instanceof z.ZodObject && row.wrap === undefined) return output;
  if (row.wrap === undefined)
    throw new Error(`MCP tool ${row.name}: ${row.method}'s output is not an object; give wrap`);
  return z.object({ [row.wrap]: output });
}

export function toolDescription(row: McpToolRow, allowChanges: boolean): string {
  const lines = [contract[row.method].doc];
  if (row.hint) lines.push(row.hint);
  if (!row.readOnly && !allowChanges) lines.push('Refused here: this server was started read-only.');
  return lines.join(' ');
}

export function createCronbarMcpServer(options: CronbarMcpOptions): McpServer {
  const server = new McpServer(
    { name: 'cronbar', version: options.version },
    {
      instructions:
        'Cronbar runs this machine’s recurring jobs. Times are epoch milliseconds (UTC); why_not_run also takes 02:00 or 2026-12-07T02:00 in the job’s zone. Propose edits with propose_edit and apply them with apply_edit only after the admin agreed.',
    },
  );
  for (const row of MCP_TOOLS) {
    const outputSchema = toolOutputSchema(row);
    server.registerTool(
      row.name,
      {
        description: toolDescription(row, options.allowChanges),
        inputSchema: contract[row.method].input as z.ZodObject,
        outputSchema,
        annotations: {
          readOnlyHint: row.readOnly,
          ...(row.readOnly ? {} : { destructiveHint: row.destructive === true }),
          ...(row.idempotent ? { idempotentHint: true } : {}),
          // Cronbar acts on this machine only: no web, no other services.
          openWorldHint: false,
        },
      },
      async (input: unknown): Promise<CallToolResult> => {
        if (!row.readOnly && !options.allowChanges) return failure(readOnlyRefusal(row.name));
        const result = await options.call(row.method, input);
        if (!result.ok) return failure(describeError(row.name, result.error));
        // Parsed with the contract's schema, so the answer holds what the schema says and nothing beside it.
        const structured = outputSchema.parse(row.wrap === undefined ? result.value : { [row.wrap]: result.value });
        return { structuredContent: structured, content: [{ type: 'text', text: JSON.stringify(structured) }] };
      },
    );
  }
  return server;
}

function failure(text: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text }] };
}

function describeError(tool: string, error: ApiError): string {
  const issues = (error.issues ?? []).map((issue) => `\n  ${formatConfigIssue(issue)}`).join('');
  return `${tool} failed (${error.code}): ${error.message}${issues}`;
}
