/** `cronbar daemon --listen …`: the HTTP API options, checked before the daemon starts, and the server. */
import type { CliArgs } from '../args';
import { UsageError, stringOption } from '../args';
import type { ApiServer } from '../../http/api-server';
import { ListenAddressError, type ListenAddress, parseListen } from '../../http/listen-address';
import { normaliseOrigin } from '../../http/request-guard';
import type { CronbarService } from '../../service/types';

declare const CRONBAR_VERSION: string | undefined;

export type ApiServerHandle = Pick<ApiServer, 'close' | 'url'>;

export interface DaemonApiOptions {
  listen: ListenAddress;
  listenText: string;
  metricsNoAuth: boolean;
  allowedOrigins: string[];
  mcpAllowChanges: boolean;
}

export function apiOptionsFromArgs(args: CliArgs): DaemonApiOptions | null {
  const listenText = stringOption(args, 'listen');
  const metricsNoAuth = args.options['metrics-no-auth'] === true;
  const origins = (args.options['allow-origin'] ?? []) as string[];
  const mcpAllowChanges = args.options['mcp-allow-changes'] === true;
  if (listenText === undefined) {
    const without = metricsNoAuth
      ? '--metrics-no-auth'
      : origins.length > 0
        ? '--allow-origin'
        : mcpAllowChanges
          ? '--mcp-allow-changes'
          : null;
    if (without) throw new UsageError(`${without} needs --listen`);
    return null;
  }
  let listen: ListenAddress;
  try {
    listen = parseListen(listenText);
  } catch (error) {
    if (error instanceof ListenAddressError) throw new UsageError(error.message);
    throw error;
  }
  const allowedOrigins = origins.map((origin) => {
    try {
      return normaliseOrigin(origin);
    } catch {
      throw new UsageError(`--allow-origin ${JSON.stringify(origin)}: not an origin such as https://dash.example:8443`);
    }
  });
  return { listen, listenText, metricsNoAuth, allowedOrigins, mcpAllowChanges };
}

/** Fastify and prom-client load only here, so a daemon without --listen does not pay for them. */
export async function serveApi(
  service: CronbarService,
  options: DaemonApiOptions,
  log: (line: string) => void,
): Promise<ApiServerHandle> {
  const { startApiServer } = await import('../../http/api-server');
  return startApiServer({
    service,
    listen: options.listen,
    metricsNoAuth: options.metricsNoAuth,
    allowedOrigins: options.allowedOrigins,
    mcpAllowChanges: options.mcpAllowChanges,
    kind: 'daemon',
    version: typeof CRONBAR_VERSION === 'string' ? CRONBAR_VERSION : 'dev',
    log,
  });
}
