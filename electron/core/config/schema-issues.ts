/**
 * Turns zod's issues into one plain-words problem each, with the path of the node to point at. The YAML side
 * (load-jobs-file.ts) turns the path into file:line:col.
 */
import type { z } from 'zod';
import { JobsFileSchema } from '../../../shared/config/schema';
import { suggestKey } from './did-you-mean';
import { knownKeysAt } from './schema-keys';

export type Segment = string | number;

export interface SchemaProblem {
  /** Where the problem is reported (`jobs[2]`), as segments. */
  path: Segment[];
  /** Point at this key of the map at `path` instead of the map (unknown keys). */
  key?: string;
  /** For an unknown key: the known key it probably meant. */
  suggestion?: string;
  message: string;
}

type Issue = z.core.$ZodIssue & { input?: unknown };

export function schemaProblems(issues: readonly Issue[]): SchemaProblem[] {
  return withoutConsequences(issues.flatMap((issue) => problemsFor(issue, [])));
}

const CONSEQUENCES: Array<{ message: string; keys: readonly string[] }> = [
  {
    message: 'needs one schedule: cron, every or at (or events: on, or after: another job)',
    keys: ['cron', 'every', 'at', 'on', 'after'],
  },
  { message: 'needs one action: command, http or builtin', keys: ['command', 'http', 'builtin'] },
  { message: 'needs when a ping is expected: every or cron', keys: ['every', 'cron'] },
];

/**
 * One problem, one issue: a misspelt `comand:` also leaves the job without an action, but telling the admin twice
 * sends them looking for a second mistake.
 */
function withoutConsequences(problems: SchemaProblem[]): SchemaProblem[] {
  const suggestedAt = new Map<string, Set<string>>();
  for (const problem of problems) {
    if (problem.suggestion === undefined) continue;
    const at = JSON.stringify(problem.path);
    suggestedAt.set(at, (suggestedAt.get(at) ?? new Set()).add(problem.suggestion));
  }
  return problems.filter((problem) => {
    const consequence = CONSEQUENCES.find((candidate) => candidate.message === problem.message);
    const suggested = suggestedAt.get(JSON.stringify(problem.path));
    return !(consequence && suggested && consequence.keys.some((key) => suggested.has(key)));
  });
}

function problemsFor(issue: Issue, prefix: Segment[]): SchemaProblem[] {
  const path = [...prefix, ...(issue.path as Segment[])];
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const suggestion = suggestKey(key, knownKeysAt(JobsFileSchema, path));
        const message = `unknown key ${JSON.stringify(key)}${suggestion ? ` — did you mean ${JSON.stringify(suggestion)}?` : ''}`;
        return suggestion ? { path, key, message, suggestion } : { path, key, message };
      });
    case 'invalid_union':
      return unionProblems(issue, path);
    case 'invalid_type':
      if (issue.input === undefined)
        return [
          { path: path.slice(0, -1), message: `missing required key ${JSON.stringify(String(path[path.length - 1]))}` },
        ];
      return [
        {
          path,
          message: isDefault(issue.message)
            ? `must be ${expectedWords(issue.expected)}, not ${describeValue(issue.input)}`
            : issue.message,
        },
      ];
    case 'invalid_value':
      return [
        {
          path,
          message:
            issue.values.length === 1
              ? `must be ${JSON.stringify(issue.values[0])}, not ${describeValue(issue.input)}`
              : `${describeValue(issue.input)} is not one of ${issue.values.map(String).join(', ')}`,
        },
      ];
    case 'too_small':
      return [
        {
          path,
          message:
            issue.origin === 'string' || issue.origin === 'array'
              ? 'must not be empty'
              : `must be at least ${String(issue.minimum)}, not ${describeValue(issue.input)}`,
        },
      ];
    case 'too_big':
      return [
        {
          path,
          message:
            issue.origin === 'string' || issue.origin === 'array'
              ? `is too long (at most ${String(issue.maximum)})`
              : `must be at most ${String(issue.maximum)}, not ${describeValue(issue.input)}`,
        },
      ];
    default:
      return [{ path, message: issue.message }];
  }
}

/** zod's own wording starts with "Invalid"; ours (set in the schema) is kept as written. */
const isDefault = (message: string) => /^Invalid\b/.test(message);

/**
 * A union reports every branch's failure. Show the branch that got furthest (the input had its shape but a part was
 * wrong); when every branch failed on the type itself, say which types would do.
 */
function unionProblems(issue: Extract<Issue, { code: 'invalid_union' }>, path: Segment[]): SchemaProblem[] {
  const branches = issue.errors as Issue[][];
  const wrongTypeOnly = (branch: Issue[]) =>
    branch.every((inner) => inner.code === 'invalid_type' && inner.path.length === 0);
  const depth = (branch: Issue[]) => Math.min(...branch.map((inner) => inner.path.length));
  const candidates = branches.filter((branch) => branch.length > 0 && !wrongTypeOnly(branch));
  if (candidates.length > 0) {
    const best = candidates.reduce((a, b) => (depth(b) > depth(a) ? b : a));
    return best.flatMap((inner) => problemsFor(inner, path));
  }
  const expected = [
    ...new Set(
      branches.flatMap((branch) =>
        branch
          .map((inner) => (inner.code === 'invalid_type' ? expectedWords(inner.expected) : null))
          .filter((words): words is string => words !== null),
      ),
    ),
  ];
  return [{ path, message: `must be ${expected.join(' or ')}, not ${describeValue(issue.input)}` }];
}

function expectedWords(expected: string): string {
  switch (expected) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'int':
      return 'a whole number';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
    case 'record':
      return 'a map (key: value)';
    default:
      return expected;
  }
}

export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return typeof value;
}
