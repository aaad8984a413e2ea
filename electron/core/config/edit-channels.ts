/**
 * The window's Settings edits the `notifications:` section one channel at a time, as text → text like the job edits
 * (edit-jobs-file.ts): a channel is written as one flow map on its own line, and every byte outside it stays (the
 * admin's comments, the other channels, the jobs). Written where the parser placed it; a new section goes at the top.
 */
import { type Node, type Pair, type YAMLMap, isMap, isScalar, parseDocument, stringify } from 'yaml';
import { CronbarError } from '../../../shared/api/cronbar-error';
import { CHANNEL_NAME_PATTERN } from '../../../shared/config/notification-schema';

const lineStart = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;
const lineEnd = (text: string, at: number) => {
  const end = text.indexOf('\n', at);
  return end < 0 ? text.length : end + 1;
};
/** The end of a node's own text (a block node's range runs through its trailing newline and comments). */
const contentEnd = (text: string, node: Node) => {
  let end = node.range![1];
  while (end > node.range![0] && /\s/.test(text[end - 1]!)) end--;
  return end;
};

function flowOf(channel: Record<string, unknown>): string {
  return stringify(channel, { collectionStyle: 'flow', lineWidth: 0 }).trim();
}

function sectionOf(text: string): { map: YAMLMap | null; pair: Pair | undefined } {
  const doc = parseDocument(text);
  if (doc.errors.length > 0)
    throw new CronbarError('invalid-config', `the jobs file is not valid YAML: ${doc.errors[0]!.message}`);
  const map = isMap(doc.contents) ? doc.contents : null;
  const pair = map?.items.find((item) => isScalar(item.key) && item.key.value === 'notifications');
  return { map, pair };
}

function channelPair(section: Pair | undefined, name: string): Pair | undefined {
  return isMap(section?.value)
    ? section.value.items.find((item) => isScalar(item.key) && item.key.value === name)
    : undefined;
}

/** Adds the channel `name`, or replaces it where it is. */
export function upsertChannel(text: string, name: string, channel: Record<string, unknown>): string {
  if (!CHANNEL_NAME_PATTERN.test(name))
    throw new CronbarError(
      'invalid-input',
      `${JSON.stringify(name)} is not a channel name: 1-64 letters, digits, dots, dashes or underscores`,
    );
  const line = `${name}: ${flowOf(channel)}`;
  const { map, pair: section } = sectionOf(text);
  const existing = channelPair(section, name);
  if (existing && existing.value) {
    // From the key's end: a block value starts on the next line, and becomes one line.
    const keyEnd = (existing.key as Node).range![1];
    return `${text.slice(0, keyEnd)}: ${flowOf(channel)}${text.slice(contentEnd(text, existing.value as Node))}`;
  }
  const value = section?.value as Node | null | undefined;
  if (section && isMap(value) && !value.flow && value.items.length > 0) {
    const first = value.items[0]!.key as Node;
    const indent = ' '.repeat(first.range![0] - lineStart(text, first.range![0]));
    const last = value.items.at(-1)!;
    const end = lineEnd(text, contentEnd(text, (last.value ?? last.key) as Node));
    return `${text.slice(0, end)}${end === text.length && !text.endsWith('\n') ? '\n' : ''}${indent}${line}\n${text.slice(end)}`;
  }
  if (section && (value === null || (isScalar(value) && value.value === null))) {
    const keyEnd = (section.key as Node).range![1];
    const end = lineEnd(text, keyEnd);
    // `notifications:` alone (or with `~`/`null`): the channel goes on the next line.
    const head = text.slice(0, keyEnd + 1).replace(/\s*(~|null)?\s*$/, '');
    return `${head.endsWith(':') ? head : `${head}:`}\n  ${line}\n${text.slice(end)}`;
  }
  if (section)
    throw new CronbarError(
      'invalid-input',
      'notifications: is written as a flow map or is not a map; add the channel in the jobs file itself',
    );
  // No section: at the top, after the leading comments (the file's header stays the header).
  const firstKey = map?.items[0]?.key as Node | undefined;
  const at = firstKey?.range ? lineStart(text, firstKey.range[0]) : text.length;
  const prefix = text.slice(0, at);
  return `${prefix}${prefix !== '' && !prefix.endsWith('\n') ? '\n' : ''}notifications:\n  ${line}\n${at < text.length ? '\n' : ''}${text.slice(at)}`;
}

/** Removes the channel `name` (its lines only). */
export function deleteChannel(text: string, name: string): string {
  const { pair: section } = sectionOf(text);
  const existing = channelPair(section, name);
  if (!existing || !isMap(section!.value) || section!.value.flow)
    throw new CronbarError('not-found', `no channel ${JSON.stringify(name)} in notifications:`);
  const start = lineStart(text, (existing.key as Node).range![0]);
  const end = lineEnd(text, contentEnd(text, (existing.value ?? existing.key) as Node));
  const next = text.slice(0, start) + text.slice(end);
  // The last channel gone: an empty `notifications:` is valid YAML (null) and the schema takes it as none.
  return next;
}
