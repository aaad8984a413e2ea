/** Every `cronbar` command, in the order the help lists them. Add a command here and in its own file. */
import { type CommandSpec, jsonOption } from '../command-spec';

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'validate',
    synopsis: '',
    summary: 'Check the jobs file; print every problem as file:line:col',
    options: {},
    load: async () => (await import('./validate')).validateCommand,
  },
  {
    name: 'list',
    synopsis: '[--json]',
    summary: 'Every job with its schedule, next run and last result',
    options: { json: jsonOption },
    load: async () => (await import('./list')).listCommand,
  },
  {
    name: 'next',
    synopsis: '<job> [--count N] [--json]',
    summary: 'The next N fire times of a job (default 5)',
    options: { count: { type: 'string', value: 'N', help: 'How many fire times' }, json: jsonOption },
    load: async () => (await import('./next')).nextCommand,
  },
  {
    name: 'run',
    synopsis: '<job> [--force] [--no-retry]',
    summary: "Run a job once now (retried by its retry policy), stream its output, record the run, exit with its status",
    options: {
      force: { type: 'boolean', help: 'Run even when the overlap policy says no' },
      'no-retry': { type: 'boolean', help: "Do not retry a failed run, whatever the job's retry policy" },
    },
    load: async () => (await import('./run')).runCommand,
  },
  {
    name: 'history',
    synopsis: '[job] [--limit N] [--json]',
    summary: 'Recent runs, newest first (default 20)',
    options: { limit: { type: 'string', value: 'N', help: 'How many runs' }, json: jsonOption },
    load: async () => (await import('./history')).historyCommand,
  },
  {
    name: 'logs',
    synopsis: '<run-id>|<job> [--last] [--follow] [--json]',
    summary: "A run's kept output (a job: its last run); --follow tails a running run until it ends",
    options: {
      last: { type: 'boolean', help: 'The argument is a job: show its last run' },
      follow: { type: 'boolean', short: 'f', help: 'Tail a running run live; exit with its status' },
      json: jsonOption,
    },
    load: async () => (await import('./logs')).logsCommand,
  },
  {
    name: 'status',
    synopsis: '[--json]',
    summary: 'Scheduler up or not, pauses, running and queued runs, failing jobs, the next 5 fires, file errors',
    options: { json: jsonOption },
    load: async () => (await import('./status')).statusCommand,
  },
  {
    name: 'pause',
    synopsis: '[<job>|--all] [--until TIME|--for 2h] [--json]',
    summary: 'Pause a job or every job, until a time, for a while, or until resumed',
    options: {
      all: { type: 'boolean', help: 'Pause every job' },
      until: { type: 'string', value: 'TIME', help: 'Until a date and time (2026-12-24T18:00) or the next time of day (18:00)' },
      for: { type: 'string', value: 'DURATION', help: 'For a while (30m, 2h, 1d)' },
      json: jsonOption,
    },
    load: async () => (await import('./pause')).pauseCommand,
  },
  {
    name: 'resume',
    synopsis: '[<job>|--all] [--json]',
    summary: 'End the pause of a job, or "pause all"',
    options: { all: { type: 'boolean', help: 'End "pause all"' }, json: jsonOption },
    load: async () => (await import('./pause')).resumeCommand,
  },
  {
    name: 'enable',
    synopsis: '<job> [--json]',
    summary: 'Set enabled: true in the jobs file (comments kept)',
    options: { json: jsonOption },
    load: async () => (await import('./enable')).enableCommand(true),
  },
  {
    name: 'disable',
    synopsis: '<job> [--json]',
    summary: 'Set enabled: false in the jobs file (comments kept)',
    options: { json: jsonOption },
    load: async () => (await import('./enable')).enableCommand(false),
  },
  {
    name: 'cancel',
    synopsis: '<run-id> [--json]',
    summary: 'Stop a running run or drop a queued one, whichever process runs it',
    options: { json: jsonOption },
    load: async () => (await import('./cancel')).cancelCommand,
  },
  {
    name: 'daemon',
    synopsis: '[--grace 30s]',
    summary: 'Run the scheduler in the foreground, one log line per event',
    options: { grace: { type: 'string', value: 'DURATION', help: 'How long running jobs get to finish on stop' } },
    load: async () => (await import('./daemon')).daemonCommand,
  },
];
