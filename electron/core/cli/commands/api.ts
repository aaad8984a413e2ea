/**
 * `cronbar api token [--rotate]`: the HTTP API's bearer token (made on first use in `<data>/api-token`, mode 0600).
 * The token goes to stdout alone, so `$(cronbar api token)` works; where the API is served, if anywhere, goes to stderr.
 */
import type { CliArgs } from '../args';
import { UsageError, expectPositionals } from '../args';
import { terminalWidth, wrap } from '../format';
import { resolveDataDir } from '../open-from-args';
import { readEndpoint } from '../../http/api-endpoint-file';
import { readOrCreateToken, rotateToken, tokenPath } from '../../http/api-token';

export async function apiCommand(
  args: CliArgs,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  expectPositionals(args, 1, 1, 'token');
  if (args.positionals[0] !== 'token')
    throw new UsageError(`api has one subcommand, token; not ${JSON.stringify(args.positionals[0])}`);
  const dataDir = resolveDataDir(args);
  const rotate = args.options.rotate === true;
  const token = rotate ? rotateToken(dataDir) : readOrCreateToken(dataDir);
  const endpoint = readEndpoint(dataDir);
  if (args.json) {
    const served = endpoint ? { url: endpoint.url, kind: endpoint.kind, pid: endpoint.pid } : null;
    out.write(`${JSON.stringify({ token, tokenPath: tokenPath(dataDir), rotated: rotate, served }, null, 2)}\n`);
    return 0;
  }
  out.write(`${token}\n`);
  const where = endpoint
    ? `served at ${endpoint.url} by the ${endpoint.kind} (pid ${endpoint.pid})${rotate ? '; it takes the new token at once' : ''}`
    : 'not served now: start `cronbar daemon --listen 127.0.0.1:7370`, or turn on "Local HTTP API" in the app\'s settings';
  err.write(
    `${wrap(`${rotate ? 'new token written to' : 'token in'} ${tokenPath(dataDir)}; the API is ${where}`, terminalWidth(err))}\n`,
  );
  return 0;
}
