/**
 * Propose, then apply: a change of the jobs file is checked and summarized without being written, and handed back with
 * a token bound to the file as it is now; applying takes only that token and writes only if the file has not changed
 * since (the writer's version check does the rest). Proposals live in the DB's settings, so the process that applies
 * (the scheduler, reached over its socket) need not be the one that proposed; each is used once and expires.
 */
import type { MethodOutput, ParsedInput } from '../../../shared/api/contract';
import type { JobsChangeSummary } from '../../../shared/api/assistant-methods';
import { CronbarError } from '../../../shared/api/cronbar-error';
import { crypto } from '../lazy-builtins';
import type { Store } from '../ports';
import type { ConfigOrigin } from '../../../shared/config-history';
import type { JobsFileHolder } from './jobs-file-holder';
import { loadEditor, loadParser } from './lazy-config';

const PROPOSALS_SETTING = 'editProposals';
/** Long enough to read a proposal to its admin and be told yes; short enough that a forgotten one cannot surprise. */
export const PROPOSAL_TTL_MS = 60 * 60_000;
/** The newest proposals kept; an older token is refused as unknown. */
const PROPOSALS_KEPT = 8;
/** Lines of context around the changed lines in `diff`. */
const DIFF_CONTEXT = 2;

interface StoredProposal {
  token: string;
  baseVersion: string;
  text: string;
  summary: JobsChangeSummary;
  expiresAt: number;
}

export interface EditProposalDeps {
  jobs: JobsFileHolder;
  store: Store;
  now: () => number;
}

export function createEditProposals({ jobs, store, now }: EditProposalDeps) {
  const readAll = (): StoredProposal[] => {
    const raw = store.getSetting(PROPOSALS_SETTING);
    if (raw === null) return [];
    try {
      const list = JSON.parse(raw) as StoredProposal[];
      return Array.isArray(list) ? list.filter((proposal) => proposal.expiresAt > now()) : [];
    } catch {
      return [];
    }
  };
  const writeAll = (list: StoredProposal[]) =>
    store.setSetting(PROPOSALS_SETTING, list.length === 0 ? null : JSON.stringify(list.slice(-PROPOSALS_KEPT)));

  /** The text the proposal would write: the whole text given, or the current one with one job added, replaced or removed. */
  async function proposedText(input: ParsedInput<'proposeEdit'>, current: string): Promise<string> {
    if (input.text !== undefined) return input.text;
    const editor = await loadEditor();
    if (input.deleteId !== undefined) {
      jobs.findJob(input.deleteId);
      return editor.deleteJob(current, input.deleteId);
    }
    const job = input.job!;
    const id = typeof job.id === 'string' ? job.id : '';
    if (input.replaceId === undefined && jobs.config.jobs.some((existing) => existing.id === id))
      throw new CronbarError(
        'conflict',
        `a job with id ${JSON.stringify(id)} already exists; give replaceId to change it`,
      );
    return editor.upsertJob(current, job, input.replaceId);
  }

  return {
    async proposeEdit(input: ParsedInput<'proposeEdit'>): Promise<MethodOutput<'proposeEdit'>> {
      const current = jobs.readText();
      const next = await proposedText(input, current.text);
      const parser = await loadParser();
      const parsed = parser.parseJobsText(next, { fileName: jobs.fileName });
      const summary = summarizeChange(parser.yamlValue, current.text, next);
      const diff = changedLines(current.text, next, jobs.fileName);
      const base = { baseVersion: current.version, summary, diff };
      if (!parsed.ok) return { ok: false, issues: parsed.issues, token: null, expiresAt: null, ...base };
      if (next === current.text) return { ok: true, issues: [], token: null, expiresAt: null, ...base };
      // The seam for the "what moves" preview: once previewConfigChange is a contract method, its fire-by-fire diff of
      // (current.text → next) goes into this answer beside the summary.
      const token = crypto().randomBytes(18).toString('base64url');
      const expiresAt = now() + PROPOSAL_TTL_MS;
      writeAll([...readAll(), { token, baseVersion: current.version, text: next, summary, expiresAt }]);
      return { ok: true, issues: [], token, expiresAt, ...base };
    },

    /** Writes a proposal; the history records it as `origin`'s change. */
    async applyEdit({ token }: ParsedInput<'applyEdit'>, origin: ConfigOrigin): Promise<MethodOutput<'applyEdit'>> {
      const all = readAll();
      const proposal = all.find((candidate) => candidate.token === token);
      if (!proposal)
        throw new CronbarError(
          'not-found',
          'no proposal with this token: it is unknown, already applied, or older than an hour; propose the edit again',
        );
      const current = jobs.readText();
      if (current.version !== proposal.baseVersion) {
        writeAll(all.filter((candidate) => candidate !== proposal));
        throw new CronbarError(
          'conflict',
          `${jobs.fileName} changed since this edit was proposed, so it was not applied (nothing written); propose it again on the file as it is now`,
        );
      }
      const version = await jobs.write(proposal.text, proposal.baseVersion, origin);
      writeAll(all.filter((candidate) => candidate !== proposal));
      return { version, summary: proposal.summary };
    },
  };
}

