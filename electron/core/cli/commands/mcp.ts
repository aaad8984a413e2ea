/**
 * `cronbar mcp [--allow-changes]`: the MCP server (electron/core/mcp) over stdin/stdout, for an assistant that starts
 * it (Claude Desktop and the like). Each tool call is answered by the running scheduler over its control socket, so
 * pause state, live runs and writes are the scheduler's own; with none, by the core opened for that call and closed
 * after it, as every other command does. stdout carries only the protocol; the log goes to stderr.
 */
import type { CliArgs } from '../args';
import { expectPositionals } from '../args';
import { openFromArgs, resolveDataDir } from '../open-from-args';
import type { Result, ServiceMethodName } from '../../../../shared/api/contract';
import { type Implementation, dispatch, toApiError } from '../../../../shared/api/dispatch';
import { askScheduler } from '../../control/reach-scheduler';

declare const CRONBAR_VERSION: string | undefined;

/**
 * Methods only a scheduler can carry out: this process opens the core read-only for one call, so a run started here
 * would be recorded failed ("opened read-only") or die with the call.
 */
const NEEDS_SCHEDULER: ReadonlySet<ServiceMethodName> = new Set(['runNow']);

export async function mcpCommand(
  args: CliArgs,
  _out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  expectPositionals(args, 0, 0, '');
  const allowChanges = args.options['allow-changes'] === true;
  const dataDir = resolveDataDir(args);

  const call = async (method: ServiceMethodName, input: unknown): Promise<Result<unknown>> => {
    try {
      const asked = await askScheduler(dataDir, method, input as never, 'mcp');
      if (asked) return { ok: true, value: asked.value };
    } catch (error) {
      return { ok: false, error: toApiError(error) };
    }
    if (NEEDS_SCHEDULER.has(method)) {
      const message = `no Cronbar scheduler runs for ${dataDir}: start \`cronbar daemon\` or the app, or run the job in a terminal with \`cronbar run\``;
      return { ok: false, error: { code: 'refused', message } };
    }
    const service = await openFromArgs(args);
    try {
      return await dispatch(service.forOrigin('mcp') as unknown as Implementation, method, input);
    } finally {
      await service.shutdown();
    }
  };

  const [{ createCronbarMcpServer }, { StdioServerTransport }] = await Promise.all([
    import('../../mcp/mcp-server'),
    import('@modelcontextprotocol/sdk/server/stdio.js'),
  ]);
  // A client that writes its requests and closes stdin (a pipe, a script) still gets every answer.
  const inFlight = new Set<Promise<unknown>>();
  const tracked = (method: ServiceMethodName, input: unknown) => {
    const answer = call(method, input);
    inFlight.add(answer);
    void answer.finally(() => inFlight.delete(answer));
    return answer;
  };
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
  const drained = async () => {
    // The SDK reaches `call` after validating the input (promise turns), so look only after a turn.
    do {
      await nextTurn();
      await Promise.allSettled([...inFlight]);
    } while (inFlight.size > 0);
  };
  const server = createCronbarMcpServer({
    call: tracked,
    allowChanges,
    version: typeof CRONBAR_VERSION === 'string' ? CRONBAR_VERSION : 'dev',
  });
  const transport = new StdioServerTransport();
  err.write(
    `cronbar mcp: serving ${dataDir} on stdio, ${allowChanges ? 'changes allowed (--allow-changes)' : 'read-only (start with --allow-changes to let it run, pause and edit)'}\n`,
  );
  // Our timers are unref'd; the server lives until its client closes stdin or a signal comes.
  const keepAlive = setInterval(() => {}, 2 ** 31 - 1);
  await new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.once('end', () => void drained().then(resolve));
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
    void server.connect(transport);
  });
  clearInterval(keepAlive);
  await server.close().catch(() => {});
  return 0;
}
