/**
 * After an import the old scheduler keeps running the same jobs: every one would then run twice. This says what still
 * runs them and how to stop it — the lines of the user's own crontab that Cronbar can comment out (crontab-install.ts),
 * or the commands to give systemd or launchd (Cronbar does not stop units or agents itself: they may do more than
 * the job).
 */
import path from 'node:path';
import type { ImportFormat } from './import-types';

export interface StillRunning {
  file: string;
  line: number;
  /** The source line (crontab). */
  sourceText?: string;
  /** A disabled (commented-out) source line runs nothing. */
  enabled: boolean;
  /** The Cronbar job that now runs it. */
  jobId: string;
  /** A system crontab (`/etc/crontab`, `/etc/cron.d/*`): root's to edit, not the user's crontab. */
  systemCrontab: boolean;
}

export interface SourceStillRuns {
  /** Lines of the user's crontab to comment out, each with the job that now runs it. */
  crontabLines: Array<{ text: string; jobId: string }>;
  /** What to run by hand (systemd, launchd, a system crontab). */
  commands: string[];
}

const SYSTEM_UNIT_DIRS = /^\/(etc|usr\/lib|lib|run)\/systemd\/system\//;

export function sourceStillRuns(format: ImportFormat, entries: readonly StillRunning[]): SourceStillRuns {
  const running = entries.filter((entry) => entry.enabled);
  const crontabLines: SourceStillRuns['crontabLines'] = [];
  const commands: string[] = [];
  if (format === 'crontab') {
    const systemLines = new Map<string, number[]>();
    for (const entry of running) {
      if (entry.systemCrontab) systemLines.set(entry.file, [...(systemLines.get(entry.file) ?? []), entry.line]);
      else if (entry.sourceText) crontabLines.push({ text: entry.sourceText, jobId: entry.jobId });
    }
    for (const [file, lines] of systemLines)
      commands.push(`sudoedit ${file}   # comment out line${lines.length === 1 ? '' : 's'} ${lines.join(', ')}`);
  } else {
    for (const file of new Set(running.map((entry) => entry.file))) {
      const name = path.basename(file);
      if (format === 'systemd') {
        commands.push(
          SYSTEM_UNIT_DIRS.test(file)
            ? `sudo systemctl disable --now ${name}`
            : `systemctl --user disable --now ${name}`,
        );
      } else if (/^\/(Library|System\/Library)\/LaunchDaemons\//.test(file)) {
        commands.push(`sudo launchctl bootout system ${file}`, `sudo mv ${file} ${file}.moved-to-cronbar`);
      } else {
        // bootout stops it now; launchd loads every *.plist of the folder again at the next login, so it is renamed.
        const where = path.isAbsolute(file) ? file : `~/Library/LaunchAgents/${name}`;
        commands.push(`launchctl bootout gui/$(id -u) ${where}`, `mv ${where} ${where}.moved-to-cronbar`);
      }
    }
  }
  return { crontabLines, commands };
}
