/**
 * Tells the admin through the jobs file's channels (mail, webhook, ntfy, a hook) what the desktop tells with toasts.
 *
 * Off the fire path: the service's events only land in an in-memory inbox (a push and a setImmediate); the inbox is
 * judged later by the desktop's own NotifyPolicy, one instance per channel, so the same rate limit and summary apply
 * per channel (50 failures in a storm are one summary per channel, a job failing every minute one message an hour).
 * What the policy decides becomes a row of the SQLite queue (store/notify-sqlite.ts) before anything is sent, and each
 * channel sends its rows in order, one at a time, retrying with doubling delays; a mail server down for an hour, or a
 * restart meanwhile, loses nothing. Secrets are read when sending and masked in every reason and log line.
 */
import type { EventName, EventPayload } from '../../../shared/api/contract';
import type { CheckSpec } from '../../../shared/config/check-schema';
import type { ChannelSpec } from '../../../shared/config/notification-schema';
import { inlineSecretWarnings } from '../../../shared/config/notification-schema';
import type { JobSpec, JobsConfig } from '../../../shared/config/schema';
import type { RunRecord } from '../../../shared/model';
import { type ChainIndex, chainIndex, heldBackBy } from '../engine/chains';
import { checkAlert, overdueAlert, slowAlert } from './monitor-alerts';
import { HELD_BACK, type MonitorAlert, type Notice, NotifyPolicy, lastOutputLine } from './notify-policy';
import type { Clock, Store, TimerHandle } from '../ports';
import { type NotifyQueueStore, type QueuedMessage, openNotifyStore } from '../store/notify-sqlite';
import { channelTarget, sendThrough } from './channels';
import { describeDeliveryError } from './delivery-error';
import { type NotificationMessage, buildMessage } from './message';
import { mask, readSecrets, secretValuesOf } from './secrets';

/** Pending messages a channel may hold; past it the oldest are dropped (and recorded so). */
export const DEFAULT_QUEUE_LIMIT = 1000;
/** A message still failing after this long is given up. */
export const GIVE_UP_AFTER_MS = 24 * 3_600_000;
/** Finished rows are kept this long (the run detail shows them). */
const KEEP_FINISHED_MS = 30 * 86_400_000;
/** A summary lists the jobs that failed this recently. */
const SUMMARY_MEMORY_MS = 120_000;

type Subscribe = <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => () => void;

export interface NotifierOptions {
  dbPath: string;
  nativeBinding?: string;
  clock: Clock;
  log: (line: string) => void;
  /** The config in force (reloads included). */
  config: () => JobsConfig;
  store: Pick<Store, 'getRun' | 'getRunOutput'>;
  on: Subscribe;
  env?: NodeJS.ProcessEnv;
  queueLimit?: number;
  /** Each job's stored failure streak at start, so a recovery right after a restart is still said. */
  failureStreaks?: () => Map<string, number>;
}

export interface Notifier {
  /** Sends what the policies still hold to the queue, waits for the sends under way, closes the queue. */
  stop(): Promise<void>;
  /** Resolves when nothing is in the inbox and no send is under way (tests, the bench). */
  idle(): Promise<void>;
}

type InboxItem =
  | { type: 'run'; run: RunRecord }
  | { type: 'overdue'; payload: EventPayload<'job:overdue'> }
  | { type: 'check'; payload: EventPayload<'check:changed'> }
  | { type: 'slow'; payload: EventPayload<'run:slow'> };

interface ChannelState {
  policy: NotifyPolicy;
  flushTimer: TimerHandle | null;
  retryTimer: TimerHandle | null;
  sending: Promise<void> | null;
  /** Jobs and checks that went into the policy lately, for a summary's full list. */
  failed: Map<string, { name: string; at: number }>;
  troubled: Map<string, { name: string; at: number }>;
}

