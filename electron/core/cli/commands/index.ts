/** Every `cronbar` command, in the order the help lists them. Add a command here and in its own file. */
import { type CommandSpec, jsonOption } from '../command-spec';

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'validate',
    synopsis: '[--json]',
    summary: 'Check the jobs file; print every problem as file:line:col',
    options: { json: jsonOption },
    examples: [
      ['cronbar validate', 'check the jobs file in the data directory'],
      ['cronbar validate --config ./jobs.yaml --json', 'check another file; the problems as JSON'],
    ],
    load: async () => (await import('./validate')).validateCommand,
  },
  {
    name: 'edit',
    synopsis: '',
    summary: 'Open the jobs file in $VISUAL/$EDITOR, then check it like validate',
    options: {},
    examples: [['EDITOR=nano cronbar edit', 'edit the jobs file in nano, then check it']],
    load: async () => (await import('./edit')).editCommand,
  },
  {
    name: 'config',
    synopsis: 'log [--job ID] [--limit N] | show <rev> | diff <rev> [<rev>] | revert <rev> [--json]',
    summary: 'The jobs file history: who changed what, and what moves (fires over 7 days); diff, revert',
    options: {
      job: { type: 'string', value: 'ID', help: 'log: only the changes that touched this job' },
      limit: { type: 'string', value: 'N', help: 'log: how many changes (default 20)' },
      json: jsonOption,
    },
    examples: [
      ['cronbar config log', 'the last 20 changes, who made them and what moves'],
      ['cronbar config diff 12', 'the text of change 12 as a unified diff, and what it moves'],
      ['cronbar config revert 12', 'put the file back as it was before change 12'],
    ],
    load: async () => (await import('./config')).configCommand,
  },
  {
    name: 'list',
    synopsis: '[--json]',
    summary: 'Every job with its schedule, next run and last result',
    options: { json: jsonOption },
    examples: [
      ['cronbar list', 'every job: schedule, next run, last result'],
      ["cronbar list --json | jq -r '.[] | select(.failureStreak > 0) | .id'", 'the ids of the failing jobs'],
    ],
    load: async () => (await import('./list')).listCommand,
  },
  {
    name: 'next',
    synopsis: '<job> [--count N] [--json]',
    summary: 'The next N fire times of a job (default 5)',
    options: { count: { type: 'string', value: 'N', help: 'How many fire times' }, json: jsonOption },
    examples: [['cronbar next backup-home --count 10', 'the next ten fire times of backup-home']],
    load: async () => (await import('./next')).nextCommand,
  },
  {
    name: 'run',
    synopsis: '<job> [--as-scheduled] [--force] [--no-retry] [--json]',
    summary:
      'Run a job once now (by the running scheduler, in its environment, if one runs), stream its output, exit with its status',
    options: {
      'as-scheduled': {
        type: 'boolean',
        help: "Test run as scheduled: in the scheduler's environment, recorded as a test run",
      },
      force: { type: 'boolean', help: 'Run even when the overlap policy says no' },
      'no-retry': { type: 'boolean', help: "Do not retry a failed run, whatever the job's retry policy" },
      json: { type: 'boolean', help: 'Print the runs (first try and retries) and the output as JSON at the end' },
    },
    examples: [
      ['cronbar run backup-home', 'run it now and watch its output; exits with its exit code'],
      ['cronbar run backup-home --no-retry --json', 'one try, the run record as JSON'],
      ['cronbar run backup-home --as-scheduled', 'a test run as the daemon or app would run it at 02:00'],
    ],
    load: async () => (await import('./run')).runCommand,
  },
  {
    name: 'env',
    synopsis: '<job> [--diff] [--json]',
    summary: 'The environment, shell, cwd and user a job gets from the scheduler that runs it; --diff against yours',
    options: {
      diff: { type: 'boolean', help: "Only what differs from this shell's environment; PATH entry by entry" },
      json: jsonOption,
    },
    examples: [
      ['cronbar env backup-home', 'NAME=value lines, as the running daemon or app would give them'],
      ['cronbar env backup-home --diff', 'what the job gets that your shell does not, and the other way round'],
    ],
    load: async () => (await import('./env')).envCommand,
  },
  {
    name: 'backfill',
    synopsis:
      '<job> --from TIME --to TIME [--dry-run] [--rerun] [--overlap queue|parallel] [--max-parallel N] [--max N] [--json]',
    summary: 'Run a job for every slot its schedule held in a range, as if scheduled then (dry run first)',
    options: {
      from: {
        type: 'string',
        value: 'TIME',
        help: 'First slot: 3d, 12h ago, or a date (2026-12-01[T08:00]) or ISO time',
      },
      to: { type: 'string', value: 'TIME', help: 'Last slot, the same way, or now' },
      'dry-run': { type: 'boolean', help: 'List the slots (DST-affected, already succeeded); start nothing' },
      rerun: { type: 'boolean', help: 'Also run the slots that already succeeded' },
      overlap: { type: 'string', value: 'MODE', help: 'queue: one slot after another (default); parallel' },
      'max-parallel': { type: 'string', value: 'N', help: 'With --overlap parallel: at most N at once (default 4)' },
      max: { type: 'string', value: 'N', help: 'Refuse a range of more than N slots (default 1000)' },
      json: jsonOption,
    },
    examples: [
      ['cronbar backfill nightly --from 3d --to now --dry-run', 'the slots of the last three days, nothing run'],
      ['cronbar backfill nightly --from 2026-12-01 --to 2026-12-04', 'run them, skipping those that succeeded'],
    ],
    load: async () => (await import('./backfill')).backfillCommand,
  },
  {
    name: 'history',
    synopsis: '[job] [--since TIME] [--status S] [--limit N] [--json]',
    summary: 'Recent runs, newest first (default 20)',
    options: {
      since: {
        type: 'string',
        value: 'TIME',
        help: 'Runs since then: 2d, 12h, 30m ago, or a date (2026-12-01[T08:00])',
      },
      status: {
        type: 'string',
        multiple: true,
        value: 'S',
        help: 'Only runs with this status (failed also takes timed-out; repeatable or a,b)',
      },
      limit: { type: 'string', value: 'N', help: 'How many runs' },
      json: jsonOption,
    },
    examples: [
      ['cronbar history backup-home', 'the last 20 runs of backup-home'],
      ['cronbar history --since 2d --status failed', 'every failed run of the last two days'],
      ['cronbar history --since 2026-12-01 --limit 100 --json', 'a hundred runs since 1 December, as JSON'],
    ],
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
    examples: [
      ['restic backup /volume1 && cronbar ping nas-backup', 'tell Cronbar the NAS backup succeeded'],
      ['cronbar ping nas-backup --exit $?', 'report the exit code of the last command'],
    ],
    load: async () => (await import('./ping')).pingCommand,
  },
  {
    name: 'exec',
    synopsis: '<check> -- <command...>',
    summary: 'Run a command and report it as a check: start, then success or fail with its exit code',
    options: {},
    examples: [
      ['cronbar exec nas-backup -- restic backup /volume1', 'start ping, run, then success or fail with its exit code'],
    ],
    load: async () => (await import('./exec')).execCommand,
  },
  {
    name: 'logs',
    synopsis: '<run-id>|<job> [--last] [--tail N] [--grep RE] [--follow] [--json]',
    summary: "A run's kept output (a job: its last run); --follow tails a running run until it ends",
    options: {
      last: { type: 'boolean', help: 'The argument is a job: show its last run' },
      follow: { type: 'boolean', short: 'f', help: 'Tail a running run live; exit with its status' },
      tail: { type: 'string', short: 'n', value: 'N', help: 'Only the last N lines' },
      grep: { type: 'string', short: 'g', value: 'RE', help: 'Only the lines that match this regular expression' },
      json: jsonOption,
    },
    examples: [
      ['cronbar logs backup-home', 'the output of the last run of backup-home'],
      ['cronbar logs backup-home --tail 20 --grep error', 'its last 20 lines that match "error"'],
      ['cronbar logs 42 --follow', 'tail run 42 until it ends'],
    ],
    load: async () => (await import('./logs')).logsCommand,
  },
  {
    name: 'status',
    synopsis: '[--json]',
    summary: 'Scheduler up or not, pauses, running and queued runs, failing jobs, the next 5 fires, file errors',
    options: { json: jsonOption },
    examples: [
      ['cronbar status', 'is a scheduler up, what runs, what fails'],
      ['cronbar status --json | jq .failing', 'the failing jobs as JSON'],
    ],
    load: async () => (await import('./status')).statusCommand,
  },
  {
    name: 'notify',
    synopsis: 'test <channel> | list [--json]',
    summary: 'Send a test message through a channel of notifications: (says what failed); list channels and deliveries',
    options: { json: jsonOption },
    load: async () => (await import('./notify')).notifyCommand,
  },
  {
    name: 'pause',
    synopsis: '[<job>|--all] [--until TIME|--for 2h] [--json]',
    summary: 'Pause a job or every job, until a time, for a while, or until resumed',
    options: {
      all: { type: 'boolean', help: 'Pause every job' },
      until: {
        type: 'string',
        value: 'TIME',
        help: 'Until 2026-12-24T18:00, the next 18:00, or words: "tomorrow 08:00", "friday 17:00"',
      },
      for: { type: 'string', value: 'DURATION', help: 'For a while (30m, 2h, 1d, "2 hours")' },
      json: jsonOption,
    },
    examples: [
      ['cronbar pause backup-home --for 2h', 'skip its fires for two hours'],
      ['cronbar pause --all --until "tomorrow 08:00"', 'pause everything until tomorrow morning'],
    ],
    load: async () => (await import('./pause')).pauseCommand,
  },
  {
    name: 'resume',
    synopsis: '[<job>|--all] [--json]',
    summary: 'End the pause of a job, or "pause all"',
    options: { all: { type: 'boolean', help: 'End "pause all"' }, json: jsonOption },
    examples: [['cronbar resume --all', 'end "pause all"']],
    load: async () => (await import('./pause')).resumeCommand,
  },
  {
    name: 'enable',
    synopsis: '<job> [--json]',
    summary: 'Set enabled: true in the jobs file (comments kept)',
    options: { json: jsonOption },
    examples: [['cronbar enable backup-home', 'schedule it again (enabled: true in the file)']],
    load: async () => (await import('./enable')).enableCommand(true),
  },
  {
    name: 'disable',
    synopsis: '<job> [--json]',
    summary: 'Set enabled: false in the jobs file (comments kept)',
    options: { json: jsonOption },
    examples: [['cronbar disable backup-home', 'stop scheduling it, keep it in the file']],
    load: async () => (await import('./enable')).enableCommand(false),
  },
  {
    name: 'cancel',
    synopsis: '<run-id> [--json]',
    summary: 'Stop a running run or drop a queued one, whichever process runs it',
    options: { json: jsonOption },
    examples: [['cronbar cancel 42', 'stop run 42 (its whole process group)']],
    load: async () => (await import('./cancel')).cancelCommand,
  },
  {
    name: 'import',
    synopsis:
      '<crontab|systemd|launchd> [FILE|DIR|-] [--dry-run] [--prefix ID] [--system] [--cronbar-defaults] [--disable-source] [--json]',
    summary: 'Bring jobs in from a crontab, systemd timers or launchd agents; print what cannot be carried over',
    options: {
      'dry-run': { type: 'boolean', help: 'Print the jobs as YAML; change nothing' },
      prefix: { type: 'string', value: 'ID', help: 'Put ID- in front of every new job id' },
      system: { type: 'boolean', help: 'The crontab has a user field (as /etc/crontab and /etc/cron.d/* do)' },
      'cronbar-defaults': {
        type: 'boolean',
        help: "Take the jobs file's overlap, catch-up and timeout instead of cron's (overlap, no catch-up, no timeout)",
      },
      'disable-source': {
        type: 'boolean',
        help: 'Then comment out the imported lines in your crontab (a backup is written first), so nothing runs twice',
      },
      json: {
        type: 'boolean',
        help: 'Print the jobs added (or, with --dry-run, that would be) and the losses as JSON',
      },
    },
    examples: [
      ['crontab -l | cronbar import crontab - --dry-run', 'preview your crontab as Cronbar jobs'],
      ['cronbar import crontab --disable-source', 'move your crontab to Cronbar; cron stops running those lines'],
      ['cronbar import systemd ~/.config/systemd/user', 'bring in your systemd user timers'],
    ],
    load: async () => (await import('./import')).importCommand,
  },
  {
    name: 'daemon',
    synopsis: '[--grace 30s] [--listen 127.0.0.1:7370 [--metrics-no-auth] [--allow-origin URL]]',
    summary: 'Run the scheduler in the foreground, one log line per event',
    options: {
      grace: { type: 'string', value: 'DURATION', help: 'How long running jobs get to finish on stop' },
      listen: {
        type: 'string',
        value: 'HOST:PORT',
        help: 'Serve the HTTP API and /metrics there (a bare port: 127.0.0.1)',
      },
      'metrics-no-auth': { type: 'boolean', help: 'Let /metrics be read without the token' },
      'allow-origin': {
        type: 'string',
        multiple: true,
        value: 'URL',
        help: 'Accept requests from this web origin (repeatable; none by default)',
      },
      'mcp-allow-changes': {
        type: 'boolean',
        help: 'Let MCP clients of /mcp run, pause and edit jobs (read-only by default)',
      },
    },
    examples: [
      ['cronbar daemon', 'schedule in the foreground; Ctrl-C lets runs finish'],
      ['cronbar daemon --listen 7370', 'also serve the HTTP API and /metrics on 127.0.0.1:7370'],
    ],
    load: async () => (await import('./daemon')).daemonCommand,
  },
  {
    name: 'export',
    synopsis:
      '<systemd|crontab|launchd|kubernetes> [job...] [--out DIR] [--exec cronbar|native] [--strict] [--image IMG] [--json]',
    summary:
      'The jobs as systemd units, a crontab, launchd plists or Kubernetes CronJobs; what cannot be carried is said per job',
    options: {
      out: { type: 'string', value: 'DIR', help: 'Write the files into DIR (default: print them)' },
      exec: {
        type: 'string',
        value: 'cronbar|native',
        help: "Run `cronbar run <job>` (default; kubernetes: native) or the job's own command",
      },
      strict: { type: 'boolean', help: 'Refuse a job on any warning, not only on what cannot be expressed' },
      image: { type: 'string', value: 'IMG', help: 'kubernetes: the container image the command runs in (required)' },
      json: { type: 'boolean', help: 'Print the files, the losses and the refused jobs as JSON' },
    },
    examples: [
      ['cronbar export systemd --out ~/.config/systemd/user', 'the jobs as systemd user timers'],
      ['cronbar export crontab --exec native', 'a crontab that runs the commands themselves'],
    ],
    load: async () => (await import('./export')).exportCommand,
  },
  {
    name: 'api',
    synopsis: 'token [--rotate] [--json]',
    summary: 'Print the HTTP API token (and the URL of the process serving it); --rotate replaces it',
    options: {
      rotate: { type: 'boolean', help: 'Make a new token; the old one stops working at once' },
      json: { type: 'boolean', help: 'Print the token, its file and where the API is served as JSON' },
    },
    examples: [
      [
        'curl -H "Authorization: Bearer $(cronbar api token)" http://127.0.0.1:7370/api/v1/status -d {}',
        'call the API with the token',
      ],
    ],
    load: async () => (await import('./api')).apiCommand,
  },
  {
    name: 'mcp',
    synopsis: '[--allow-changes]',
    summary: 'Serve the Model Context Protocol over stdio, for an AI assistant (read-only unless --allow-changes)',
    options: {
      'allow-changes': {
        type: 'boolean',
        help: 'Let the assistant run, cancel, pause and resume jobs and apply the edits it proposed',
      },
    },
    examples: [
      ['cronbar mcp', "an assistant's MCP server: it reads jobs, runs and logs, asks why a job did not run"],
      ['cronbar mcp --allow-changes', 'it may also run, pause and edit jobs (each edit proposed first)'],
    ],
    load: async () => (await import('./mcp')).mcpCommand,
  },
  {
    name: 'service',
    synopsis: 'install|uninstall|status [--json]',
    summary: 'The daemon as a per-user service: systemd (Linux), launchd (macOS), Task Scheduler (Windows)',
    options: { json: jsonOption },
    examples: [
      ['cronbar service install', 'run the daemon at login, restarted when it fails'],
      ['cronbar service status --json', 'is it installed and running'],
    ],
    load: async () => (await import('./service')).serviceCommand,
  },
];
