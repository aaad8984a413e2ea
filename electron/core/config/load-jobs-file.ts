/**
 * Reads the jobs file: YAML → schema check → the resolved `JobsConfig`. Every problem comes back at once, each placed
 * at file:line:col of the node the admin has to fix.
 *
 * Positions cost: `yaml`'s document with a LineCounter takes ~4 s for 100 000 jobs. A valid file needs none, so the
 * plain value is read first (load-plain-yaml.ts) and checked; the positioned document is built only when there is a
 * problem to place (or js-yaml declined the text), and then it decides everything, as it always did.
 */
import path from 'node:path';
import type { z } from 'zod';
import {
  type Document,
  LineCounter,
  type Node,
  isAlias,
  isCollection,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
} from 'yaml';
import { JobsFileSchema, type JobsConfig, normalizeJobsFile } from '../../../shared/config/schema';
import type { ConfigIssue } from '../../../shared/model';
import { readJobsText } from './jobs-file-text';
import { loadPlainYaml } from './load-plain-yaml';
import { type Segment, schemaProblems } from './schema-issues';

export interface ParseJobsOptions {
  /** The name the admin knows the file by, used in every issue (`jobs.yaml`). */
  fileName?: string;
  /** The zone for jobs without `timezone:` (default: the system zone). */
  timezone?: string;
}

export type ParseJobsResult =
  | {
      ok: true;
      config: JobsConfig;
      /** Each job as written in the file (before defaults), in file order: the editor's starting point. */
      sources: Record<string, unknown>[];
    }
  | { ok: false; issues: ConfigIssue[] };

export type ReadJobsResult = ParseJobsResult & { text: string; version: string };

export { jobsTextVersion } from './jobs-file-text';

/**
 * The most values that aliases may stand for in one file, once written out. Far above a real file's (2 000 jobs
 * sharing a 10-variable `env:` make 42 000), far below what would stall the daemon: an alias bomb of nine levels of
 * ten is a billion values in 300 bytes. What counts is the written-out size, not how often aliases are used.
 */
const MAX_ALIASED_VALUES = 1_000_000;

/** Shared by the loader and the editors: one YAML dialect everywhere. */
export function parseYaml(text: string, lineCounter?: LineCounter): Document.Parsed {
  // prettyErrors would append a source excerpt to each message; we report line:col ourselves.
  return parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    keepSourceTokens: false,
    uniqueKeys: true,
    merge: true,
  });
}