/** Jobs added, removed and changed (by id and field) and the other top-level keys that changed, as written. */
export function summarizeChange(
  yamlValue: (text: string) => unknown,
  before: string,
  after: string,
): JobsChangeSummary {
  const read = (text: string): Record<string, unknown> => {
    try {
      const value = yamlValue(text);
      return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : {};
    } catch {
      return {};
    }
  };
  const old = read(before);
  const now = read(after);
  const byId = (file: Record<string, unknown>) => {
    const list = Array.isArray(file.jobs) ? (file.jobs as unknown[]) : [];
    const map = new Map<string, Record<string, unknown>>();
    for (const job of list)
      if (typeof job === 'object' && job !== null && typeof (job as { id?: unknown }).id === 'string')
        map.set((job as { id: string }).id, job as Record<string, unknown>);
    return map;
  };
  const oldJobs = byId(old);
  const newJobs = byId(now);
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const changed: JobsChangeSummary['changed'] = [];
  for (const [id, job] of newJobs) {
    const was = oldJobs.get(id);
    if (!was) continue;
    const fields = [...new Set([...Object.keys(was), ...Object.keys(job)])].filter((key) => !same(was[key], job[key]));
    if (fields.length > 0) changed.push({ id, fields: fields.sort() });
  }
  return {
    added: [...newJobs.keys()].filter((id) => !oldJobs.has(id)),
    removed: [...oldJobs.keys()].filter((id) => !newJobs.has(id)),
    changed,
    otherKeys: [...new Set([...Object.keys(old), ...Object.keys(now)])]
      .filter((key) => key !== 'jobs' && !same(old[key], now[key]))
      .sort(),
  };
}

/**
 * The changed lines as one unified-diff hunk, from the first changed line to the last (the lines between, changed or
 * not, are in it): exact for the one-job edits a proposal usually is, and no diff engine to load.
 */
export function changedLines(before: string, after: string, fileName: string): string {
  if (before === after) return '';
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const from = Math.max(0, head - DIFF_CONTEXT);
  const contextAfter = Math.min(tail, DIFF_CONTEXT);
  const removed = a.slice(head, a.length - tail);
  const added = b.slice(head, b.length - tail);
  const lead = a.slice(from, head);
  const trail = a.slice(a.length - tail, a.length - tail + contextAfter);
  const oldCount = lead.length + removed.length + trail.length;
  const newCount = lead.length + added.length + trail.length;
  return [
    `--- ${fileName}`,
    `+++ ${fileName} (proposed)`,
    `@@ -${from + 1},${oldCount} +${from + 1},${newCount} @@`,
    ...lead.map((line) => ` ${line}`),
    ...removed.map((line) => `-${line}`),
    ...added.map((line) => `+${line}`),
    ...trail.map((line) => ` ${line}`),
  ].join('\n');
}
