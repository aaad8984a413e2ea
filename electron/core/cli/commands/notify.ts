/**
 * `cronbar notify test <channel>`: sends a test message through a channel of the jobs file's `notifications:` and
 * says exactly what failed; exit 1 then. `cronbar notify list`: the channels (kind and where, no secrets) and the
 * latest deliveries the scheduler recorded (sent, waiting for a retry and why, given up, dropped).
 */
import fs from 'node:fs';
import type { ChannelSpec } from '../../../../shared/config/notification-schema';
import { inlineSecretWarnings } from '../../../../shared/config/notification-schema';
import type { CliArgs } from '../args';
import { UsageError, expectPositionals } from '../args';
import { jobsFilePath, readCheckedJobsFile } from '../checked-jobs-file';
import { formatLocal, table } from '../format';
import { resolveDataDir } from '../open-from-args';
import { dataPaths } from '../../store/data-paths';
import { channelDestination } from '../../notify/channels';
import { testChannel } from '../../notify/test-channel';

const RECENT = 20;

export async function notifyCommand(
  args: CliArgs,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  const sub = args.positionals[0];
  if (sub !== 'test' && sub !== 'list')
    throw new UsageError(
      sub === undefined
        ? 'notify needs test <channel> or list'
        : `notify has test and list; not ${JSON.stringify(sub)}`,
    );
  if (sub === 'test') expectPositionals(args, 2, 2, 'test <channel>');
  else expectPositionals(args, 1, 1, 'list');
  const checked = readCheckedJobsFile(jobsFilePath(args), err);
  if (!checked.ok) return 1;
  const channels = checked.config.notifications ?? [];
  for (const warning of inlineSecretWarnings(channels)) err.write(`cronbar: warning: ${warning}\n`);
  if (sub === 'list') return listChannels(args, channels, out);

  const name = args.positionals[1]!;
  const channel = channels.find((candidate) => candidate.name === name);
  if (!channel) {
    const names = channels.map((candidate) => candidate.name);
    err.write(
      `cronbar: no channel ${JSON.stringify(name)} in notifications: (${names.length === 0 ? 'none is declared' : `declared: ${names.join(', ')}`})\n`,
    );
    return 1;
  }
  const result = await testChannel(channel);
  if (args.json) out.write(`${JSON.stringify(result, null, 2)}\n`);
  else if (result.ok)
    out.write(`${result.channel} (${result.kind} via ${result.target}): test message sent in ${result.ms} ms\n`);
  else err.write(`cronbar: ${result.channel} (${result.kind} via ${result.target}): ${result.reason}\n`);
  return result.ok ? 0 : 1;
}

async function listChannels(args: CliArgs, channels: ChannelSpec[], out: NodeJS.WritableStream): Promise<number> {
  const dbPath = dataPaths(resolveDataDir(args)).dbPath;
  // Reading the record needs a DB a scheduler made; none yet means nothing was sent.
  const deliveries = fs.existsSync(dbPath)
    ? await (async () => {
        const { openNotifyStore } = await import('../../store/notify-sqlite');
        const queue = openNotifyStore(dbPath);
        try {
          return queue.recent(RECENT);
        } finally {
          queue.close();
        }
      })()
    : [];
  if (args.json) {
    out.write(
      `${JSON.stringify(
        {
          channels: channels.map((channel) => ({
            name: channel.name,
            kind: channel.kind,
            target: channelDestination(channel),
          })),
          deliveries: deliveries.map(({ payload: _payload, ...delivery }) => delivery),
        },
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  out.write(
    channels.length === 0
      ? 'no channels: add a notifications: section to the jobs file\n'
      : `${table(
          ['CHANNEL', 'KIND', 'TO'],
          channels.map((channel) => [channel.name, channel.kind, channelDestination(channel)]),
        )}\n`,
  );
  if (deliveries.length > 0) {
    const rows = deliveries.map((delivery) => [
      formatLocal(delivery.lastTryAt ?? delivery.createdAt),
      delivery.channel,
      `${delivery.event}${delivery.subject ? ` ${delivery.subject}` : ''}`,
      delivery.status,
      String(delivery.attempts),
      delivery.reason ?? '',
    ]);
    out.write(`\n${table(['WHEN', 'CHANNEL', 'EVENT', 'STATUS', 'TRIES', 'REASON'], rows)}\n`);
  }
  return 0;
}