export function createNotifier(options: NotifierOptions): Notifier {
  const { clock, log } = options;
  const env = options.env ?? process.env;
  const queueLimit = options.queueLimit ?? DEFAULT_QUEUE_LIMIT;
  const queue: NotifyQueueStore = openNotifyStore(options.dbPath, { nativeBinding: options.nativeBinding });
  queue.prune(clock.now() - KEEP_FINISHED_MS);

  const states = new Map<string, ChannelState>();
  let inbox: InboxItem[] = [];
  let drainScheduled = false;
  let stopped = false;
  let idleWaiters: Array<() => void> = [];

  // Lookups rebuilt only when the config object changes (a reload).
  let indexedConfig: JobsConfig | null = null;
  let jobsById = new Map<string, JobSpec>();
  let checksById = new Map<string, CheckSpec>();
  let channelsByName = new Map<string, ChannelSpec>();
  let childrenOf: ChainIndex = new Map();
  const index = () => {
    const config = options.config();
    if (config === indexedConfig) return;
    indexedConfig = config;
    jobsById = new Map(config.jobs.map((job) => [job.id, job]));
    checksById = new Map((config.checks ?? []).map((check) => [check.id, check]));
    channelsByName = new Map((config.notifications ?? []).map((channel) => [channel.name, channel]));
    childrenOf = chainIndex(config.jobs);
    for (const warning of inlineSecretWarnings(config.notifications ?? [])) log(`notify: ${warning}`);
  };

  const state = (channel: string): ChannelState => {
    let existing = states.get(channel);
    if (!existing) {
      existing = {
        policy: new NotifyPolicy(),
        flushTimer: null,
        retryTimer: null,
        sending: null,
        failed: new Map(),
        troubled: new Map(),
      };
      const streaks = options.failureStreaks?.();
      if (streaks) for (const [jobId, streak] of streaks) existing.policy.seed(jobId, streak);
      states.set(channel, existing);
    }
    return existing;
  };

  const channelsOf = (names: readonly string[] | undefined) => (names ?? []).filter((name) => channelsByName.has(name));

  // The fire path's whole share: a push and, once per turn, a setImmediate.
  const receive = (item: InboxItem) => {
    if (stopped) return;
    inbox.push(item);
    if (!drainScheduled) {
      drainScheduled = true;
      setImmediate(drain);
    }
  };
  const unsubscribe = [
    options.on('run:finished', (run) => receive({ type: 'run', run })),
    options.on('job:overdue', (payload) => receive({ type: 'overdue', payload })),
    options.on('check:changed', (payload) => receive({ type: 'check', payload })),
    options.on('run:slow', (payload) => receive({ type: 'slow', payload })),
  ];

  function drain(): void {
    drainScheduled = false;
    const items = inbox;
    inbox = [];
    index();
    const now = clock.now();
    const touched = new Set<string>();
    for (const item of items) {
      if (item.type === 'run') {
        const job = jobsById.get(item.run.jobId);
        if (!job) continue;
        for (const name of channelsOf(job.notify.channels)) {
          const channel = state(name);
          const event = {
            run: item.run,
            jobName: job.name,
            prefs: job.notify,
            lastLine: null,
            heldBack: heldBack(job, item.run),
          };
          if (channel.policy.push(event, now)) touched.add(name);
          if (item.run.status === 'failed' || item.run.status === 'timed-out')
            channel.failed.set(job.id, { name: job.name, at: now });
        }
        continue;
      }
      const routed = alertFor(item);
      if (!routed) continue;
      for (const name of routed.channels) {
        const channel = state(name);
        if (channel.policy.pushAlert(routed.alert, now)) touched.add(name);
        if (routed.alert.kind === 'overdue' || routed.alert.kind === 'check-down')
          channel.troubled.set(routed.subject, { name: routed.alert.name, at: now });
      }
    }
    for (const name of touched) scheduleFlush(name);
    settleIdle();
  }

  /** The `on: success` children a final failure of `job` holds back, by name (their skipped rows raise nothing). */
  function heldBack(job: JobSpec, run: RunRecord): string[] {
    const children = childrenOf.get(job.id);
    if (!children) return [];
    const named = children.map((link) => ({ name: jobsById.get(link.child)?.name ?? link.child, on: link.on }));
    return heldBackBy(run, job.retry.attempts, named);
  }

  function alertFor(item: Exclude<InboxItem, { type: 'run' }>): {
    alert: MonitorAlert;
    channels: string[];
    subject: string;
  } | null {
    if (item.type === 'check') {
      const alert = checkAlert(item.payload);
      const check = checksById.get(item.payload.check.id);
      if (!alert || !check) return null;
      return { alert, channels: channelsOf(check.notify.channels), subject: `check:${check.id}` };
    }
    const jobId = item.type === 'overdue' ? item.payload.jobId : item.payload.run.jobId;
    const job = jobsById.get(jobId);
    if (!job) return null;
    if (item.type === 'overdue') {
      if (job.notify.overdue === false) return null;
      return { alert: overdueAlert(item.payload), channels: channelsOf(job.notify.channels), subject: `job:${jobId}` };
    }
    if (job.notify.slow === false) return null;
    return {
      alert: slowAlert(item.payload, job.name),
      channels: channelsOf(job.notify.channels),
      subject: `job:${jobId}`,
    };
  }

  function scheduleFlush(name: string): void {
    const channel = state(name);
    const due = channel.policy.nextFlushAt();
    if (channel.flushTimer !== null) clock.clearTimeout(channel.flushTimer);
    channel.flushTimer = null;
    if (due === null || stopped) return;
    channel.flushTimer = clock.setTimeout(
      () => {
        channel.flushTimer = null;
        flush(name);
        scheduleFlush(name);
        pump(name);
      },
      Math.max(0, due - clock.now()),
    );
  }

  /** The policy's notices for a channel, as queue rows. */
  function flush(name: string): void {
    index();
    const channel = state(name);
    const now = clock.now();
    for (const notice of channel.policy.flush(now)) {
      try {
        const message = messageFor(notice, channel, now);
        const { dropped } = queue.enqueue(
          {
            channel: name,
            event: message.event,
            subject: message.job?.id ?? message.check?.id ?? null,
            runId: message.run?.id ?? null,
            createdAt: now,
            payload: JSON.stringify(message),
          },
          queueLimit,
        );
        if (dropped.length > 0)
          log(
            `notify: ${name}: ${dropped.length} old message${dropped.length === 1 ? '' : 's'} dropped (${queueLimit} waiting)`,
          );
      } catch (error) {
        log(`notify: ${name}: could not queue "${notice.title}": ${(error as Error).message}`);
      }
    }
  }

  function messageFor(notice: Notice, channel: ChannelState, now: number): NotificationMessage {
    const target = notice.target;
    const jobId = 'jobId' in target ? target.jobId : null;
    const run = target.view === 'run' ? options.store.getRun(target.runId) : null;
    const wantsOutput = run !== null && run.outputBytes > 0;
    const output = wantsOutput ? (options.store.getRunOutput(run.id)?.text ?? null) : null;
    let subjects: string[] | undefined;
    if (notice.kind === 'summary') {
      const recent = notice.title.includes('failed') ? channel.failed : channel.troubled;
      subjects = [...recent.values()].filter((entry) => now - entry.at < SUMMARY_MEMORY_MS).map((entry) => entry.name);
      recent.clear();
    }
    // The policy was given no output line (reading it per failure would cost the storm); a failure's text gets it now.
    const line =
      output !== null && (notice.kind === 'failure' || notice.kind === 'timeout') ? lastOutputLine(output) : null;
    const checkId = notice.kind === 'check-down' || notice.kind === 'check-up' ? checkOf(notice) : null;
    return buildMessage({
      notice: line && !notice.body.includes(line) ? { ...notice, body: withLastLine(notice.body, line) } : notice,
      at: now,
      job: jobId === null ? null : (jobsById.get(jobId) ?? null),
      check: checkId === null ? null : (checksById.get(checkId) ?? null),
      run,
      output,
      subjects,
    });
  }

  /** Checks are named in their notice's title only: find the one whose name it starts with. */
  function checkOf(notice: Notice): string | null {
    for (const check of checksById.values()) if (notice.title.startsWith(`${check.name} `)) return check.id;
    return null;
  }

  function pump(name: string): void {
    const channel = state(name);
    if (channel.sending || stopped) return;
    channel.sending = sendPending(name, channel).finally(() => {
      channel.sending = null;
      settleIdle();
    });
  }

  async function sendPending(name: string, channel: ChannelState): Promise<void> {
    for (;;) {
      if (stopped) return;
      const message = queue.nextPending(name);
      if (!message) return;
      const now = clock.now();
      if (message.nextTryAt !== null && message.nextTryAt > now) {
        if (channel.retryTimer !== null) clock.clearTimeout(channel.retryTimer);
        channel.retryTimer = clock.setTimeout(() => {
          channel.retryTimer = null;
          pump(name);
        }, message.nextTryAt - now);
        return;
      }
      await deliver(name, message);
    }
  }

  async function deliver(name: string, message: QueuedMessage): Promise<void> {
    index();
    const spec = channelsByName.get(name);
    const now = () => clock.now();
    if (!spec) {
      queue.markFailed(message.id, now(), `the channel ${name} is no longer in the jobs file`);
      return;
    }
    let secretValues = secretValuesOf(spec, env);
    let target = spec.kind;
    try {
      const secrets = readSecrets(spec, env);
      secretValues = secrets.values;
      target = channelTarget(spec, secrets) as typeof target;
      await sendThrough(spec, JSON.parse(message.payload) as NotificationMessage, secrets);
      queue.markSent(message.id, now());
      log(
        `notify: ${name}: sent ${message.event}${message.subject ? ` for ${message.subject}` : ''}${message.attempts > 0 ? ` (attempt ${message.attempts + 1})` : ''}`,
      );
    } catch (error) {
      const described = describeDeliveryError(error, target);
      const reason = mask(described.reason, secretValues);
      const age = now() - message.createdAt;
      if (described.retryable && age < GIVE_UP_AFTER_MS) {
        const delay = Math.min(spec.retryMaxDelayMs, spec.retryDelayMs * 2 ** Math.min(message.attempts, 30));
        queue.markRetry(message.id, now(), now() + delay, reason);
        log(
          `notify: ${name}: ${message.event} not sent (attempt ${message.attempts + 1}): ${reason}; next try in ${Math.round(delay / 1000)} s`,
        );
      } else {
        queue.markFailed(message.id, now(), reason);
        log(
          `notify: ${name}: ${message.event} given up after ${message.attempts + 1} attempt${message.attempts === 0 ? '' : 's'}: ${reason}`,
        );
      }
    }
  }

  function settleIdle(): void {
    if (inbox.length > 0 || drainScheduled) return;
    if ([...states.values()].some((channel) => channel.sending !== null)) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  // What an earlier process left unsent goes out now.
  for (const { channel } of queue.pendingChannels()) pump(channel);

  return {
    async stop() {
      if (stopped) return;
      for (const off of unsubscribe) off();
      // What came in this turn and what the policies hold for their settle delay go into the queue, not away.
      if (inbox.length > 0) drain();
      for (const [name, channel] of states) {
        if (channel.flushTimer !== null) clock.clearTimeout(channel.flushTimer);
        if (channel.retryTimer !== null) clock.clearTimeout(channel.retryTimer);
        if (channel.policy.nextFlushAt() !== null) flush(name);
      }
      stopped = true;
      await Promise.all([...states.values()].map((channel) => channel.sending));
      queue.close();
    },
    idle() {
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        settleIdle();
      });
    },
  };
}

/** `exit code 3` + the last line → `exit code 3: compile error`, before a failure's `; held back: …` (chains). */
function withLastLine(body: string, line: string): string {
  const held = body.indexOf(HELD_BACK);
  return held < 0 ? `${body}: ${line}` : `${body.slice(0, held)}: ${line}${body.slice(held)}`;
}
