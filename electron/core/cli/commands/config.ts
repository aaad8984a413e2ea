/**
 * `cronbar config log|show|diff|revert`: the jobs file's history. Each change says who made it (app, cli, api, mcp,
 * or an outside edit), which jobs it added, removed or changed, and what moves: each changed job's fires over the
 * next 7 days before and after. A revert goes through the same checked write as any edit and is a revision itself.
 */
import { type ConfigOrigin, type ConfigRevisionEntry } from '../../../../shared/config-history';
import type { CronbarService } from '../../service/types';
import type { CliArgs } from '../args';
import { UsageError, expectPositionals, stringOption } from '../args';
import { formatShort, terminalOf, wrap } from '../format';
import { openFromArgs } from '../open-from-args';
import { summaryText, whatMovesLines } from '../what-moves-lines';

const SUBCOMMANDS = ['log', 'show', 'diff', 'revert'] as const;

const WHO: Record<ConfigOrigin, string> = {
  app: 'app',
  cli: 'cli',
  api: 'api',
  mcp: 'mcp',
  outside: 'outside edit',
};

export async function configCommand(
  args: CliArgs,
  out: NodeJS.WritableStream,
  _err: NodeJS.WritableStream,
): Promise<number> {
  const sub = args.positionals[0] as (typeof SUBCOMMANDS)[number] | undefined;
  if (sub === undefined || !SUBCOMMANDS.includes(sub))
    throw new UsageError(
      sub === undefined
        ? 'config needs log, show <rev>, diff <rev> [<rev>] or revert <rev>'
        : `config has ${SUBCOMMANDS.join(', ')}; not ${JSON.stringify(sub)}`,
    );
  if (sub === 'log') expectPositionals(args, 1, 1, 'log');
  else if (sub === 'diff') expectPositionals(args, 2, 3, 'diff <rev> [<rev>]');
  else expectPositionals(args, 2, 2, `${sub} <rev>`);
  const revs = args.positionals.slice(1).map(revisionNumber);
  const jobId = stringOption(args, 'job');
  const width = terminalOf(out, args.options).width;
  const service = await openFromArgs(args);
  try {
    switch (sub) {
      case 'log':
        return await log(service, out, { jobId, limit: args.limit ?? 20, json: args.json, width });
      case 'show': {
        const revision = await service.configRevision({ rev: revs[0]! });
        if (args.json) out.write(`${JSON.stringify(revision, null, 2)}\n`);
        else out.write(revision.afterText);
        return 0;
      }
      case 'diff': {
        const diff = await service.configDiff({ rev: revs[0]!, ...(revs[1] !== undefined ? { to: revs[1] } : {}) });
        if (args.json) {
          out.write(`${JSON.stringify(diff, null, 2)}\n`);
          return 0;
        }
        out.write(diff.diff === '' ? `no difference between ${diff.fromLabel} and ${diff.toLabel}\n` : diff.diff);
        const moves = whatMovesLines(diff.moves, width);
        out.write(`\nwhat moves (the next 7 days, ${diff.fromLabel} → ${diff.toLabel}):\n`);
        out.write(moves.length > 0 ? `${moves.join('\n')}\n` : '  nothing\n');
        return 0;
      }
      case 'revert': {
        const result = await service.revertConfig({ rev: revs[0]! });
        if (args.json) {
          out.write(`${JSON.stringify(result, null, 2)}\n`);
          return 0;
        }
        if (result.rev === null) {
          out.write(`the jobs file is already as it was before revision ${revs[0]}\n`);
          return 0;
        }
        out.write(`reverted revision ${revs[0]} (and any later change): now revision ${result.rev}\n`);
        const revision = await service.configRevision({ rev: result.rev });
        out.write(`${[...whatMovesLines(revision.moves, width)].join('\n')}\n`);
        return 0;
      }
    }
  } finally {
    await service.shutdown();
  }
}

async function log(
  service: CronbarService,
  out: NodeJS.WritableStream,
  options: { jobId: string | undefined; limit: number; json: boolean; width: number },
): Promise<number> {
  const { revisions } = await service.configHistory({
    limit: Math.min(options.limit, 500),
    ...(options.jobId !== undefined ? { jobId: options.jobId } : {}),
  });
  if (options.json) {
    const withMoves = await Promise.all(
      revisions.map(async (entry) => ({ ...entry, moves: (await service.configRevision({ rev: entry.rev })).moves })),
    );
    out.write(`${JSON.stringify(withMoves, null, 2)}\n`);
    return 0;
  }
  if (revisions.length === 0) {
    out.write(
      options.jobId ? `no change of ${options.jobId} recorded yet\n` : 'no change of the jobs file recorded yet\n',
    );
    return 0;
  }
  const now = Date.now();
  const blocks: string[] = [];
  for (const entry of revisions) {
    const { moves } = await service.configRevision({ rev: entry.rev });
    const jobs =
      options.jobId === undefined ? moves : { ...moves, jobs: moves.jobs.filter((job) => job.id === options.jobId) };
    blocks.push([wrap(headline(entry, now), options.width, 4), ...whatMovesLines(jobs, options.width)].join('\n'));
  }
  out.write(`${blocks.join('\n')}\n`);
  return 0;
}

function headline(entry: ConfigRevisionEntry, now: number): string {
  const broken = entry.valid ? '' : ' [does not parse]';
  return `rev ${entry.rev}  ${formatShort(entry.at, now)}  ${WHO[entry.origin]}${broken}  ${summaryText(entry.summary)}`;
}

function revisionNumber(text: string): number {
  const value = Number(text.replace(/^rev/, ''));
  if (!Number.isInteger(value) || value < 1)
    throw new UsageError(`a revision is a number from cronbar config log (such as 12), not ${JSON.stringify(text)}`);
  return value;
}
