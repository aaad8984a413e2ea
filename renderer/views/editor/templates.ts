/** Starting points for the add form: the jobs admins set up first. */
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
    key: 'git-pull',
    label: 'git pull of a folder',
    source: {
      id: 'pull-notes',
      name: 'Pull my notes repository',
      every: '15m',
      command: ['git', '-C', '~/notes', 'pull', '--ff-only'],
    },
  },
  {
    key: 'http-check',
    label: 'HTTP health check',
    source: {
      id: 'site-up',
      name: 'Website answers',
      every: '5m',
      http: { url: 'https://example.org/health', expectStatus: 200, timeout: '10s' },
      overlap: 'skip',
    },
  },
  {
    key: 'cleanup',
    label: 'Delete files older than N days',
    source: {
      id: 'downloads-cleanup',
      name: 'Delete downloads older than 30 days',
      cron: '30 9 * * 1-5',
      command: 'find ~/Downloads -type f -mtime +30 -delete',
    },
  },
  {
    key: 'db-backup',
    label: 'Database backup',
    source: {
      id: 'db-backup',
      name: "Back up Cronbar's database",
      cron: '0 2 * * *',
      builtin: 'backup-database',
      with: { keep: 7 },
    },
  },
];
