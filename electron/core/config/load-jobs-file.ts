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
import { type Document, LineCounter, type Node, isMap, isNode, isPair, isScalar, isSeq, parseDocument } from 'yaml';
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

/** Shared by the loader and the editors: one YAML dialect everywhere. */
export function parseYaml(text: string, lineCounter?: LineCounter): Document.Parsed {
  // prettyErrors would append a source excerpt to each message; we report line:col ourselves.
  return parseDocument(text, { lineCounter, prettyErrors: false, keepSourceTokens: false, uniqueKeys: true });
}

export function parseJobsText(text: string, options: ParseJobsOptions = {}): ParseJobsResult {
  const plain = loadPlainYaml(text);
  if (isPlainMap(plain)) {
    const parsed = JobsFileSchema.safeParse(plain);
    if (parsed.success) return accepted(plain, parsed.data, options);
  }
  return parseWithPositions(text, options);
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

  // An empty file (or one with only comments) is valid: no jobs.
  const raw: unknown = doc.toJS({ maxAliasCount: 100 }) ?? {};
  const parsed = JobsFileSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    const issues = schemaProblems(parsed.error.issues).map((problem) =>
      at(locate(doc, problem.path, problem.key), formatPath(problem.path), problem.message),
    );
    return { ok: false, issues: sortIssues(dedupe(issues)) };
  }
  return accepted(raw, parsed.data, options);
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
