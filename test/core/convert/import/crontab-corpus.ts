/**
 * A user crontab as admins write them: lines from man 5 crontab, distribution cron.d files and common how-tos, with
 * comments, variables and a commented-out job. 45 job lines.
 */
export const CRONTAB_CORPUS = `# Edit this file to introduce tasks to be run by cron.
#
# For example, you can run a backup of all your user accounts
# at 5 a.m every week with:
# 0 5 * * 1 tar -zcf /var/backups/home.tgz /home/
#
# m h  dom mon dow   command
SHELL=/bin/bash
PATH=/usr/local/bin:/usr/bin:/bin
MAILTO=admin@example.org

# run five minutes after midnight, every day
5 0 * * *       $HOME/bin/daily.job >> $HOME/tmp/out 2>&1
# run at 2:15pm on the first of every month
15 14 1 * *     $HOME/bin/monthly
# run at 10 pm on weekdays, annoy Joe
0 22 * * 1-5    mail -s "It's 10pm" joe%Joe,%%Where are your kids?%
23 0-23/2 * * * echo "run 23 minutes after midn, 2am, 4am ..., everyday"
5 4 * * sun     echo "run at 5 after 4 every sunday"
0 */4 1 * mon   echo "run every 4th hour on the 1st and on every Monday"
0 0 1,15 * 5    echo "the 1st, the 15th and every Friday"
0 0 */2 * 5     echo "odd days that are Fridays"
0 12 * * */2    echo "noon on Sun, Tue, Thu, Sat"
30 6 1-7 * 1    /usr/local/bin/first-week-or-monday
17 * * * *      cd / && run-parts --report /etc/cron.hourly
25 6 * * *      test -x /usr/sbin/anacron || ( cd / && run-parts --report /etc/cron.daily )
47 6 * * 7      test -x /usr/sbin/anacron || ( cd / && run-parts --report /etc/cron.weekly )
52 6 1 * *      test -x /usr/sbin/anacron || ( cd / && run-parts --report /etc/cron.monthly )
*/5 * * * *     /usr/lib/sysstat/debian-sa1 1 1
59 23 * * *     /usr/lib/sysstat/debian-sa1 60 2
0 3 * * *       /usr/bin/certbot renew --quiet
0 */12 * * *    /usr/bin/certbot renew -q
30 2 * * 0      /usr/local/bin/backup.sh --full
30 2 * * 1-6    /usr/local/bin/backup.sh --incremental
0 1 * * *       restic backup ~/ --tag nightly
@daily          /usr/bin/find /tmp -type f -mtime +7 -delete
@hourly         /usr/local/bin/rotate-logs
@weekly         /usr/bin/apt-get -qq update
@monthly        /usr/local/bin/report --month
@yearly         /usr/local/bin/archive-year
@midnight       /usr/local/bin/midnight-tasks
*/15 9-17 * * 1-5 /usr/local/bin/check-queue
0 9-18 * * mon-fri /usr/local/bin/hourly-sync
0 0 * jan,jul *  /usr/local/bin/half-year
0 8 1 */3 *     /usr/local/bin/quarterly-report
15 3 * * 6      /usr/bin/docker system prune -af
0 4 * * *       pg_dump -U postgres app | gzip > /var/backups/app-$(date +\\%F).sql.gz
*/10 * * * *    /usr/bin/php /var/www/html/cron.php > /dev/null 2>&1
* * * * *       /usr/local/bin/heartbeat
0 0 29 2 *      echo "leap day"
0 6 L * *       echo "not cron: L is croner's"
0 0 31 * *      /usr/local/bin/month-end-31
0 5 * * 1,3,5   /home/ana/bin/sync.sh
0 18 * * fri    /home/ana/bin/weekly-mail
45 23 28-31 * * [ "$(date -d tomorrow +\\%d)" = "01" ] && /usr/local/bin/month-end
0 7 * * 1-5     DISPLAY=:0 /usr/bin/notify-send "Stand-up in 30 minutes"
0 2 */3 * *     /usr/local/bin/every-third-day
0 0 1 1 *       /usr/local/bin/new-year
5 5 5 5 *       /usr/local/bin/once-a-year
0 12 15 * 1-5   echo "the 15th or a weekday at noon"
# 0 3 * * * /usr/local/bin/old-job --disabled
0 0 * * 7       /usr/local/bin/sunday-as-seven
@reboot         /usr/local/bin/on-boot
`;
