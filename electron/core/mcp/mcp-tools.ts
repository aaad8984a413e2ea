/**
 * The MCP tools, one row per contract method: a snake_case name, whether it changes anything (annotations, and the
 * read-only refusal), and a line for the assistant beside the contract's own doc. Input and output schemas come from
 * the contract (shared/api/contract.ts), never from here: a contract method becomes a tool by adding its row.
 */
import type { ServiceMethodName } from '../../../shared/api/contract';

export interface McpToolRow {
  name: string;
  method: ServiceMethodName;
  /** Reads only (MCP `readOnlyHint`); a tool that is not read-only needs `--allow-changes`. */
  readOnly: boolean;
  /** May remove or stop something (MCP `destructiveHint`); only meaningful when not read-only. */
  destructive?: boolean;
  /** Calling it twice with the same input does no more than once (MCP `idempotentHint`). */
  idempotent?: boolean;
  /** A contract output that is not an object (a list) is served as `{ [wrap]: output }`: MCP's structured content is an object. */
  wrap?: string;
  /** Said to the assistant after the contract's doc: when to use it. */
  hint?: string;
}

export const MCP_TOOLS: readonly McpToolRow[] = [
  {
    name: 'list_jobs',
    method: 'listJobs',
    readOnly: true,
    wrap: 'jobs',
    hint: 'Each job has its schedule in words, next fire, pause, last run, failure streak and whether it is overdue (expect:). Times are epoch ms.',
  },
  {
    name: 'get_job',
    method: 'getJob',
    readOnly: true,
    hint: 'Its source as written in the jobs file, and its next fires.',
  },
  { name: 'list_checks', method: 'listChecks', readOnly: true, wrap: 'checks' },
  { name: 'get_check', method: 'getCheck', readOnly: true },
  { name: 'next_runs', method: 'upcoming', readOnly: true, wrap: 'fires' },
  { name: 'history', method: 'history', readOnly: true },
  { name: 'get_run', method: 'getRun', readOnly: true },
  { name: 'run_log', method: 'runOutput', readOnly: true, hint: 'Run ids come from history or list_jobs.' },
  { name: 'status', method: 'status', readOnly: true },
  { name: 'downtime', method: 'downtime', readOnly: true, wrap: 'spans' },
  { name: 'job_durations', method: 'durationStats', readOnly: true },
  {
    name: 'why_not_run',
    method: 'whyNotRun',
    readOnly: true,
    hint: 'Use it for "why did (or didn\'t) backup run at 02:00": it answers from the records, with the verdict and a sentence to quote.',
  },
  { name: 'read_config', method: 'readConfig', readOnly: true },
  { name: 'validate_config', method: 'validateConfig', readOnly: true },
  { name: 'import_preview', method: 'previewImport', readOnly: true },
  {
    name: 'propose_edit',
    method: 'proposeEdit',
    // It writes nothing the admin sees: the proposal waits, unused, until apply_edit.
    readOnly: true,
    hint: 'Always propose first and show the admin the summary and diff; apply_edit takes the token it returns.',
  },
  {
    name: 'apply_edit',
    method: 'applyEdit',
    readOnly: false,
    destructive: true,
    hint: 'Only after the admin agreed to what propose_edit showed.',
  },
  { name: 'run_now', method: 'runNow', readOnly: false, destructive: true },
  {
    name: 'backfill',
    method: 'backfill',
    readOnly: false,
    destructive: false,
    hint: 'Call with dryRun true first and show the admin the slots; cancel_run on any of its runs cancels the rest.',
  },
  { name: 'cancel_run', method: 'cancelRun', readOnly: false, destructive: true, idempotent: true },
  {
    name: 'pause_job',
    method: 'pauseJob',
    readOnly: false,
    idempotent: true,
    hint: 'until: epoch ms when the pause ends by itself (null: until resumed).',
  },
  { name: 'resume_job', method: 'resumeJob', readOnly: false, idempotent: true },
  { name: 'pause_all', method: 'pauseAll', readOnly: false, idempotent: true },
  { name: 'resume_all', method: 'resumeAll', readOnly: false, idempotent: true },
  { name: 'set_job_enabled', method: 'setJobEnabled', readOnly: false, idempotent: true },
  {
    name: 'config_log',
    method: 'configHistory',
    readOnly: true,
    hint: 'Who changed the jobs file (app, cli, api, mcp, outside edit), when, and which jobs; newest first.',
  },
  { name: 'config_revision', method: 'configRevision', readOnly: true },
  { name: 'config_diff', method: 'configDiff', readOnly: true },
  { name: 'revert_config', method: 'revertConfig', readOnly: false, destructive: true },
  { name: 'list_channels', method: 'listChannels', readOnly: true, wrap: 'channels' },
  {
    name: 'run_deliveries',
    method: 'runDeliveries',
    readOnly: true,
    wrap: 'deliveries',
    hint: "Where a run's alerts went: each channel's sent or failed attempts.",
  },
];

/** Service methods that are deliberately not tools, and why; every other one needs a row above (a test checks). */
export const NOT_TOOLS: Partial<Record<ServiceMethodName, string>> = {
  previewSchedule: "the editor's preview while typing; propose_edit checks a whole change",
  ping: "a check-in is the watched job's own word, not an assistant's",
  writeConfig: 'writes go through propose_edit and apply_edit, which the admin sees first',
  saveJob: 'writes go through propose_edit (job) and apply_edit',
  deleteJob: 'writes go through propose_edit (deleteId) and apply_edit',
  importJobs: 'import_preview shows it; the YAML it gives goes through propose_edit and apply_edit',
  previewConfigChange: 'propose_edit is the dry run an assistant uses (with a token to apply it)',
  jobEnvironment: 'the environment can hold secrets; cronbar env shows it to the admin',
  testRun: 'run_now runs a job; a test run is for the admin at a terminal',
  testChannel: 'sends a real message to a person; the admin tests a channel from the window or cronbar notify test',
  saveChannel: 'a channel names where secrets live; its edit goes through propose_edit and apply_edit',
  deleteChannel: 'goes through propose_edit and apply_edit, which the admin sees first',
  fireDensity: "the timeline's drawing (counts per bucket); next_runs lists the fires themselves",
  disableCrontabLines: "edits the user's own crontab: an admin's act, from the window or cronbar import",
};

/** The words of the read-only refusal: which tool, and how the admin allows it. */
export function readOnlyRefusal(tool: string): string {
  return `${tool} changes things, and this Cronbar MCP server is read-only: nothing was done. The admin can allow changes by starting it with \`cronbar mcp --allow-changes\`.`;
}
