/**
 * The contract's jobs-file history methods (configHistory, configRevision, configDiff, revertConfig) and the dry run
 * of every write (previewConfigChange), on the jobs-file holder and its history (config-history.ts).
 */
import type { MethodOutput, ParsedInput } from '../../../shared/api/contract';
import { CronbarError } from '../../../shared/api/cronbar-error';
import type { ConfigOrigin, ConfigRevision } from '../../../shared/config-history';
import { jobsTextVersion } from '../config/jobs-file-text';
import { unifiedDiff } from '../config/text-diff';
import type { ConfigHistory } from './config-history';
import type { JobsFileHolder } from './jobs-file-holder';
import { loadEditor, loadParser } from './lazy-config';

type Methods = {
  [M in 'configHistory' | 'configRevision' | 'configDiff' | 'previewConfigChange']: (
    input: ParsedInput<M>,
  ) => Promise<MethodOutput<M>>;
};

export function configHistoryMethods(jobs: JobsFileHolder): Methods {
  const revision = (history: ConfigHistory, rev: number): ConfigRevision => {
    const found = history.rows.get(rev);
    if (!found) throw new CronbarError('not-found', `no revision ${rev} of ${jobs.fileName} (see cronbar config log)`);
    return found;
  };
  return {
    async configHistory({ jobId, before, limit }) {
      const history = await jobs.history();
      // One more than asked tells whether there is a next page.
      const revisions = history.rows.log({ jobId, before, limit: limit + 1 });
      const page = revisions.slice(0, limit);
      return { revisions: page, nextBefore: revisions.length > limit ? page[page.length - 1]!.rev : null };
    },
    async configRevision({ rev }) {
      return revision(await jobs.history(), rev);
    },
    async configDiff({ rev, to }) {
      const history = await jobs.history();
      const from = revision(history, rev);
      const name = jobs.fileName;
      if (to === undefined) {
        const diff = unifiedDiff(from.beforeText, from.afterText, {
          from: `${name} (before revision ${rev})`,
          to: `${name} (revision ${rev})`,
        });
        return { fromLabel: `before revision ${rev}`, toLabel: `revision ${rev}`, diff, moves: from.moves };
      }
      const target = revision(history, to);
      const before = { text: from.afterText, version: from.afterVersion };
      const after = { text: target.afterText, version: target.afterVersion };
      return {
        fromLabel: `revision ${rev}`,
        toLabel: `revision ${to}`,
        diff: unifiedDiff(before.text, after.text, {
          from: `${name} (revision ${rev})`,
          to: `${name} (revision ${to})`,
        }),
        moves: history.movesBetween(before, after),
      };
    },
    async previewConfigChange({ change }) {
      const history = await jobs.history();
      const current = jobs.readText();
      let text: string;
      switch (change.kind) {
        case 'writeConfig':
          text = change.text;
          break;
        case 'revertConfig':
          text = revision(history, change.rev).beforeText;
          break;
        case 'saveJob': {
          const id = typeof change.job.id === 'string' ? change.job.id : '';
          if (change.replaceId === undefined && jobs.config.jobs.some((existing) => existing.id === id))
            throw new CronbarError('conflict', `a job with id ${JSON.stringify(id)} already exists`);
          text = (await loadEditor()).upsertJob(current.text, change.job, change.replaceId);
          break;
        }
        case 'deleteJob':
          jobs.findJob(change.id);
          text = (await loadEditor()).deleteJob(current.text, change.id);
          break;
        case 'setJobEnabled':
          jobs.findJob(change.id);
          text = (await loadEditor()).setJobEnabled(current.text, change.id, change.enabled);
          break;
      }
      const parsed = (await loadParser()).parseJobsText(text, { fileName: jobs.fileName });
      const moves = history.movesBetween(current, { text, version: jobsTextVersion(text) });
      return { baseVersion: current.version, text, valid: parsed.ok, issues: parsed.ok ? [] : parsed.issues, moves };
    },
  };
}

/** revertConfig as `origin`'s write. */
export function revertConfigMethod(jobs: JobsFileHolder, origin: ConfigOrigin) {
  return async ({ rev, baseVersion }: ParsedInput<'revertConfig'>): Promise<MethodOutput<'revertConfig'>> => {
    const history = await jobs.history();
    const target = history.rows.get(rev);
    if (!target) throw new CronbarError('not-found', `no revision ${rev} of ${jobs.fileName} (see cronbar config log)`);
    const version = await jobs.write(target.beforeText, baseVersion ?? jobs.readText().version, origin);
    const [newest] = history.rows.log({ limit: 1 });
    return { version, rev: newest && newest.afterVersion === version ? newest.rev : null };
  };
}
