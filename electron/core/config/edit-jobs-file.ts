/**
 * Edits to the jobs file made from the app, as text → text. The admin's file is theirs: every byte outside the
 * edited job stays as it was (comments, blank lines, quoting, alignment), so the edit is a splice into the original
 * text at the positions the YAML parser reports, not a re-serialisation of the whole document.
 */
import { isDeepStrictEqual } from 'node:util';
import {
  Document,
  type Node,
  type Pair,
  Scalar,
  type YAMLMap,
  type YAMLSeq,
  isCollection,
  isMap,
  isScalar,
  isSeq,
} from 'yaml';
import { CronbarError } from '../../../shared/api/cronbar-error';
import { parseJobsText, parseYaml } from './load-jobs-file';

/** Sets `enabled:` on one job. Enabling a job that has no `enabled:` key changes nothing (true is the default). */
export function setJobEnabled(text: string, id: string, enabled: boolean): string {
  const { doc, item } = findJob(text, id);
  const pair = pairOf(item, 'enabled');
  if (pair && isScalar(pair.value) && pair.value.range) {
    const [start, end] = pair.value.range;
    return splice(text, start, end, String(enabled));
  }
  if (pair) return fallback(doc, () => item.set('enabled', enabled));
  if (enabled) return text;
  const idPair = pairOf(item, 'id')!;
  const idEnd = (idPair.value as Node).range![1];
  if (item.flow) return splice(text, idEnd, idEnd, ', enabled: false');
  const keyStart = (idPair.key as Node).range![0];
  const indent = ' '.repeat(keyStart - lineStart(text, keyStart));
  return insertLine(text, lineEnd(text, idEnd), `${indent}enabled: false`);
}

/**
 * Replaces the job `replaceId` in place (same position, its comments kept on the keys that stay), or appends `job`
 * after the last job when `replaceId` is not given.
 */
export function upsertJob(text: string, job: Record<string, unknown>, replaceId?: string): string {
  const id = job.id;
  if (typeof id !== 'string' || id === '') throw new CronbarError('invalid-input', 'the job needs an id');
  if (replaceId !== undefined) return replaceJob(text, job, id, replaceId);
  return appendJobs(text, [job]);
}

/**
 * Appends jobs after the last job, in order, keeping every byte of the file above them. One parse for all of them,
 * so an import of 10 000 jobs is one edit, not 10 000.
 */
export function appendJobs(text: string, jobs: ReadonlyArray<Record<string, unknown>>): string {
  if (jobs.length === 0) return text;
  const { doc, jobsPair } = openJobs(text);
  for (const job of jobs) {
    if (typeof job.id !== 'string' || job.id === '') throw new CronbarError('invalid-input', 'the job needs an id');
    if (findItem(jobsPair, job.id))
      throw new CronbarError('conflict', `a job with id ${JSON.stringify(job.id)} already exists`);
  }
  const seq = jobsPair?.value;
  const blocks = (dash: string, separated: boolean) =>
    jobs
      .map((job) => indentBlock(renderJob(job), dash, ' '.repeat(dash.length)).replace(/\n$/, ''))
      .join(separated ? '\n\n' : '\n');

  // No `jobs:` key at all: add the section at the end.
  if (!jobsPair) {
    const prefix = text === '' || text.endsWith('\n') ? text : `${text}\n`;
    return `${prefix}jobs:\n${blocks('  - ', false)}\n`;
  }
  const keyStart = (jobsPair.key as Node).range![0];
  const keyIndent = keyStart - lineStart(text, keyStart);

  if (isSeq(seq) && !seq.flow && seq.items.length > 0) {
    const items = seq.items as Node[];
    const last = items[items.length - 1]!;
    const lastStart = last.range![0];
    const dash = text.slice(lineStart(text, lastStart), lastStart);
    const separated = items.slice(1).some((item) => item.spaceBefore === true);
    return insertLine(
      text,
      lineEnd(text, lastContentEnd(text, last)),
      `${separated ? '\n' : ''}${blocks(dash, separated)}`,
    );
  }
  // `jobs:` with nothing under it (every job deleted or commented out), or `jobs: []`.
  const dash = `${' '.repeat(keyIndent + 2)}- `;
  const block = blocks(dash, false);
  if (seq === null || (isScalar(seq) && seq.value === null)) {
    const keyEnd = (jobsPair.key as Node).range![1];
    return insertLine(text, lineEnd(text, keyEnd), block);
  }
  if (isSeq(seq) && seq.items.length === 0 && seq.range) {
    const colon = text.lastIndexOf(':', seq.range[0]);
    return splice(text, colon + 1, seq.range[1], `\n${block}`);
  }
  // A non-empty flow list (`jobs: [ … ]`): rare enough to re-serialise.
  return fallback(doc, () => {
    for (const job of jobs) (seq as YAMLSeq).add(jobNode(doc, job));
  });
}

