/**
 * `jobs.yaml:12:15 jobs[3].cron: message`: the same text as `formatConfigIssue` in shared/model.ts, repeated here so
 * the window's first bundle does not pull zod in with it (a test checks the two agree).
 */
import type { ConfigIssue } from '../../shared/model';

export function formatIssue(issue: ConfigIssue): string {
  return `${issue.file}:${issue.line}:${issue.col} ${issue.path ? `${issue.path}: ` : ''}${issue.message}`;
}
