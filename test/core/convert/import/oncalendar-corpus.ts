/**
 * Real-world `OnCalendar=` lines: the examples of systemd.time(7) (with the 2012 years made open, so they still
 * elapse) and the timers of common units and admin write-ups. Each imports to one Cronbar cron job.
 */
export const ONCALENDAR_CORPUS: readonly string[] = [
  // systemd.time(7), "Calendar events" examples
  'Thu,Fri *-*-1,5 11:12:13',
  'Sat,Thu,Mon..Wed,Sat..Sun',
  'Mon,Sun *-*-* 2,1:23',
  'Wed *-1',
  'Wed..Wed,Wed *-1',
  'Wed, 17:48',
  'Wed..Sat,Tue *-10-15 1:2:3',
  '*-*-7 0:0:0',
  '10-15',
  'monday *-12-* 17:00',
  'Mon,Fri *-*-3,1,2 *:30:45',
  '12,14,13,12:20,10,30',
  '12..14:10,20,30',
  'mon,fri *-1/2-1,3 *:30:45',
  '03-05 08:05:40',
  '08:05:40',
  '05:40',
  'Sat,Sun 12-05 08:05:40',
  'Sat,Sun 08:05:40',
  '2030-03-05 05:40 UTC',
  'hourly',
  'daily',
  'daily UTC',
  'monthly',
  'weekly',
  'weekly Pacific/Auckland',
  'yearly',
  'annually',
  'quarterly',
  'semiannually',
  'minutely',
  '*:2/3',
  'Mon *-05~07/1',
  '*-*~01',
  // Timers shipped by distributions
  '*-*-* 6,18:00', // apt-daily.timer
  '*-*-* 6:00', // apt-daily-upgrade.timer
  '*-*-* 00,12:00:00', // certbot.timer
  'Sun *-*-* 03:10:00', // e2scrub_all.timer
  'Sun *-*-1..7 1:00:00', // mdcheck_start.timer: the first Sunday
  'Sun *-*-* 01:00:00', // raid-check.timer
  '*-*-* 00:00:00', // logrotate.timer (normalized daily)
  'Mon *-*-* 00:00:00', // fstrim.timer (normalized weekly)
  // Admin write-ups: business hours, first/second weekdays, last days, zones that change clocks
  'Mon..Fri 09:00 Europe/Berlin',
  'Mon..Fri *-*-* 09..17:00/30 Europe/Berlin',
  '*-*-* 02:30:00 Europe/Berlin',
  'Sun 02:30 Europe/Paris',
  '*:0/15 Europe/London',
  'hourly America/New_York',
  '*-*-* 01:30 America/New_York',
  '*-*-* 02:30:00 America/Chicago',
  '*-*-* 04:00:00 America/Los_Angeles',
  '*-*-* 03:00 Australia/Sydney',
  '*-*-* 23:45 Asia/Kolkata',
  'Fri *-*~07/1 18:00',
  '*-*~01 23:00',
  'Sat *-*-8..14 03:00',
  'Mon *-*-1,15',
  '*-*-1,15 04:00',
  'Tue..Thu 23:59:59',
  '*-*-* *:*:00/10',
  '*-*-* 0/6:00:00',
  '*-*-* 9..17/2:00',
  '2027/2-01-01 00:00:00',
  '*-*-* 00:00:30',
  '*-01-01 00:00:00 UTC',
];

/** Lines with no one-pattern Cronbar form: the import refuses them and says why. */
export const ONCALENDAR_REFUSED: readonly string[] = ['*-02~03', '*-*~03', '*-*~1..3'];