/** Never throws: whatever goes wrong reading the text is a placed problem, so a bad file cannot stop the daemon. */
export function parseJobsText(text: string, options: ParseJobsOptions = {}): ParseJobsResult {
  try {
    const plain = loadPlainYaml(text);
    if (isPlainMap(plain)) {
      const parsed = JobsFileSchema.safeParse(plain);
      if (parsed.success) return accepted(plain, parsed.data, options);
    }
    return parseWithPositions(text, options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const file = options.fileName ?? 'jobs.yaml';
    return { ok: false, issues: [{ file, line: 1, col: 1, path: '', message: `cannot read this file: ${message}` }] };
  }
}

/** The plain value of a YAML text, aliases and merge keys resolved within the same bound as the jobs file's. */
export function yamlValue(text: string): unknown {
  const doc = parseYaml(text);
  expandAliases(doc);
  return doc.toJS();
}

function isPlainMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function accepted(raw: unknown, file: z.output<typeof JobsFileSchema>, options: ParseJobsOptions): ParseJobsResult {
  const zone = options.timezone;
  const config = zone === undefined ? normalizeJobsFile(file) : normalizeJobsFile(file, zone);
  const rawJobs = (raw as { jobs?: unknown }).jobs;
  const sources = Array.isArray(rawJobs) ? (rawJobs as Record<string, unknown>[]) : [];
  return { ok: true, config, sources };
}

/** The path of record: `yaml`'s document, every YAML and schema problem placed. */
function parseWithPositions(text: string, options: ParseJobsOptions): ParseJobsResult {
  const file = options.fileName ?? 'jobs.yaml';
  const lineCounter = new LineCounter();
  const doc = parseYaml(text, lineCounter);
  const at = (offset: number, pathText: string, message: string): ConfigIssue => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, col, path: pathText, message };
  };

  if (doc.errors.length > 0) {
    // yaml often reports one mistake several times on the same line (an unquoted `* * * * *` is three errors).
    const seenLines = new Set<number>();
    const issues: ConfigIssue[] = [];
    for (const error of doc.errors) {
      const issue = at(error.pos[0], '', yamlMessage(error.message, text, error.pos[0]));
      if (seenLines.has(issue.line)) continue;
      seenLines.add(issue.line);
      issues.push(issue);
    }
    return { ok: false, issues };
  }

  const contents = doc.contents;
  if (contents !== null && !isMap(contents)) {
    const start = isNode(contents) ? (contents.range?.[0] ?? 0) : 0;
    const what = isSeq(contents) ? 'a list' : 'a single value';
    return {
      ok: false,
      issues: [
        at(
          start,
          '',
          `the top level must be a map with a \`jobs:\` list (and optionally \`defaults:\`, \`concurrency:\`, \`version:\`), not ${what}`,
        ),
      ],
    };
  }

  try {
    expandAliases(doc);
  } catch (error) {
    if (!(error instanceof AliasProblem)) throw error;
    return { ok: false, issues: [at(error.offset, '', error.message)] };
  }
  // An empty file (or one with only comments) is valid: no jobs.
  const raw: unknown = doc.toJS() ?? {};
  const parsed = JobsFileSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    const issues = schemaProblems(parsed.error.issues).map((problem) =>
      at(locate(doc, problem.path, problem.key), formatPath(problem.path), problem.message),
    );
    return { ok: false, issues: sortIssues(dedupe(issues)) };
  }
  return accepted(raw, parsed.data, options);
}

class AliasProblem extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Puts in place of each alias the node it names, so `toJS` and the positions read the file as if written out. yaml's
 * own alias handling is not used: it refuses a file that uses one anchor 100 times, throws (with no position) on an
 * alias with no anchor, and looks each alias up by scanning the document (quadratic in the number of aliases).
 * Throws an AliasProblem at the alias with no anchor, the alias inside its own anchor, the `<<:` that is not a map,
 * or the alias that takes the written-out size past MAX_ALIASED_VALUES.
 */
function expandAliases(doc: Document): void {
  /** The node each anchor names at this point of the document: yaml's rule, the last one before the alias. */
  const anchors = new Map<string, Node>();
  /** Values in each finished anchored node, counted written out. */
  const sizes = new Map<Node, number>();
  /** Nodes being walked: an alias to one of them would contain itself. */
  const open = new Set<Node>();
  let aliasedValues = 0;

  /** The size of `node` written out; `replace` puts an alias's node in its place. */
  const walk = (node: unknown, replace: (target: Node) => void): number => {
    if (isAlias(node)) {
      const offset = node.range?.[0] ?? 0;
      const target = anchors.get(node.source);
      if (!target)
        throw new AliasProblem(
          offset,
          `*${node.source} names no anchor: an alias needs a value marked &${node.source} before it`,
        );
      if (open.has(target))
        throw new AliasProblem(
          offset,
          `*${node.source} is inside the value marked &${node.source}: a value cannot contain itself`,
        );
      const size = sizes.get(target) ?? 1;
      aliasedValues += size;
      if (aliasedValues > MAX_ALIASED_VALUES)
        throw new AliasProblem(
          offset,
          `aliases here stand for more than ${MAX_ALIASED_VALUES} values once written out (an alias bomb?); write the values out or use fewer aliases`,
        );
      replace(target);
      return size;
    }
    if (!isNode(node)) return 0;
    if (node.anchor) anchors.set(node.anchor, node);
    let size = 1;
    if (isCollection(node)) {
      open.add(node);
      for (const [index, item] of node.items.entries()) {
        if (isPair(item)) {
          size += walk(item.key, (target) => (item.key = target));
          size += walk(item.value, (target) => (item.value = target));
          if (isMergeKey(item.key) && !isMergeSource(item.value))
            throw new AliasProblem(
              rangeStart(item.value) ?? rangeStart(item.key) ?? 0,
              '`<<:` merges a map (or a list of maps) into this one; this is not a map',
            );
        } else {
          size += walk(item, (target) => (node.items[index] = target));
        }
      }
      open.delete(node);
    }
    if (node.anchor) sizes.set(node, size);
    return size;
  };
  walk(doc.contents, (target) => (doc.contents = target));
}

