/**
 * cron's `@` shorthands and the five fields each stands for (man 5 crontab; croner reads the same). One table for
 * the schema check, the schedule in words, the import and the export. `@reboot` is not a schedule: the crontab import
 * reports it.
 */
export const CRON_NICKNAME_FIELDS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

export const CRON_NICKNAMES = Object.keys(CRON_NICKNAME_FIELDS) as readonly string[];
