/**
 * The far-future schedules for the idle and scale figures: all due next year (none fires during the run), drawn
 * from a pool of distinct expressions the way a real jobs file repeats a few schedules (`0 2 * * *`) across jobs.
 */

/** Job i gets pool entry i mod poolSize: a second, minute and hour, on a day of a month that is next year. */
export function farFutureExpressions(count: number, poolSize: number, now = new Date()): string[] {
  // Months strictly before the current one come round again only next year; from January that leaves none, so
  // pin the year instead (7-field form).
  const month = now.getMonth() + 1;
  const year = now.getFullYear() + 1;
  const pool = Array.from({ length: Math.min(poolSize, count) }, (_, i) => {
    const second = i % 60;
    const minute = Math.floor(i / 60) % 60;
    const hour = Math.floor(i / 3600) % 24;
    const day = 1 + (i % 28);
    const pickMonth = month > 1 ? 1 + (i % (month - 1)) : 1 + (i % 12);
    return month > 1
      ? `${second} ${minute} ${hour} ${day} ${pickMonth} *`
      : `${second} ${minute} ${hour} ${day} ${pickMonth} * ${year}`;
  });
  return Array.from({ length: count }, (_, i) => pool[i % pool.length]!);
}