/** Removes a job, with the comment lines directly above it (they describe it). */
export function deleteJob(text: string, id: string): string {
  const { doc, jobsPair, item } = findJob(text, id);
  const seq = jobsPair.value as YAMLSeq;
  if (seq.flow) return fallback(doc, () => seq.items.splice(seq.items.indexOf(item), 1));
  const itemStart = item.range![0];
  let start = lineStart(text, itemStart);
  const dashIndent = /^\s*/.exec(text.slice(start, itemStart))![0].length;
  // Attached comment lines: directly above, at the dash's indentation.
  for (let above = previousLine(text, start); above !== null; above = previousLine(text, above.start)) {
    const indent = /^\s*/.exec(above.text)![0].length;
    if (!above.text.trimStart().startsWith('#') || indent !== dashIndent) break;
    start = above.start;
  }
  let end = lineEnd(text, lastContentEnd(text, item));
  // Keep one blank line between the neighbours, not two, and none right under `jobs:`.
  const blankAbove = previousLine(text, start)?.text.trim() === '';
  const wasFirst = seq.items.indexOf(item) === 0;
  const next = text.slice(end, lineEnd(text, end));
  if ((blankAbove || wasFirst) && next.trim() === '' && end < text.length) end = lineEnd(text, end);
  return text.slice(0, start) + text.slice(end);
}

// ---------------------------------------------------------------------------------------------------------------

function replaceJob(text: string, job: Record<string, unknown>, id: string, replaceId: string): string {
  const { doc, jobsPair, item } = findJob(text, replaceId);
  if (id !== replaceId && findItem(jobsPair, id))
    throw new CronbarError('conflict', `a job with id ${JSON.stringify(id)} already exists`);
  return (!item.flow && spliceJobKeys(text, doc, item, job)) || rerenderJob(text, doc, item, job);
}

/**
 * Edits a block-style job key by key, as text: unchanged keys keep their exact bytes (quotes, alignment, comments),
 * changed values are replaced where they stand, removed keys lose their lines, new keys go after the last one.
 * Returns null for layouts it does not handle, and the caller re-renders the job instead.
 */
