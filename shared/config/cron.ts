import { Cron } from 'croner';

/**
 * Checks a cron expression in croner's dialect (5, 6 or 7 fields, `L W # ?`, `@daily` and friends).
 * Returns null when valid, else a message an admin can act on.
 */
export function cronError(expr: string, timezone?: string): string | null {
  try {
    new Cron(expr, { paused: true, timezone });
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
