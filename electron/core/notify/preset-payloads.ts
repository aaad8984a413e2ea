/**
 * The preset channels' bodies, each in its service's own format, built from the one message (message.ts). Pure, so
 * each shape is tested as the service documents it:
 * - Slack incoming webhooks: `text` (the fallback for notifications) and Block Kit `blocks`.
 * - Discord webhooks: one embed (title, description, colour, fields, timestamp); 4096 characters at most in a
 *   description, so the output is cut from the front.
 * - Teams workflow webhooks ("When a Teams webhook request is received"): a message with one Adaptive Card attachment.
 * - Gotify: POST /message with title, message, priority and the markdown display extra.
 */
import type { DiscordSettings, GotifySettings } from '../../../shared/config/notification-schema';
import type { NotificationMessage } from './message';

/** Events that are a problem, as opposed to good news or a test. */
const PROBLEMS = new Set(['failure', 'summary', 'down', 'overdue', 'missed', 'slow', 'flapping']);
export const isProblem = (message: NotificationMessage) => PROBLEMS.has(message.event);

/** The facts of a run as label/value pairs (shared by every card). */
function facts(message: NotificationMessage): Array<[string, string]> {
  const rows: Array<[string, string]> = [['Host', message.host]];
  if (message.job) rows.push(['Job', `${message.job.name} (${message.job.id})`], ['Schedule', message.job.schedule]);
  if (message.check) rows.push(['Check', `${message.check.name} (${message.check.id})`]);
  const run = message.run;
  if (run) {
    rows.push([
      'Run',
      `${run.id}, ${run.status}${run.exitCode !== null ? `, exit code ${run.exitCode}` : run.signal ? `, ${run.signal}` : ''}`,
    ]);
    if (run.durationMs !== null) rows.push(['Duration', `${(run.durationMs / 1000).toFixed(1)} s`]);
    if (run.reason) rows.push(['Why', run.reason]);
  }
  return rows;
}

const codeBlock = (lines: string[]) => `\`\`\`\n${lines.join('\n').replaceAll('```', "'''")}\n\`\`\``;

/** The last output lines that fit in `limit` characters with their code fence (newest kept). */
function tailWithin(lines: string[], limit: number): string[] {
  const kept: string[] = [];
  let size = 8;
  for (let index = lines.length - 1; index >= 0; index--) {
    size += lines[index]!.length + 1;
    if (size > limit) break;
    kept.unshift(lines[index]!);
  }
  return kept;
}

export function slackBody(message: NotificationMessage): Record<string, unknown> {
  const tail = message.run?.outputTail ?? [];
  const more = [...message.subjects.map((subject) => `• ${subject}`)];
  const blocks: Array<Record<string, unknown>> = [
    { type: 'header', text: { type: 'plain_text', text: message.title.slice(0, 150), emoji: true } },
    { type: 'section', text: { type: 'mrkdwn', text: message.text.slice(0, 3000) } },
    {
      type: 'section',
      fields: facts(message)
        .slice(0, 10)
        .map(([label, value]) => ({ type: 'mrkdwn', text: `*${label}*\n${value}`.slice(0, 2000) })),
    },
  ];
  if (more.length > 0) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: more.join('\n').slice(0, 3000) } });
  // A section's text holds 3000 characters.
  if (tail.length > 0)
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: codeBlock(tailWithin(tail, 3000)) } });
  if (message.seeMore)
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `The whole output: \`${message.seeMore}\`` }] });
  return { text: `${message.title}: ${message.text}`, blocks };
}

const DISCORD_RED = 0xd93025;
const DISCORD_GREEN = 0x1e8e3e;
const DISCORD_GREY = 0x5f6368;

export function discordBody(discord: DiscordSettings, message: NotificationMessage): Record<string, unknown> {
  const tail = message.run?.outputTail ?? [];
  const parts = [message.text, ...message.subjects.map((subject) => `- ${subject}`)];
  const head = parts.join('\n').slice(0, 2000);
  const description = tail.length > 0 ? `${head}\n${codeBlock(tailWithin(tail, 4096 - head.length - 1))}` : head;
  return {
    username: discord.username ?? 'Cronbar',
    // Mentions in output (@everyone) must not ping a whole server.
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title: message.title.slice(0, 256),
        description,
        color: isProblem(message) ? DISCORD_RED : message.event === 'test' ? DISCORD_GREY : DISCORD_GREEN,
        timestamp: message.at,
        fields: facts(message)
          .slice(0, 25)
          .map(([name, value]) => ({ name, value: value.slice(0, 1024), inline: name !== 'Why' })),
        ...(message.seeMore ? { footer: { text: `The whole output: ${message.seeMore}` } } : {}),
      },
    ],
  };
}

export function teamsBody(message: NotificationMessage): Record<string, unknown> {
  const tail = message.run?.outputTail ?? [];
  const body: Array<Record<string, unknown>> = [
    {
      type: 'TextBlock',
      text: message.title,
      size: 'Medium',
      weight: 'Bolder',
      color: isProblem(message) ? 'Attention' : 'Good',
      wrap: true,
    },
    { type: 'TextBlock', text: message.text, wrap: true },
    { type: 'FactSet', facts: facts(message).map(([title, value]) => ({ title, value })) },
  ];
  if (message.subjects.length > 0)
    body.push({ type: 'TextBlock', text: message.subjects.map((subject) => `- ${subject}`).join('\n'), wrap: true });
  if (tail.length > 0) body.push({ type: 'TextBlock', text: tail.join('\n'), fontType: 'Monospace', wrap: true });
  if (message.seeMore)
    body.push({ type: 'TextBlock', text: `The whole output: ${message.seeMore}`, isSubtle: true, wrap: true });
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body,
        },
      },
    ],
  };
}

export const GOTIFY_DEFAULT_PRIORITY = 8;
const GOTIFY_GOOD_NEWS_PRIORITY = 4;

export function gotifyBody(gotify: GotifySettings, message: NotificationMessage): Record<string, unknown> {
  const tail = message.run?.outputTail ?? [];
  const lines = [message.text, ...message.subjects.map((subject) => `- ${subject}`)];
  if (tail.length > 0) lines.push('', codeBlock(tail));
  if (message.seeMore) lines.push('', `The whole output: \`${message.seeMore}\``);
  return {
    title: message.title,
    message: lines.join('\n'),
    priority: isProblem(message) ? (gotify.priority ?? GOTIFY_DEFAULT_PRIORITY) : GOTIFY_GOOD_NEWS_PRIORITY,
    extras: { 'client::display': { contentType: 'text/markdown' } },
  };
}