function spliceJobKeys(text: string, doc: Document, item: YAMLMap, job: Record<string, unknown>): string | null {
  const edits: Array<{ start: number; end: number; insert: string }> = [];
  const pairs = item.items;
  const firstKey = pairs[0]?.key as Node | undefined;
  if (!firstKey?.range) return null;
  const keyIndent = firstKey.range[0] - lineStart(text, firstKey.range[0]);
  let lastEnd = 0;
  for (const pair of pairs) {
    const key = keyOf(pair);
    const keyNode = pair.key as Node;
    const value = pair.value as Node | null;
    if (!keyNode.range || (value !== null && !value.range)) return null;
    const valueEnd = value ? lastContentEnd(text, value) + 1 : keyNode.range[1];
    lastEnd = Math.max(lastEnd, valueEnd);
    const wanted = job[key];
    if (wanted === undefined) {
      // The first key shares its line with the list's `- `: removing that line would take the dash with it.
      if (pair === pairs[0]) return null;
      edits.push({ start: lineStart(text, keyNode.range[0]), end: lineEnd(text, valueEnd - 1), insert: '' });
      continue;
    }
    if (value && isDeepStrictEqual(value.toJSON(), wanted)) continue;
    const node = valueNode(doc, key, wanted);
    if (isCollection(value) && isCollection(node) && value.flow) node.flow = true;
    // From the end of the key, so a block value (on the next lines) is replaced along with the `:` before it.
    edits.push({ start: keyNode.range[1], end: valueEnd, insert: renderValue(node, keyIndent) });
  }
  const present = new Set(pairs.map(keyOf));
  const added = Object.entries(job).filter(([key, value]) => value !== undefined && !present.has(key));
  if (added.length > 0) {
    const lines = added.map(
      ([key, value]) => `${' '.repeat(keyIndent)}${key}${renderValue(valueNode(doc, key, value), keyIndent)}`,
    );
    const at = lineEnd(text, lastEnd - 1);
    edits.push({
      start: at,
      end: at,
      insert: `${at === text.length && !text.endsWith('\n') ? '\n' : ''}${lines.join('\n')}\n`,
    });
  }
  return edits
    .sort((a, b) => b.start - a.start)
    .reduce((current, edit) => splice(current, edit.start, edit.end, edit.insert), text);
}

/** `: value` for a scalar or a one-line collection, `:\n    key: value…` for a block collection. */
function renderValue(node: Node, keyIndent: number): string {
  const rendered = render(node).replace(/\n$/, '');
  if (!rendered.includes('\n') || !isCollection(node) || node.flow) return `: ${rendered}`;
  return `:\n${indentBlock(rendered, ' '.repeat(keyIndent + 2), ' '.repeat(keyIndent + 2)).replace(/\n$/, '')}`;
}

/** The whole job rendered again (one-line jobs, unusual layouts); comments on unchanged values survive. */
function rerenderJob(text: string, doc: Document, item: YAMLMap, job: Record<string, unknown>): string {
  for (const pair of [...item.items]) {
    const key = keyOf(pair);
    if (job[key] === undefined) item.delete(key);
  }
  for (const [key, value] of Object.entries(job)) {
    if (value === undefined) continue;
    const existing = item.get(key, true) as Node | undefined;
    if (existing !== undefined && isDeepStrictEqual(existing.toJSON(), value)) continue;
    const node = valueNode(doc, key, value);
    if (existing) {
      node.comment = existing.comment;
      if (isCollection(existing) && isCollection(node)) node.flow = existing.flow;
    }
    item.set(key, node);
  }
  const itemStart = item.range![0];
  const regionStart = lineStart(text, itemStart);
  const dash = text.slice(regionStart, itemStart);
  const regionEnd = lineEnd(text, lastContentEnd(text, item));
  // Comments before and after the item lie outside the region we replace; render only what is inside.
  item.commentBefore = undefined;
  item.spaceBefore = false;
  item.comment = undefined;
  const rendered = indentBlock(render(item), dash, ' '.repeat(dash.length));
  const endsWithNewline = text.slice(regionStart, regionEnd).endsWith('\n');
  return (
    text.slice(0, regionStart) + (endsWithNewline ? rendered : rendered.replace(/\n$/, '')) + text.slice(regionEnd)
  );
}

interface OpenedJobs {
  doc: Document.Parsed;
  /** The `jobs:` pair of the top-level map, if any. */
  jobsPair: Pair | undefined;
}

function openJobs(text: string): OpenedJobs {
  const doc = parseYaml(text);
  if (doc.errors.length > 0) {
    const parsed = parseJobsText(text);
    const issues = parsed.ok ? [] : parsed.issues;
    throw new CronbarError(
      'invalid-config',
      `the jobs file has ${issues.length} YAML error${issues.length === 1 ? '' : 's'}; fix ${issues.length === 1 ? 'it' : 'them'} first`,
      issues,
    );
  }
  if (doc.contents === null) return { doc, jobsPair: undefined };
  if (!isMap(doc.contents)) throw new CronbarError('invalid-config', 'the top level of the jobs file is not a map');
  return { doc, jobsPair: pairOf(doc.contents, 'jobs') };
}

