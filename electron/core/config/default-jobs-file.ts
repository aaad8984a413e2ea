/**
 * The jobs file Cronbar writes on first start. It is the admin's first documentation of the format, so it explains
 * by example; the two builtins keep Cronbar's own database backed up and its history bounded.
 */
export const DEFAULT_JOBS_FILE = `# Cronbar jobs file. Edit it by hand or in the app: the app keeps your comments.
# Cronbar reloads it as soon as you save; if it has a mistake, the last good jobs keep running and the tray
# shows where the mistake is (file:line:col). Check it any time with: cronbar validate
#
# Each job has an id, ONE schedule and ONE action:
#   schedule:  cron: "30 9 * * mon-fri"   (minute hour day-of-month month day-of-week; quote it)
#              every: 15m                 (500ms, 30s, 15m, 2h, 1d, 1w, or sums such as 1h30m)
#              at: 2027-01-01T09:00       (once, in the job's time zone)
#   action:    command: "restic backup ~/"            (runs in your shell)
#              command: ["git", "pull", "--ff-only"]  (runs without a shell, one list item per argument)
#              http: { url: "https://example.org/health", expectStatus: 200 }
#              builtin: backup-database | prune-history
# Optional per job: name, description, enabled (true/false), tags, timezone, timeout, jitter, cwd, env, shell,
#   retry: { attempts: 3, delay: 5m, backoff: 2, maxDelay: 1h }
#   overlap: skip | queue | parallel | replace   (what to do when the previous run is still going)
#   catchUp: once | skip | all                   (runs missed while the computer was asleep or off)
#   notify: { failure: true, success: false, missed: false }
version: 1

# Applied to every job unless the job sets its own value. env and notify merge key by key.
defaults:
  timeout: 1h          # a run still going after this is stopped and marked timed-out
  overlap: skip
  catchUp: once
  notify: { failure: true }
  # timezone: Europe/Paris   # IANA name; without it, the system time zone is used

jobs:
  # Copies Cronbar's own database (jobs history) every night and keeps the last 7 copies.
  - id: backup-database
    name: Back up Cronbar's database
    cron: "0 2 * * *"
    builtin: backup-database
    with: { keep: 7 }

  # Forgets runs older than 30 days, and keeps at most 1000 runs per job.
  - id: prune-history
    name: Prune run history
    cron: "30 3 * * *"
    builtin: prune-history
    with: { keepDays: 30, keepRuns: 1000 }

  # Examples: remove the leading "# " to enable one.
  #
  # A shell command every night at 01:00, with a retry and its own timeout:
  # - id: backup-home
  #   name: Back up home to the NAS
  #   cron: "0 1 * * *"
  #   command: restic backup ~/ --tag nightly
  #   env: { RESTIC_REPOSITORY: /mnt/nas/restic }
  #   timeout: 2h
  #   retry: { attempts: 3, delay: 5m, backoff: 2 }
  #
  # A command given as a list of arguments (no shell, no quoting surprises), every 15 minutes:
  # - id: notes-sync
  #   name: Pull my notes repository
  #   every: 15m
  #   command: ["git", "-C", "/home/me/notes", "pull", "--ff-only"]
  #
  # A website check every minute: fails when the answer is not 200 within 10 seconds.
  # - id: site-up
  #   name: Website answers
  #   every: 1m
  #   http: { url: "https://example.org/health", expectStatus: 200, timeout: 10s }
  #   notify: { failure: true }
`;
