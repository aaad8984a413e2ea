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
    synopsis: '<job> [--force]',
    summary: 'Run a job once now, stream its output, record the run, exit with its status',
    options: { force: { type: 'boolean', help: 'Run even when the overlap policy says no' } },
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
    name: 'import',
    synopsis: '<crontab|systemd|launchd> [FILE|DIR|-] [--dry-run] [--prefix ID] [--system]',
    summary: 'Bring jobs in from a crontab, systemd timers or launchd agents; print what cannot be carried over',
    options: {
      'dry-run': { type: 'boolean', help: 'Print the jobs as YAML; change nothing' },
      prefix: { type: 'string', value: 'ID', help: 'Put ID- in front of every new job id' },
      system: { type: 'boolean', help: 'The crontab has a user field (as /etc/crontab and /etc/cron.d/* do)' },
    },
    load: async () => (await import('./import')).importCommand,
  },
  {
    name: 'daemon',
    synopsis: '[--grace 30s]',
    summary: 'Run the scheduler in the foreground, one log line per event',
    options: { grace: { type: 'string', value: 'DURATION', help: 'How long running jobs get to finish on stop' } },
    load: async () => (await import('./daemon')).daemonCommand,
  },
];
