/**
 * `cronbar import <crontab|systemd|launchd> [FILE|DIR]`: brings existing jobs into the jobs file (appended, comments
 * kept) or, with --dry-run, prints them as YAML. Every line or setting that is not carried over exactly is printed
 * as file:line: reason. Jobs the file has already are not added again (and named). Afterwards it says what still
 * runs the jobs — with --disable-source the crontab lines are commented out; systemd and launchd get the commands to
 * run. No prompt: scripts and pipes run it as they would any command. Exit 1 when nothing could be imported.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CronbarError, IMPORT_FORMATS } from '../../../../shared/api/contract';
import type { AlreadyInCronbar } from '../../convert/import/already-in-cronbar';
import { formatLoss } from '../../convert/import/import-jobs';
import type { SourceStillRuns } from '../../convert/import/source-still-runs';
import type { ImportFormat, ImportLoss } from '../../convert/import/import-types';
import { readFileOrNull, readImportSources } from '../../convert/import/read-sources';
import { planImport } from '../../service/import-plan';
import { dataPaths } from '../../store/data-paths';
import { type CliArgs, UsageError, expectPositionals, stringOption } from '../args';
import { openFromArgs, resolveDataDir } from '../open-from-args';

export async function importCommand(
  args: CliArgs,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  expectPositionals(args, 1, 2, 'a format (crontab, systemd or launchd) and an optional FILE or DIR');
  const format = args.positionals[0]! as ImportFormat;
  if (!(IMPORT_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`cannot import ${JSON.stringify(format)}: use ${IMPORT_FORMATS.join(', ')}`);
  const disableSource = args.options['disable-source'] === true;
  if (disableSource && format !== 'crontab')
    throw new UsageError(
      `--disable-source comments out lines of your crontab; for ${format} the import prints the commands that stop the originals`,
    );
  if (disableSource && args.options.system === true)
    throw new UsageError(
      "--disable-source edits your own crontab; a system crontab is root's to edit (the import prints which lines)",
    );
  const files = await Promise.all(readImportSources(format, args.positionals[1]).map(asText));
  const prefix = stringOption(args, 'prefix');
  const input = {
    format,
    files,
    ...(prefix ? { prefix } : {}),
    ...(args.options.system === true ? { systemCrontab: true } : {}),
    ...(args.options['cronbar-defaults'] === true ? { policies: 'cronbar' as const } : {}),
  };

  if (args.options['dry-run'] === true) {
    const configPath = args.config ? path.resolve(args.config) : dataPaths(resolveDataDir(args)).configPath;
    const current = fs.existsSync(configPath) ? fs.readFileSync(configPath, 'utf8') : '';
    const preview = (
      await planImport(input, current, {
        fileName: path.basename(configPath),
        now: Date.now(),
        readFile: readFileOrNull,
      })
    ).preview();
    if (args.json) {
      out.write(
        `${JSON.stringify({ dryRun: true, configPath, added: [], jobs: preview.jobs, yaml: preview.yaml, losses: lossesJson(preview.losses), alreadyInCronbar: preview.alreadyInCronbar, sourceStillRuns: preview.sourceStillRuns }, null, 2)}\n`,
      );
      return preview.jobs.length === 0 && preview.alreadyInCronbar.length === 0 ? 1 : 0;
    }
    printLosses(preview.losses, err);
    printAlready(preview.alreadyInCronbar, err);
    if (preview.jobs.length === 0 && preview.alreadyInCronbar.length === 0) return nothingImported(preview.losses, err);
    out.write(preview.yaml);
    err.write(
      `${preview.jobs.length} job${preview.jobs.length === 1 ? '' : 's'} would be added (dry run: ${configPath} unchanged)\n`,
    );
    const lines = preview.sourceStillRuns.crontabLines;
    if (disableSource && lines.length > 0) {
      err.write(`--disable-source would comment out ${plural(lines.length, 'line')} in your crontab:\n`);
      for (const line of lines) err.write(`  ${line.text}\n`);
    }
    return 0;
  }

  const service = await openFromArgs(args, { importReadFile: readFileOrNull });
  try {
    const result = await service.importJobs(input);
    const lines = result.sourceStillRuns.crontabLines;
    const disabled = disableSource && lines.length > 0 ? await service.disableCrontabLines({ lines }) : null;
    if (args.json) {
      out.write(
        `${JSON.stringify({ dryRun: false, configPath: service.configPath, added: result.ids, losses: lossesJson(result.losses), alreadyInCronbar: result.alreadyInCronbar, sourceStillRuns: result.sourceStillRuns, disabledSource: disabled }, null, 2)}\n`,
      );
      return 0;
    }
    printLosses(result.losses, err);
    printAlready(result.alreadyInCronbar, err);
    if (result.ids.length > 0)
      out.write(`added ${plural(result.ids.length, 'job')} to ${service.configPath}: ${result.ids.join(', ')}\n`);
    else
      out.write(
        `nothing new: ${result.alreadyInCronbar.length === 1 ? 'the job is' : `all ${result.alreadyInCronbar.length} jobs are`} in ${service.configPath} already (above); it is unchanged\n`,
      );
    if (disabled) printDisabled(disabled, out);
    else printStillRuns(result.sourceStillRuns, args.positionals[1], out);
    return 0;
  } catch (error) {
    if (
      error instanceof CronbarError &&
      error.code === 'invalid-input' &&
      /^nothing could be imported/.test(error.message)
    ) {
      const plan = await planImport(input, fs.readFileSync(service.configPath, 'utf8'), {
        fileName: path.basename(service.configPath),
        now: Date.now(),
        readFile: readFileOrNull,
      });
      const preview = plan.preview();
      if (args.json) {
        out.write(
          `${JSON.stringify({ dryRun: false, configPath: service.configPath, added: [], losses: lossesJson(preview.losses) }, null, 2)}\n`,
        );
        return 1;
      }
      printLosses(preview.losses, err);
      return nothingImported(preview.losses, err);
    }
    throw error;
  } finally {
    await service.shutdown();
  }
}

/**
 * The service takes text; a binary plist is turned into its XML form first (what `plutil -convert xml1` prints), and
 * its lines are that form's lines.
 */
