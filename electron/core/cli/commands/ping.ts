/** `cronbar ping <check> [--start | --fail | --exit N] [--message TEXT]`: records a check-in of a job run elsewhere. */
import type { PingKind } from '../../../../shared/model';
import { type CliArgs, UsageError, expectPositionals, stringOption } from '../args';
import { formatLocal } from '../format';
import { openPingTarget } from '../open-ping-target';

export function pingKind(args: CliArgs): { kind: PingKind; exitCode?: number } {
  const chosen = (['start', 'fail', 'exit'] as const).filter((name) => args.options[name] !== undefined);
  if (chosen.length > 1)
    throw new UsageError(`give one of --start, --fail, --exit; got ${chosen.map((name) => `--${name}`).join(' and ')}`);
  if (chosen[0] === 'start') return { kind: 'start' };
  if (chosen[0] === 'fail') return { kind: 'fail' };
  if (chosen[0] === 'exit') {
    const text = stringOption(args, 'exit')!;
    const code = Number(text);
    if (!/^\d+$/.test(text) || code > 255)
      throw new UsageError(`--exit takes an exit code 0-255, not ${JSON.stringify(text)}`);
    return { kind: 'exit', exitCode: code };
  }
  return { kind: 'success' };
}

export async function pingCommand(args: CliArgs, out: NodeJS.WritableStream): Promise<number> {
  expectPositionals(args, 1, 1, 'a check id');
  const { kind, exitCode } = pingKind(args);
  const message = stringOption(args, 'message');
  const service = await openPingTarget(args);
  try {
    const { check } = await service.ping({
      check: args.positionals[0]!,
      kind,
      ...(exitCode !== undefined ? { exitCode } : {}),
      ...(message !== undefined ? { message } : {}),
      source: 'cli',
    });
    if (args.json) {
      out.write(`${JSON.stringify(check, null, 2)}\n`);
      return 0;
    }
    const next =
      check.nextExpectedAt !== null && check.state !== 'down'
        ? `; next ping expected by ${formatLocal(check.nextExpectedAt + check.graceMs)}`
        : '';
    out.write(
      `${check.id}: ${kind}${exitCode !== undefined ? ` ${exitCode}` : ''} recorded; ${check.state}${check.reason && check.state === 'down' ? ` (${check.reason})` : ''}${next}\n`,
    );
    return 0;
  } finally {
    await service.shutdown();
  }
}