function findJob(text: string, id: string): OpenedJobs & { jobsPair: Pair; item: YAMLMap } {
  const opened = openJobs(text);
  const item = findItem(opened.jobsPair, id);
  if (!item || !opened.jobsPair)
    throw new CronbarError('not-found', `no job with id ${JSON.stringify(id)} in the jobs file`);
  return { ...opened, jobsPair: opened.jobsPair, item };
}

function findItem(jobsPair: Pair | undefined, id: string): YAMLMap | undefined {
  const seq = jobsPair?.value;
  if (!isSeq(seq)) return undefined;
  return seq.items.find((item): item is YAMLMap => isMap(item) && item.get('id') === id);
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((pair) => keyOf(pair) === key);
}

function keyOf(pair: Pair): string {
  return String(isScalar(pair.key) ? pair.key.value : pair.key);
}

/** Re-serialises the whole document: only for shapes the splicing does not handle (flow lists of jobs). */
function fallback(doc: Document, edit: () => unknown): string {
  edit();
  return doc.toString({ lineWidth: 0 });
}

function render(node: Node): string {
  const single = new Document();
  single.contents = node;
  return single.toString({ lineWidth: 0 });
}

function renderJob(job: Record<string, unknown>): string {
  const doc = new Document();
  const node = jobNode(doc, job);
  return render(node);
}

function jobNode(doc: Document, job: Record<string, unknown>): YAMLMap {
  const map = doc.createNode({}) as YAMLMap;
  for (const [key, value] of Object.entries(job)) if (value !== undefined) map.set(key, valueNode(doc, key, value));
  return map;
}

/** Cron patterns are quoted (an unquoted one starting with `*` is a YAML alias); small maps and lists stay on one line. */
function valueNode(doc: Document, key: string, value: unknown): Node {
  const node = doc.createNode(value) as Node;
  if (key === 'cron' && node instanceof Scalar) node.type = Scalar.QUOTE_DOUBLE;
  if (isCollection(node) && isCompact(node)) node.flow = true;
  return node;
}

function isCompact(node: YAMLMap | YAMLSeq): boolean {
  const values = isMap(node) ? node.items.map((pair) => pair.value) : node.items;
  return values.length <= 5 && values.every((value) => isScalar(value) && String(value.value).length <= 40);
}

// ---------------------------------------------------------------------------------------------------------------
// Text positions

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

/** Puts `line` (no trailing newline) at `at`, which is a line start (or the end of the text). */
function insertLine(text: string, at: number, line: string): string {
  const before = text.slice(0, at);
  const needsBreak = before !== '' && !before.endsWith('\n');
  return `${before}${needsBreak ? '\n' : ''}${line}\n${text.slice(at)}`;
}

/** Prefixes the first line with `first` (`  - `) and the others with `rest` (spaces), leaving empty lines empty. */
function indentBlock(block: string, first: string, rest: string): string {
  const lines = block.replace(/\n$/, '').split('\n');
  return `${lines.map((line, index) => (index === 0 ? first + line : line === '' ? '' : rest + line)).join('\n')}\n`;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset just after the newline that ends the line holding `offset` (or the end of the text). */
function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

/** The offset of the last character of a node's value (its range end includes trailing whitespace). */
function lastContentEnd(text: string, node: Node): number {
  let end = node.range![1];
  while (end > node.range![0] && /\s/.test(text[end - 1]!)) end--;
  return end - 1;
}

function previousLine(text: string, start: number): { start: number; text: string } | null {
  if (start === 0) return null;
  const previousStart = lineStart(text, start - 1);
  return { start: previousStart, text: text.slice(previousStart, start - 1) };
}

export { deleteChannel, upsertChannel } from './edit-channels';
