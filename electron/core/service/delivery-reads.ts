/**
 * Reads the notification queue (store/notify-sqlite.ts) for the API: a run's deliveries with where each channel goes.
 * Its own connection, opened at the first question (most processes never ask) and closed with the service.
 */
import type { ChannelSpec } from '../../../shared/config/notification-schema';
import type { Delivery } from '../../../shared/deliveries';
import type { NotifyQueueStore } from '../store/notify-sqlite';

export interface DeliveryReads {
  forRun(runId: number, channels: readonly ChannelSpec[]): Promise<Delivery[]>;
  close(): void;
}

export function createDeliveryReads(dbPath: string, nativeBinding: string | undefined): DeliveryReads {
  let queue: NotifyQueueStore | null = null;
  return {
    async forRun(runId, channels) {
      // A private in-memory DB has no queue another connection could read.
      if (dbPath === ':memory:') return [];
      if (!queue) queue = (await import('../store/notify-sqlite')).openNotifyStore(dbPath, { nativeBinding });
      const rows = queue.forRun(runId);
      if (rows.length === 0) return [];
      // Loaded here, not with the service: the channels module brings the notification schema (zod) with it.
      const { channelDestination } = await import('../notify/channels');
      const byName = new Map(channels.map((channel) => [channel.name, channel]));
      return rows.map((row) => {
        const channel = byName.get(row.channel);
        return {
          channel: row.channel,
          kind: channel?.kind ?? null,
          to: channel ? channelDestination(channel) : null,
          event: row.event,
          status: row.status,
          attempts: row.attempts,
          createdAt: row.createdAt,
          lastTryAt: row.lastTryAt,
          nextTryAt: row.nextTryAt,
          reason: row.reason,
        };
      });
    },
    close() {
      queue?.close();
      queue = null;
    },
  };
}
