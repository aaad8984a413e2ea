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
    name: 'ping',
    synopsis: '<check> [--start | --fail | --exit N] [--message TEXT]',
    summary: 'Record a check-in of a job that runs elsewhere (success unless told otherwise)',
    options: {
      start: { type: 'boolean', help: 'The job started (no end ping within the grace: down)' },
      fail: { type: 'boolean', help: 'The job failed' },
      exit: { type: 'string', value: 'N', help: 'The job ended with this exit code (0: success)' },
      message: { type: 'string', value: 'TEXT', help: 'Kept with the ping (up to 100 KiB)' },
      json: jsonOption,
    },
    load: async () => (await import('./ping')).pingCommand,
  },
  {
    name: 'exec',
    synopsis: '<check> -- <command...>',
    summary: 'Run a command and report it as a check: start, then success or fail with its exit code',
    options: {},
    load: async () => (await import('./exec')).execCommand,
  },
  {
    name: 'daemon',
    synopsis: '[--grace 30s]',
    summary: 'Run the scheduler in the foreground, one log line per event',
    options: { grace: { type: 'string', value: 'DURATION', help: 'How long running jobs get to finish on stop' } },
    load: async () => (await import('./daemon')).daemonCommand,
  },
];