async function asText(source: {
  name: string;
  text: string;
  bytes?: Uint8Array;
}): Promise<{ name: string; text: string }> {
  if (!source.bytes || Buffer.from(source.bytes.subarray(0, 6)).toString('latin1') !== 'bplist')
    return { name: source.name, text: source.text };
  const { build, parseBinary } = await import('plist');
  return { name: `${source.name} (as XML)`, text: build(parseBinary(Buffer.from(source.bytes)) as never) };
}

function lossesJson(losses: readonly ImportLoss[]) {
  return losses.map((loss) => ({ ...loss, text: formatLoss(loss) }));
}

function printLosses(losses: readonly ImportLoss[], err: NodeJS.WritableStream): void {
  // file:line: reason lines stay whole, as a compiler's do: editors and grep read them.
  for (const loss of losses) err.write(`${formatLoss(loss)}\n`);
  if (losses.length > 0)
    err.write(`${losses.length} thing${losses.length === 1 ? '' : 's'} not carried over exactly (above)\n`);
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

function printAlready(already: readonly AlreadyInCronbar[], err: NodeJS.WritableStream): void {
  for (const entry of already) err.write(`${formatLoss(entry)}\n`);
}

/** Without --disable-source: the jobs now run twice until the source stops; say so, and how. */
function printStillRuns(still: SourceStillRuns, target: string | undefined, out: NodeJS.WritableStream): void {
  const lines = still.crontabLines;
  if (lines.length > 0) {
    const again = target === undefined ? '' : target === '-' ? ' -' : ` ${shellWord(target)}`;
    out.write(
      // Short lines: the notice is read in an 80-column terminal.
      `cron still runs ${lines.length === 1 ? 'this job' : `these ${lines.length} jobs`}: each runs twice until its line is commented out.\n` +
        `To comment out exactly ${lines.length === 1 ? 'that line' : 'those lines'} in your crontab (a backup is written first):\n` +
        `  ${target === '-' ? 'crontab -l | ' : ''}cronbar import crontab${again} --disable-source\n`,
    );
  }
  if (still.commands.length > 0) {
    out.write('the old scheduler still runs them: each runs twice until it stops them.\nTo stop it:\n');
    for (const command of still.commands) out.write(`  ${command}\n`);
  }
}

/** A path as a POSIX shell reads it back. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

function printDisabled(
  result: {
    backupPath: string | null;
    commented: Array<{ line: number; text: string }>;
    notFound: Array<{ text: string }>;
  },
  out: NodeJS.WritableStream,
): void {
  if (result.commented.length > 0)
    out.write(
      `commented out ${plural(result.commented.length, 'line')} in your crontab (lines ${result.commented.map((entry) => entry.line).join(', ')}); cron no longer runs them. The crontab as it was: ${result.backupPath}\n`,
    );
  if (result.notFound.length > 0) {
    out.write(`not in your crontab, left alone (${result.notFound.length}):\n`);
    for (const entry of result.notFound) out.write(`  ${entry.text}\n`);
  }
}

function nothingImported(losses: readonly ImportLoss[], err: NodeJS.WritableStream): number {
  err.write(
    `cronbar: nothing could be imported${losses.length > 0 ? '' : ' (no jobs found)'}; the jobs file is unchanged\n`,
  );
  return 1;
}
