/**
 * `cronbar notify test <channel>`: one test message through a channel, now, outside the queue, and what failed in
 * words (DNS, connection refused, TLS, the login, an HTTP status with the answer's first line), secrets masked.
 */
import type { ChannelSpec } from '../../../shared/config/notification-schema';
import type { ChannelTestResult } from '../../../shared/deliveries';
import { channelTarget, sendThrough } from './channels';
import { describeDeliveryError } from './delivery-error';
import { testMessage } from './message';
import { type ChannelSecrets, mask, readSecrets, secretValuesOf } from './secrets';

export type { ChannelTestResult };

export async function testChannel(
  channel: ChannelSpec,
  env: NodeJS.ProcessEnv = process.env,
  now: () => number = Date.now,
): Promise<ChannelTestResult> {
  const started = now();
  let secrets: ChannelSecrets | null = null;
  const result = (ok: boolean, reason: string | null): ChannelTestResult => ({
    channel: channel.name,
    kind: channel.kind,
    target: mask(channelTarget(channel, secrets), secrets?.values ?? []),
    ok,
    reason,
    ms: now() - started,
  });
  try {
    secrets = readSecrets(channel, env);
    await sendThrough(channel, testMessage(channel.name, started), secrets);
    return result(true, null);
  } catch (error) {
    const { reason } = describeDeliveryError(error, channelTarget(channel, secrets));
    return result(false, mask(reason, secrets?.values ?? secretValuesOf(channel, env)));
  }
}
