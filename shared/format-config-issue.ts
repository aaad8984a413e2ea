/**
 * How a jobs-file problem reads everywhere (CLI, window, save errors). Its own zod-free module so the window's first
 * bundle can use it without pulling in the schemas.
 */
import type { ConfigIssue } from './model';

/** `jobs.yaml:12:15 jobs[3].cron: "0 25 * * *": hour 25 is out of range (0-23)` */
export function formatConfigIssue(issue: ConfigIssue): string {
  return `${issue.file}:${issue.line}:${issue.col} ${issue.path ? `${issue.path}: ` : ''}${issue.message}`;
}