/** yaml reads a plain `<<` key as a merge key (the `merge` option): its value is a symbol. */
function isMergeKey(key: unknown): boolean {
  return isScalar(key) && typeof key.value === 'symbol';
}

function isMergeSource(value: unknown): boolean {
  return isMap(value) || (isSeq(value) && value.items.every((item) => isMap(item)));
}

/** Reads and parses the file at `filePath`. A missing file is a `not-found` error (see `ensureJobsFile`). */
export function readJobsFile(filePath: string, options: ParseJobsOptions = {}): ReadJobsResult {
  const { text, version } = readJobsText(filePath);
  const result = parseJobsText(text, { fileName: path.basename(filePath), ...options });
  return { ...result, text, version };
}

/** `jobs[3].cron`, `defaults.env["MY VAR"]` */
export function formatPath(segments: readonly Segment[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/**
 * The offset of the node at `segments` (or of `key` in the map there). When the node does not exist (a missing key),
 * the deepest existing ancestor is used: the job's map for a job missing `id`.
 */
function locate(doc: Document, segments: readonly Segment[], key?: string): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  const steps = key === undefined ? segments : [...segments, key];
  for (const [index, segment] of steps.entries()) {
    const isKeyStep = key !== undefined && index === steps.length - 1;
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && String(isScalar(item.key) ? item.key.value : item.key) === String(segment),
      );
      if (!pair) break;
      const keyStart = rangeStart(pair.key);
      // A key with no value (`cron:`) has nothing to point at but the key.
      const valueStart = rangeStart(pair.value);
      if (isKeyStep || valueStart === null) {
        offset = keyStart ?? offset;
        if (isKeyStep || pair.value === null) break;
      }
      node = pair.value;
      offset = valueStart ?? offset;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      const start = rangeStart(item);
      if (start === null) break;
      node = item;
      offset = start;
    } else {
      break;
    }
  }
  return offset;
}

function rangeStart(node: unknown): number | null {
  return isNode(node) && (node as Node).range ? (node as Node).range![0] : null;
}

/** yaml's message, plus the fix for the mistake admins make most: an unquoted cron pattern. */
function yamlMessage(message: string, text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const line = text.slice(lineStart, text.indexOf('\n', offset) === -1 ? undefined : text.indexOf('\n', offset));
  if (/^\s*(-\s+)?cron:\s*\*/.test(line))
    return `${message} (a value starting with * must be quoted: cron: "* * * * *")`;
  return message;
}

function dedupe(issues: ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.line}:${issue.col}:${issue.path}:${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sortIssues(issues: ConfigIssue[]): ConfigIssue[] {
  return [...issues].sort((a, b) => a.line - b.line || a.col - b.col);
}

/** Where each path's value is in a text that parsed (line and col, 1-based): for warnings about a valid file. */
export function placePaths(text: string, paths: readonly (readonly Segment[])[]): Array<{ line: number; col: number }> {
  if (paths.length === 0) return [];
  const lineCounter = new LineCounter();
  const doc = parseYaml(text, lineCounter);
  return paths.map((segments) => lineCounter.linePos(locate(doc, segments)));
}
