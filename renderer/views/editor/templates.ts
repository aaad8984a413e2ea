/**
 * Starting points for the add form: jobs an admin of a workstation sets up first. What the admin must fill in is
 * written «like this»; the form refuses to save while one is left (`FILL_IN` in job-form-model.ts). Each template
 * is checked against the jobs-file schema by test/renderer/views/editor-templates.test.ts.
 */
export interface JobTemplate {
  key: string;
  label: string;
  source: Record<string, unknown>;
}

export const JOB_TEMPLATES: JobTemplate[] = [
  {
    key: 'shell',
    label: 'Shell command',
    source: { id: 'my-job', name: 'My job', cron: '0 * * * *', command: 'echo "hello from cronbar"' },
  },
  {
    key: 'restic',
    label: 'restic backup',
    source: {
      id: 'restic-backup',
      name: 'Back up my home with restic',
      cron: '30 1 * * *',
      command: 'restic backup --one-file-system --exclude-caches ~/',
      env: {
        RESTIC_REPOSITORY: '«sftp:user@host:/srv/restic-repo»',
        RESTIC_PASSWORD_FILE: '«~/.config/restic/password»',
      },
      // A backup may take a while, must never run twice at once, and one missed night is made up once.
      timeout: '6h',
      overlap: 'skip',
      catchUp: 'once',
      retry: { attempts: 2, delay: '15m' },
      expect: { succeededWithin: '26h' },
      warnAfter: '3h',
    },
  },
  {
    key: 'borg',
    label: 'borg backup',
    source: {
      id: 'borg-backup',
      name: 'Back up my home with borg',
      cron: '45 1 * * *',
      command: 'borg create --stats --compression zstd --exclude-caches ::{hostname}-{now} ~/',
      env: {
        BORG_REPO: '«ssh://user@host/./borg-repo»',
        BORG_PASSCOMMAND: '«cat ~/.config/borg/passphrase»',
      },
      timeout: '6h',
      overlap: 'skip',
      catchUp: 'once',
      retry: { attempts: 2, delay: '15m' },
      expect: { succeededWithin: '26h' },
      warnAfter: '3h',
    },
  },
  {
    key: 'rsync',
    label: 'rsync mirror',
    source: {
      id: 'rsync-mirror',
      name: 'Mirror a folder with rsync',
      cron: '0 3 * * *',
      // Arguments, no shell: paths with spaces need no quoting. The trailing / copies the folder's contents.
      command: ['rsync', '--archive', '--delete', '--partial', '«~/Documents/»', '«/mnt/backup/Documents/»'],
      timeout: '3h',
      overlap: 'skip',
      catchUp: 'once',
      retry: { attempts: 1, delay: '10m' },
      expect: { succeededWithin: '26h' },
    },
  },
  {
    key: 'git-pull',
    label: 'git pull of a repository',
    source: {
      id: 'git-pull',
      name: 'Pull a repository',
      every: '15m',
      command: ['git', '-C', '«~/src/my-repo»', 'pull', '--ff-only'],
      // Another pull comes in 15 minutes: a missed one is not made up, and a hung one (a password prompt) is stopped.
      timeout: '2m',
      overlap: 'skip',
      catchUp: 'skip',
      env: { GIT_TERMINAL_PROMPT: '0' },
      expect: { succeededWithin: '2h' },
      notify: { alertAfter: 3 },
    },
  },
  {
    key: 'certbot',
    label: 'Certificate renewal',
    source: {
      id: 'certbot-renew',
      name: 'Renew TLS certificates',
      // Twice a day at an odd minute, as certbot recommends; it renews only certificates near their end.
      cron: '17 3,15 * * *',
      command: 'certbot renew --quiet --deploy-hook "«systemctl reload nginx»"',
      timeout: '15m',
      overlap: 'skip',
      catchUp: 'once',
      jitter: '30m',
      retry: { attempts: 2, delay: '1h' },
      expect: { succeededWithin: '3d' },
    },
  },
  {
    key: 'disk-space',
    label: 'Disk-space check',
    source: {
      id: 'disk-space',
      name: 'Warn when a disk is over 90 % full',
      every: '30m',
      // Fails (and so notifies) at 90 % or more; POSIX df, so it reads the same on Linux and macOS.
      command: 'used=$(df -P "$MOUNT" | awk \'NR==2 {print $5+0}\'); echo "$MOUNT is $used% full"; [ "$used" -lt 90 ]',
      env: { MOUNT: '«/home»' },
      timeout: '1m',
      overlap: 'skip',
      catchUp: 'skip',
      notify: { failure: true, recovered: true },
    },
  },
  {
    key: 'http-check',
    label: 'HTTP health check',
    source: {
      id: 'site-up',
      name: 'Website answers',
      every: '5m',
      http: { url: 'https://«example.org»/health', expectStatus: 200, timeout: '10s' },
      timeout: '30s',
      overlap: 'skip',
      catchUp: 'skip',
      notify: { alertAfter: 2 },
    },
  },
  {
    key: 'cleanup',
    label: 'Delete files older than N days',
    source: {
      id: 'downloads-cleanup',
      name: 'Delete downloads older than 30 days',
      cron: '30 9 * * 1-5',
      command: 'find «~/Downloads» -type f -mtime +30 -delete',
      timeout: '10m',
      overlap: 'skip',
    },
  },
];
