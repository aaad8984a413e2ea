/**
 * How a jobs-file problem reads everywhere (CLI, window, save errors). Its own zod-free module so the window's first
 * bundle can use it without pulling in the schemas. It names the fields it reads instead of importing
 * `ConfigIssue` from model.ts, which re-exports this function: the two would import each other.
 */

/** The placed problem it formats: `ConfigIssue` (shared/model.ts) has this shape. */
export interface PlacedIssue {
  file: string;
  line: number;
  col: number;
  path: string;
  message: string;
}

/** `jobs.yaml:12:15 jobs[3].cron: "0 25 * * *": hour 25 is out of range (0-23)` */
export function formatConfigIssue(issue: PlacedIssue): string {
  return `${issue.file}:${issue.line}:${issue.col} ${issue.path ? `${issue.path}: ` : ''}${issue.message}`;
}
